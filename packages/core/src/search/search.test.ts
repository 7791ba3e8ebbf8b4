import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestCore, makePerson, type TestCore } from '../test-support/index.js';
import { loadActor } from '../accounts/index.js';
import { createCategory, createShop, createProduct, setProductStatus, updateProduct } from '../catalog/index.js';
import type { Actor } from '../context.js';
import { backfillSearchIndex, reindexShop } from './search-index.js';
import { searchProducts } from '../discovery/index.js';
import { suggest } from './search-products.js';

interface Catalog {
  core: TestCore;
  owners: Record<'fruit' | 'kitchen' | 'tea', Actor>;
  shops: Record<'fruit' | 'kitchen' | 'tea', string>;
  cats: Record<'fruit' | 'rice' | 'tea' | 'pans' | 'knives' | 'boards', string>;
  ids: Record<string, string>;
}

/** A small, real-looking catalog over three shops (titles like the demo's). */
async function catalog(): Promise<Catalog> {
  const core = await openTestCore();
  const ctx = core.ctx;
  const rule = { shipByHours: 48, perishable: false, feeRateBp: 200 };
  const fresh = await createCategory(ctx, null, { name: '生鲜', ...rule });
  const grain = await createCategory(ctx, null, { name: '粮油调味', ...rule });
  const kitchen = await createCategory(ctx, null, { name: '厨房用品', ...rule });
  const drinks = await createCategory(ctx, null, { name: '茶饮', ...rule });
  const cats = {
    fruit: (await createCategory(ctx, null, { parentId: fresh.id, name: '水果', ...rule })).id,
    rice: (await createCategory(ctx, null, { parentId: grain.id, name: '大米', ...rule })).id,
    tea: (await createCategory(ctx, null, { parentId: drinks.id, name: '茶叶', ...rule })).id,
    pans: (await createCategory(ctx, null, { parentId: kitchen.id, name: '锅具', ...rule })).id,
    knives: (await createCategory(ctx, null, { parentId: kitchen.id, name: '刀具', ...rule })).id,
    boards: (await createCategory(ctx, null, { parentId: kitchen.id, name: '砧板', ...rule })).id,
  };
  const owners = {} as Catalog['owners'];
  const shops = {} as Catalog['shops'];
  for (const [key, name] of [
    ['fruit', '滇果优选旗舰店'],
    ['kitchen', '匠心厨房用品旗舰店'],
    ['tea', '云岭茶仓旗舰店'],
  ] as const) {
    const person = await makePerson(core, `owner-${key}`, [], false);
    shops[key] = (await createShop(ctx, person, { name })).id;
    owners[key] = await loadActor(ctx.db, person.userId);
  }
  const ids: Record<string, string> = {};
  const add = async (
    key: string,
    shop: keyof Catalog['shops'],
    cat: keyof Catalog['cats'],
    title: string,
    sales = 0,
    status: 'listed' | 'draft' = 'listed',
  ) => {
    const p = await createProduct(ctx, owners[shop], shops[shop], {
      categoryId: cats[cat],
      title,
      specOptions: [{ name: '规格', values: ['标准'] }],
      skus: [{ specValues: ['标准'], priceFen: 2990, originalPriceFen: 3990, stock: 10 }],
      status,
    });
    if (sales) await ctx.db.updateTable('products').set({ sales }).where('id', '=', p.id).execute();
    ids[key] = p.id;
  };
  await add('bingtang', 'fruit', 'fruit', '哀牢山冰糖橙 新鲜当季现摘 5斤装 果园直供', 5);
  await add('bingtangLive', 'fruit', 'fruit', '【直播专享】云南褚橙冰糖橙 3斤装 农家自种', 50);
  await add('qicheng', 'fruit', 'fruit', '赣南脐橙 10斤装 甜过初恋', 20);
  await add('mango', 'fruit', 'fruit', '华坪凯特芒果 10斤装 包邮到家', 90);
  await add('rice', 'kitchen', 'rice', '五常稻花香大米 5kg 好吃不贵', 3);
  await add('rice2', 'kitchen', 'rice', '东北珍珠米 当季新米 5kg 软糯香甜', 30);
  await add('puer', 'tea', 'tea', '云南勐海普洱熟茶饼 357g 浓香耐泡', 7);
  await add('puerTea', 'tea', 'tea', '普洱茶化石碎银子 核心产区 100g', 1);
  await add('greenTea', 'tea', 'tea', '明前龙井绿茶 250g 口粮茶', 40);
  await add('pan', 'kitchen', 'pans', '麦饭石色不粘炒锅 32cm 不易变形', 4);
  await add('wok', 'kitchen', 'pans', '章丘手工锻打铁锅 30cm 大厨同款', 60);
  await add('board', 'kitchen', 'boards', 'TPU抗菌砧板 36×24cm 双面可用', 2);
  await add('knife', 'kitchen', 'knives', '陶瓷水果刀 两把装 厨房好物', 80);
  await add('draftOrange', 'fruit', 'fruit', '秭归伦晚脐橙 新品 待上架', 0, 'draft');
  return { core, owners, shops, cats, ids };
}

