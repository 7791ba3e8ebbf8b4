/** The shelf of a shop or category page and the shop summary above it (listed products only). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore, makePerson, type TestCore } from '../test-support/index.js';
import { loadActor } from '../accounts/index.js';
import type { Actor } from '../context.js';
import { createCategory, createShop, createProduct } from './index.js';
import { shopSummary } from './shop-summary.js';
import { shelfProducts, type ShelfSort } from './shelf.js';

interface Catalog {
  core: TestCore;
  shops: Record<'fruit' | 'kitchen', string>;
  ids: Record<string, string>;
}

/** Two shops of a small, real-looking catalog (titles like the demo's), with sales. */
async function catalog(): Promise<Catalog> {
  const core = await openTestCore();
  const ctx = core.ctx;
  const rule = { shipByHours: 48, perishable: false, feeRateBp: 200 };
  const fresh = await createCategory(ctx, null, { name: '生鲜', ...rule });
  const grain = await createCategory(ctx, null, { name: '粮油调味', ...rule });
  const kitchen = await createCategory(ctx, null, { name: '厨房用品', ...rule });
  const cats = {
    fruit: (await createCategory(ctx, null, { parentId: fresh.id, name: '水果', ...rule })).id,
    rice: (await createCategory(ctx, null, { parentId: grain.id, name: '大米', ...rule })).id,
    pans: (await createCategory(ctx, null, { parentId: kitchen.id, name: '锅具', ...rule })).id,
    knives: (await createCategory(ctx, null, { parentId: kitchen.id, name: '刀具', ...rule })).id,
    boards: (await createCategory(ctx, null, { parentId: kitchen.id, name: '砧板', ...rule })).id,
  };
  const owners = {} as Record<'fruit' | 'kitchen', Actor>;
  const shops = {} as Catalog['shops'];
  for (const [key, name] of [
    ['fruit', '滇果优选旗舰店'],
    ['kitchen', '匠心厨房用品旗舰店'],
  ] as const) {
    const person = await makePerson(core, `owner-${key}`, [], false);
    shops[key] = (await createShop(ctx, person, { name })).id;
    owners[key] = await loadActor(ctx.db, person.userId);
  }
  const ids: Record<string, string> = {};
  const add = async (
    key: string,
    shop: keyof Catalog['shops'],
    cat: keyof typeof cats,
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
  await add('pan', 'kitchen', 'pans', '麦饭石色不粘炒锅 32cm 不易变形', 4);
  await add('wok', 'kitchen', 'pans', '章丘手工锻打铁锅 30cm 大厨同款', 60);
  await add('board', 'kitchen', 'boards', 'TPU抗菌砧板 36×24cm 双面可用', 2);
  await add('knife', 'kitchen', 'knives', '陶瓷水果刀 两把装 厨房好物', 80);
  await add('draftOrange', 'fruit', 'fruit', '秭归伦晚脐橙 新品 待上架', 0, 'draft');
  return { core, shops, ids };
}

test('shop summary: listed products, sales and categories', async () => {
  const c = await catalog();
  try {
    const s = await shopSummary(c.core.ctx.db, c.shops.kitchen);
    assert.equal(s.shop.name, '匠心厨房用品旗舰店');
    assert.equal(s.products, 6);
    assert.equal(s.totalSales, 3 + 30 + 4 + 60 + 2 + 80);
    assert.deepEqual(
      s.categories.map((x) => [x.name, x.products]),
      [
        ['大米', 2],
        ['锅具', 2],
        ['刀具', 1],
        ['砧板', 1],
      ],
    );
    const fruit = await shopSummary(c.core.ctx.db, c.shops.fruit);
    assert.equal(fruit.products, 4, 'the draft is not counted');
    await assert.rejects(shopSummary(c.core.ctx.db, 'shp_00000000000000000000000000'), { code: 'NOT_FOUND' });
  } finally {
    await c.core.dispose();
  }
});

test('the shelf of a shop or category, sorted by sales or price, in keyset pages', async () => {
  const c = await catalog();
  try {
    const { ids, core } = c;
    const db = core.ctx.db;
    const prices: Record<string, number> = { knife: 1990, wok: 12900, rice2: 5990, pan: 8990, rice: 5990, board: 3990 };
    for (const [key, fen] of Object.entries(prices))
      await db.updateTable('products').set({ min_price_fen: fen }).where('id', '=', ids[key]!).execute();
    const walk = async (sort: ShelfSort, filter: { shopId?: string; categoryId?: string }): Promise<string[]> => {
      const out: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await shelfProducts(db, { ...filter, sort, cursor, limit: 2 });
        out.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return out;
    };
    const kitchen = { shopId: c.shops.kitchen };
    assert.deepEqual(
      await walk('sales', kitchen),
      ['knife', 'wok', 'rice2', 'pan', 'rice', 'board'].map((k) => ids[k]),
    );
    const byPriceAsc = await walk('price_asc', kitchen);
    assert.deepEqual(byPriceAsc.slice(0, 2), [ids.knife, ids.board]);
    assert.deepEqual(
      new Set(byPriceAsc.slice(2, 4)),
      new Set([ids.rice, ids.rice2]),
      'equal prices: both, once each, across the page boundary',
    );
    assert.deepEqual(byPriceAsc.slice(4), [ids.pan, ids.wok]);
    const byPriceDesc = await walk('price_desc', kitchen);
    assert.deepEqual(
      [byPriceDesc.slice(0, 2), new Set(byPriceDesc.slice(2, 4)), byPriceDesc.slice(4)],
      [[ids.wok, ids.pan], new Set([ids.rice, ids.rice2]), [ids.board, ids.knife]],
    );
    assert.deepEqual(
      await walk('new', kitchen),
      ['board', 'knife', 'wok', 'pan', 'rice2', 'rice']
        .map((k) => ids[k])
        .sort()
        .reverse(),
      'newest first',
    );
    const fresh = await db.selectFrom('categories').select('id').where('name', '=', '生鲜').executeTakeFirstOrThrow();
    assert.deepEqual(
      await walk('sales', { categoryId: fresh.id }),
      ['mango', 'bingtangLive', 'qicheng', 'bingtang'].map((k) => ids[k]),
      'a parent category shows its children; drafts never',
    );
    await assert.rejects(shelfProducts(db, { sort: 'sales', cursor: 'bm9wZQ', limit: 2 }), { code: 'INVALID_INPUT' });
  } finally {
    await c.core.dispose();
  }
});
