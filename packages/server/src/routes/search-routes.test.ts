/** Search and shelf over HTTP: segmentation end to end, the opaque cursor, bad input as 4xx, the shop summary. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createProduct } from '@zhongcao/core';
import { makeShop } from '@zhongcao/core/test-support';
import { startTestServer, type TestServer } from '../test-support/server-harness.js';

describe('search routes', () => {
  let s: TestServer;
  let shopId: string;
  let orangeId: string;
  let boardId: string;

  before(async () => {
    s = await startTestServer();
    const shop = await makeShop(s.core, 'orchard');
    shopId = shop.shopId;
    orangeId = shop.productId;
    const spec = { specOptions: [{ name: '规格', values: ['标准'] }], skus: [{ specValues: ['标准'], priceFen: 1990, stock: 5 }] };
    boardId = (await createProduct(s.core.ctx, shop.owner, shopId, { categoryId: shop.categoryId, title: 'TPU抗菌砧板 双面可用', ...spec, status: 'listed' })).id;
    for (let i = 1; i <= 3; i++) await createProduct(s.core.ctx, shop.owner, shopId, { categoryId: shop.categoryId, title: `赣南脐橙 ${i}号 10斤装`, ...spec, status: 'listed' });
    await createProduct(s.core.ctx, shop.owner, shopId, { categoryId: shop.categoryId, title: '未上架的血橙', ...spec });
  });
  after(async () => {
    await s.close();
  });

  const get = (url: string) => s.call('GET', url);

  it('finds listed products by Chinese words, anonymously', async () => {
    const res = await get(`/api/v1/search/products?q=${encodeURIComponent('冰糖橙')}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { items: Array<{ id: string; shopId: string; priceFen: number; originalPriceFen: number | null }>; nextCursor: string | null };
    assert.deepEqual(body.items.map((i) => i.id), [orangeId]);
    assert.deepEqual({ shopId: body.items[0]!.shopId, priceFen: body.items[0]!.priceFen, originalPriceFen: body.items[0]!.originalPriceFen }, { shopId, priceFen: 2990, originalPriceFen: 3990 });
    assert.equal(body.nextCursor, null);
    const board = (await get(`/api/v1/search/products?q=${encodeURIComponent('tpu 砧板')}`)).json() as { items: Array<{ id: string }> };
    assert.deepEqual(board.items.map((i) => i.id), [boardId]);
    const none = await get(`/api/v1/search/products?q=${encodeURIComponent('榴莲')}`);
    assert.deepEqual(none.json(), { items: [], nextCursor: null }, 'no match is 200 with []');
  });

  it('pages with an opaque cursor', async () => {
    const first = (await get(`/api/v1/search/products?q=${encodeURIComponent('橙子')}&limit=2`)).json() as { items: Array<{ id: string }>; nextCursor: string };
    assert.equal(first.items.length, 2);
    assert.match(first.nextCursor, /^[A-Za-z0-9_-]+$/);
    const second = (await get(`/api/v1/search/products?q=${encodeURIComponent('橙子')}&limit=2&cursor=${first.nextCursor}`)).json() as { items: Array<{ id: string }>; nextCursor: string | null };
    assert.equal(second.items.length, 2, 'four oranges listed, the draft 血橙 not among them');
    assert.equal(second.nextCursor, null);
    assert.equal(new Set([...first.items, ...second.items].map((i) => i.id)).size, 4);
  });

  it('answers bad input with 400, never 500', async () => {
    for (const [url, code] of [
      ['/api/v1/search/products', 'VALIDATION_FAILED'],
      ['/api/v1/search/products?q=', 'VALIDATION_FAILED'],
      [`/api/v1/search/products?q=${'橙'.repeat(51)}`, 'VALIDATION_FAILED'],
      ['/api/v1/search/products?q=x&limit=0', 'VALIDATION_FAILED'],
      ['/api/v1/search/products?q=x&limit=51', 'VALIDATION_FAILED'],
      ['/api/v1/search/products?q=x&cursor=%27%20OR%201', 'VALIDATION_FAILED'],
      ['/api/v1/search/products?q=x&cursor=bm9wZQ', 'INVALID_INPUT'],
      ['/api/v1/search/suggest?q=', 'VALIDATION_FAILED'],
      ['/api/v1/shops/shp_notanid/summary', 'VALIDATION_FAILED'],
    ] as const) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.equal((res.json() as { error: { code: string } }).error.code, code, url);
    }
    for (const q of ['"', "'", '*', 'NEAR(a', '橙 OR', '%', '\\', '%00橙', '😀']) {
      const res = await get(`/api/v1/search/products?q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 200, `${q}: ${res.body}`);
      assert.equal((await get(`/api/v1/search/suggest?q=${encodeURIComponent(q)}`)).statusCode, 200, q);
    }
  });

  it('suggests titles while typing', async () => {
    const res = await get(`/api/v1/search/suggest?q=${encodeURIComponent('赣南')}`);
    assert.equal(res.statusCode, 200);
    const items = (res.json() as { items: string[] }).items;
    assert.equal(items.length, 3);
    assert.ok(items.every((t) => t.startsWith('赣南脐橙')));
  });

  it('serves the sorted shelf of a shop and searches within a shop', async () => {
    await s.core.ctx.db.updateTable('products').set({ sales: 9 }).where('id', '=', boardId).execute();
    const first = await get(`/api/v1/shelf/products?shopId=${shopId}&sort=sales&limit=1`);
    assert.equal(first.statusCode, 200, first.body);
    const body = first.json() as { items: Array<{ id: string }>; nextCursor: string };
    assert.deepEqual(body.items.map((i) => i.id), [boardId]);
    const rest = (await get(`/api/v1/shelf/products?shopId=${shopId}&sort=sales&limit=50&cursor=${body.nextCursor}`)).json() as { items: Array<{ id: string }>; nextCursor: string | null };
    assert.equal(rest.items.length, 4);
    assert.equal(rest.nextCursor, null);
    assert.equal((await get(`/api/v1/shelf/products?sort=cheapest`)).statusCode, 400);
    const other = await makeShop(s.core, 'other-orchard');
    const inShop = (await get(`/api/v1/search/products?q=${encodeURIComponent('冰糖橙')}&shopId=${other.shopId}`)).json() as { items: Array<{ id: string }> };
    assert.deepEqual(inShop.items.map((i) => i.id), [other.productId], 'only that shop’s products');
  });

  it('summarises a shop for its page', async () => {
    const res = await get(`/api/v1/shops/${shopId}/summary`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { shop: { id: string; name: string }; products: number; totalSales: number; categories: Array<{ id: string; products: number }> };
    assert.equal(body.shop.id, shopId);
    assert.equal(body.products, 5);
    assert.equal(body.totalSales, 9);
    assert.equal(body.categories[0]!.products, 5);
    const missing = await get('/api/v1/shops/shp_00000000000000000000000000/summary');
    assert.equal(missing.statusCode, 404);
  });
});