const _titlesOf = async (c: Catalog, q: string, limit = 50): Promise<string[]> =>
  (await searchProducts(c.core.ctx, { q, limit })).items.map((i) => i.title);
const idsOf = async (c: Catalog, q: string, limit = 50): Promise<string[]> =>
  (await searchProducts(c.core.ctx, { q, limit })).items.map((i) => i.id);

test('Chinese queries find what a shopper expects (橙子, 冰糖橙, 普洱, 大米, 不粘锅, TPU砧板)', async () => {
  const c = await catalog();
  try {
    const { ids } = c;
    assert.deepEqual(
      new Set(await idsOf(c, '橙子')),
      new Set([ids.bingtangLive, ids.qicheng, ids.bingtang]),
      '橙子 finds every listed orange and nothing else',
    );
    assert.deepEqual(await idsOf(c, '冰糖橙'), [ids.bingtangLive, ids.bingtang]);
    assert.deepEqual(
      await idsOf(c, '普洱'),
      [ids.puer, ids.puerTea],
      'the word on its own ranks above the compound 普洱茶',
    );
    assert.deepEqual(new Set(await idsOf(c, '普洱茶')), new Set([ids.puer, ids.puerTea]));
    assert.deepEqual(
      new Set(await idsOf(c, '大米')),
      new Set([ids.rice, ids.rice2]),
      'by title or by the category 大米',
    );
    assert.deepEqual(await idsOf(c, '不粘锅'), [ids.pan]);
    for (const q of ['TPU砧板', 'tpu', 'ＴＰＵ 砧板', '抗菌砧板']) assert.deepEqual(await idsOf(c, q), [ids.board], q);
    assert.deepEqual(
      new Set(await idsOf(c, '云南的橙子')),
      new Set([ids.bingtangLive]),
      'every word must match; stop words are ignored',
    );
    assert.deepEqual(await idsOf(c, '榴莲'), [], 'nothing matches: an empty page');
    const card = (await searchProducts(c.core.ctx, { q: '砧板' })).items[0]!;
    assert.deepEqual(
      {
        shopName: card.shopName,
        priceFen: card.priceFen,
        originalPriceFen: card.originalPriceFen,
        status: card.status,
      },
      { shopName: '匠心厨房用品旗舰店', priceFen: 2990, originalPriceFen: 3990, status: 'listed' },
    );
  } finally {
    await c.core.dispose();
  }
});

test('ranking: relevance first, then sales', async () => {
  const c = await catalog();
  try {
    const { ids } = c;
    assert.deepEqual(await idsOf(c, '冰糖橙'), [ids.bingtangLive, ids.bingtang], 'equal relevance: more sales first');
    await c.core.ctx.db.updateTable('products').set({ sales: 500 }).where('id', '=', ids.bingtang!).execute();
    assert.deepEqual(await idsOf(c, '冰糖橙'), [ids.bingtang, ids.bingtangLive], 'sales are read at query time');
    const fruit = await idsOf(c, '水果');
    assert.deepEqual(
      fruit.slice(0, 4),
      [ids.bingtang, ids.mango, ids.bingtangLive, ids.qicheng],
      'the category 水果 by sales',
    );
    assert.equal(fruit[4], ids.knife, 'a 水果刀 (sub-word of its title) after the fruit, though it sells more');
    const oranges = await idsOf(c, '橙子');
    assert.equal(oranges.at(-1), ids.qicheng, '脐橙 only answers the stem 橙 as a character: after the 橙 words');
    const tea = await idsOf(c, '茶');
    assert.equal(tea[0], ids.greenTea, '茶 as a whole word of the title and the category 茶叶, best seller first');
  } finally {
    await c.core.dispose();
  }
});

test('special characters and query syntax never fail', async () => {
  const c = await catalog();
  try {
    for (const q of [
      '"',
      '""',
      "'",
      "a' OR '1'='1",
      '*',
      '橙*',
      'NEAR(橙 子)',
      '橙 OR 米',
      '-橙',
      '^橙',
      'title_terms:橙',
      '\\',
      '()',
      '%',
      '_',
      '%橙%',
      '\u0000橙',
      '😀',
      '　',
      ' ',
      ':*',
      '&|!',
    ]) {
      const page = await searchProducts(c.core.ctx, { q });
      assert.ok(Array.isArray(page.items), JSON.stringify(q));
      await suggest(c.core.ctx, q);
    }
    assert.deepEqual(await idsOf(c, '"橙子"'), await idsOf(c, '橙子'), 'quotes are ignored');
    await assert.rejects(searchProducts(c.core.ctx, { q: '' }), { code: 'INVALID_INPUT' });
    await assert.rejects(searchProducts(c.core.ctx, { q: '橙'.repeat(51) }), { code: 'INVALID_INPUT' });
    await assert.rejects(searchProducts(c.core.ctx, { q: '橙', limit: 51 }), { code: 'INVALID_INPUT' });
    await assert.rejects(searchProducts(c.core.ctx, { q: '橙', cursor: 'bm90LWEtY3Vyc29y' }), {
      code: 'INVALID_INPUT',
    });
    await assert.rejects(searchProducts(c.core.ctx, { q: '橙', cursor: '!!' }), { code: 'INVALID_INPUT' });
  } finally {
    await c.core.dispose();
  }
});

