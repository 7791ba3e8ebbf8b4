/** The search migrations on a store that already holds rows: 0004 indexes products, 0019 adds pinyin and indexes videos, people and rooms. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, type Kysely, type Migration } from 'kysely';
import { emptyStore, type EmptyStore } from '../test-support/index.js';
import { migrations as allMigrations } from './migrate.js';
import type { CoreContext } from '../context.js';
import { searchPeople, searchProducts, searchVideos } from '../discovery/index.js';

const foundation = allMigrations['0001_foundation']!;
const search = allMigrations['0004_search']!;

async function withStore(fn: (store: EmptyStore) => Promise<void>): Promise<void> {
  const store = await emptyStore({ pgPoolSize: 2 });
  try {
    await fn(store);
  } finally {
    await store.dispose();
  }
}

const migrate = async (db: Kysely<any>, migrations: Record<string, Migration>, schema?: string) => {
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  }).migrateToLatest();
  if (error) throw error;
};

test('the search migration indexes the products that already exist', async () => {
  await withStore(async (storage) => {
    const { db } = storage;
    await migrate(db, { '0001_foundation': foundation }, storage.schema);
    const now = 1_700_000_000_000;
    await db
      .insertInto('users')
      .values({ id: 'usr_01', login: 'owner', display_name: '店主', password_hash: 'x', created_at: now })
      .execute();
    await db
      .insertInto('shops')
      .values({
        id: 'shp_01',
        name: '北大仓粮油旗舰店',
        description: '',
        origin: '',
        owner_id: 'usr_01',
        shipping_fee_fen: 0,
        free_shipping_over_fen: null,
        status: 'open',
        created_at: now,
      })
      .execute();
    await db
      .insertInto('categories')
      .values([
        {
          id: 'cat_01',
          parent_id: null,
          name: '粮油调味',
          ship_by_hours: 72,
          perishable: 0,
          fee_rate_bp: 100,
          sort: 0,
          created_at: now,
        },
        {
          id: 'cat_02',
          parent_id: 'cat_01',
          name: '大米',
          ship_by_hours: 72,
          perishable: 0,
          fee_rate_bp: 100,
          sort: 0,
          created_at: now,
        },
      ])
      .execute();
    const product = (id: string, title: string, status: string, sales: number) => ({
      id,
      shop_id: 'shp_01',
      category_id: 'cat_02',
      title,
      description: '',
      spec_options: '[]',
      status,
      min_price_fen: 5990,
      sales,
      created_at: now,
      updated_at: now,
    });
    await db
      .insertInto('products')
      .values([
        product('prd_01', '五常稻花香大米 5kg 好吃不贵', 'listed', 3),
        product('prd_02', '东北珍珠米 当季新米 5kg', 'listed', 9),
        product('prd_03', '宁安响水大米 10kg 家庭装', 'draft', 0),
      ])
      .execute();

    await migrate(db, { '0001_foundation': foundation, '0004_search': search }, storage.schema);

    const docs = await db.selectFrom('search_documents').select('product_id').orderBy('product_id').execute();
    assert.deepEqual(
      docs.map((d) => d.product_id),
      ['prd_01', 'prd_02', 'prd_03'],
      'every existing product has a document',
    );
    assert.deepEqual(
      await db
        .selectFrom('search_documents')
        .select(['title_terms', 'title_words', 'category_terms', 'shop_terms'])
        .where('product_id', '=', 'prd_01')
        .executeTakeFirstOrThrow(),
      {
        title_terms: '五常 稻 花香 大米 5kg 好吃 不 贵 五 常 花 香 大 米 好 吃',
        title_words: '五常 稻 花香 大米 5kg 好吃 不 贵',
        category_terms: '粮油 调味 大米 粮 油 调 味 大 米',
        shop_terms: '北大 大仓 北大仓 粮油 旗舰 旗舰店 北 大 仓 粮 油 旗 舰 店',
      },
      'the document as 0004 wrote it when it shipped (no pinyin: 0019 added it), whatever the search module does today',
    );
    const ctx = { db, dialect: storage.dialect } as CoreContext;
    const rice = await searchProducts(ctx, { q: '大米' });
    assert.deepEqual(
      rice.items.map((i) => i.id),
      ['prd_01', 'prd_02'],
      'by title, then the category 大米 (the draft stays hidden)',
    );
    assert.deepEqual(
      (await searchProducts(ctx, { q: '粮油' })).items.map((i) => i.id),
      ['prd_02', 'prd_01'],
      'the parent category too, by sales',
    );
  });
});

test('the pinyin migration re-indexes existing products and indexes existing videos, people and live rooms', async () => {
  await withStore(async (storage) => {
    const { db } = storage;
    const before = Object.fromEntries(Object.entries(allMigrations).filter(([name]) => name < '0019_search_pinyin'));
    await migrate(db, before, storage.schema);
    const now = 1_700_000_000_000;
    await db
      .insertInto('users')
      .values([
        { id: 'usr_01', login: 'owner', display_name: '店主', password_hash: 'x', created_at: now },
        { id: 'usr_02', login: 'tea', display_name: '茶小仙', password_hash: 'x', created_at: now },
      ])
      .execute();
    await db
      .insertInto('shops')
      .values({
        id: 'shp_01',
        name: '云岭茶仓',
        description: '',
        origin: '',
        owner_id: 'usr_01',
        shipping_fee_fen: 0,
        free_shipping_over_fen: null,
        status: 'open',
        created_at: now,
      })
      .execute();
    await db
      .insertInto('categories')
      .values({
        id: 'cat_01',
        parent_id: null,
        name: '茶叶',
        ship_by_hours: 72,
        perishable: 0,
        fee_rate_bp: 100,
        sort: 0,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('products')
      .values({
        id: 'prd_01',
        shop_id: 'shp_01',
        category_id: 'cat_01',
        title: '勐海普洱熟茶饼',
        description: '',
        spec_options: '[]',
        status: 'listed',
        min_price_fen: 9900,
        sales: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    // A product document written before pinyin existed (what 0004's backfill and the old code wrote).
    await db
      .insertInto('search_documents')
      .values({
        product_id: 'prd_01',
        title_terms: '勐海 普洱 熟茶 饼 勐 海 普 洱 熟 茶',
        title_words: '勐海 普洱 熟茶 饼',
        category_terms: '茶叶 茶 叶',
        shop_terms: '云岭 茶仓',
        updated_at: now,
      })
      .execute();
    assert.deepEqual(
      (await searchProducts({ db, dialect: storage.dialect } as CoreContext, { q: 'puer' })).items,
      [],
      'no pinyin before the migration',
    );
    await db
      .insertInto('videos')
      .values({
        id: 'vid_01',
        owner_id: 'usr_02',
        host_kind: 'creator',
        shop_id: null,
        title: '普洱开箱',
        caption: '#喝茶',
        hashtags: '["喝茶"]',
        status: 'published',
        file_name: 'vid_01.mp4',
        content_type: 'video/mp4',
        bytes: 1,
        duration_ms: 1000,
        poster_file: null,
        views: 0,
        likes: 0,
        comments: 0,
        shares: 0,
        completions: 0,
        created_at: now,
        published_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('live_rooms')
      .values({
        id: 'lvr_01',
        title: '茶山直播',
        host_kind: 'shop',
        host_id: 'shp_01',
        created_by: 'usr_01',
        status: 'live',
        pinned_product_id: null,
        stream_key_hash: null,
        publishing: 0,
        fallback_video_url: null,
        stats: null,
        created_at: now,
        opened_at: now,
        ended_at: null,
        updated_at: now,
      })
      .execute();

    await migrate(db, allMigrations, storage.schema);

    const ctx = { db, dialect: storage.dialect, dataDir: '' } as unknown as CoreContext;
    assert.deepEqual(
      (await searchProducts(ctx, { q: 'puer' })).items.map((i) => i.id),
      ['prd_01'],
    );
    assert.deepEqual(
      (await searchProducts(ctx, { q: 'cha' })).items.map((i) => i.id),
      ['prd_01'],
    );
    assert.deepEqual(
      (await searchVideos(ctx, { q: 'puer' }, null)).items.map((i) => i.id),
      ['vid_01'],
    );
    assert.deepEqual(
      (await searchPeople(ctx, { q: 'chaxiaoxian' }, null)).items.map((i) => i.id),
      ['usr_02'],
    );
    const counts = await db.selectFrom('search_subjects').select(['kind']).execute();
    assert.deepEqual(counts.map((c) => c.kind).sort(), ['live', 'person', 'person', 'video']);
    const room = await db
      .selectFrom('search_subjects')
      .select(['name_terms', 'other_terms'])
      .where('subject_id', '=', 'lvr_01')
      .executeTakeFirstOrThrow();
    assert.match(` ${room.name_terms} `, / chashan /);
    assert.match(` ${room.other_terms} `, / yunling /, 'a shop room is found by its shop');
    assert.deepEqual(
      await db
        .selectFrom('search_documents')
        .select(['title_terms', 'title_words', 'category_terms', 'shop_terms'])
        .where('product_id', '=', 'prd_01')
        .executeTakeFirstOrThrow(),
      {
        title_terms: '勐海 普洱 熟茶 饼 勐 海 普 洱 熟 茶 menghai mh puer pe shucha sc bing meng hai pu er shu cha',
        title_words: '勐海 普洱 熟茶 饼',
        category_terms: '茶叶 茶 叶 chaye cy cha ye',
        shop_terms: '云岭 茶仓 云 岭 茶 仓 yunling yl chacang cc yun ling cha cang',
      },
      'the document as 0019 wrote it when it shipped, whatever the search module does today',
    );
    assert.deepEqual(
      await db
        .selectFrom('search_subjects')
        .select(['subject_id', 'name_terms', 'other_terms'])
        .where('subject_id', 'in', ['vid_01', 'usr_02'])
        .orderBy('subject_id')
        .execute(),
      [
        { subject_id: 'usr_02', name_terms: '茶小仙 茶 小 仙 chaxiaoxian cxx cha xiao xian', other_terms: '' },
        {
          subject_id: 'vid_01',
          name_terms: '普洱 开箱 普 洱 开 箱 puer pe kaixiang kx pu er kai xiang puerkaixiang pekx',
          other_terms: '喝茶 茶小仙 喝 茶 小 仙 hecha hc chaxiaoxian cxx he cha xiao xian',
        },
      ],
      'the video and person documents as 0019 wrote them',
    );
  });
});