test('pages follow an opaque cursor without repeats', async () => {
  const c = await catalog();
  try {
    const all = await idsOf(c, '装');
    assert.ok(all.length >= 4);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchProducts(c.core.ctx, { q: '装', limit: 2, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.deepEqual(seen, all);
  } finally {
    await c.core.dispose();
  }
});

test('only listed products; the index follows create, edit and delisting in the same transaction', async () => {
  const c = await catalog();
  try {
    const { ids, owners, core } = c;
    assert.ok(!(await idsOf(c, '伦晚')).length, 'a draft is not found');
    await setProductStatus(core.ctx, owners.fruit, ids.draftOrange!, 'listed');
    assert.deepEqual(await idsOf(c, '伦晚'), [ids.draftOrange]);
    await setProductStatus(core.ctx, owners.fruit, ids.draftOrange!, 'delisted');
    assert.deepEqual(await idsOf(c, '伦晚'), [], 'delisted: gone');
    await setProductStatus(core.ctx, owners.fruit, ids.draftOrange!, 'listed');

    await updateProduct(core.ctx, owners.kitchen, ids.wok!, {
      title: '章丘手工铁锅 30cm 无涂层',
      categoryId: c.cats.pans,
    });
    assert.deepEqual(await idsOf(c, '锻打'), [], 'the old title is no longer indexed');
    assert.deepEqual(await idsOf(c, '无涂层'), [ids.wok]);
    await updateProduct(core.ctx, owners.kitchen, ids.board!, {
      title: 'TPU抗菌砧板 36×24cm 双面可用',
      categoryId: c.cats.knives,
    });
    assert.ok((await idsOf(c, '刀具')).includes(ids.board!), 'a new category is indexed');

    await assert.rejects(updateProduct(core.ctx, owners.kitchen, ids.board!, { title: 'x' }), {
      code: 'INVALID_INPUT',
    });
    assert.deepEqual(await idsOf(c, 'TPU'), [ids.board], 'a refused edit leaves the index alone');

    await core.ctx.db.updateTable('shops').set({ name: '阳江刀剪工厂店' }).where('id', '=', c.shops.kitchen).execute();
    await reindexShop(core.ctx.db, c.shops.kitchen, core.clock.now());
    assert.ok((await idsOf(c, '阳江')).includes(ids.knife!), 'a renamed shop, reindexed');
  } finally {
    await c.core.dispose();
  }
});

test('backfill indexes products that have no document (as migration 0004 did on existing data)', async () => {
  const c = await catalog();
  try {
    const db = c.core.ctx.db;
    const total = await db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await sql`delete from search_documents`.execute(db);
    assert.deepEqual(await idsOf(c, '橙子'), [], 'no documents, no results');
    assert.equal(await backfillSearchIndex(db, c.core.clock.now()), Number(total.n));
    assert.equal((await idsOf(c, '橙子')).length, 3);
    assert.equal(await backfillSearchIndex(db, c.core.clock.now()), 0, 'rerunning indexes nothing twice');
  } finally {
    await c.core.dispose();
  }
});

test('suggestions: title prefixes by sales, then the best matches', async () => {
  const c = await catalog();
  try {
    assert.deepEqual((await suggest(c.core.ctx, '五常')).items, ['五常稻花香大米 5kg 好吃不贵']);
    assert.deepEqual(
      (await suggest(c.core.ctx, 'tp')).items,
      ['TPU抗菌砧板 36×24cm 双面可用'],
      'the last Latin word matches as a prefix',
    );
    const orange = (await suggest(c.core.ctx, '冰糖')).items;
    assert.deepEqual(orange, ['【直播专享】云南褚橙冰糖橙 3斤装 农家自种', '哀牢山冰糖橙 新鲜当季现摘 5斤装 果园直供']);
    assert.ok((await suggest(c.core.ctx, '装')).items.length <= 8);
    assert.deepEqual((await suggest(c.core.ctx, '伦晚')).items, [], 'drafts are never suggested');
  } finally {
    await c.core.dispose();
  }
});
