/** Search and shelf over HTTP: segmentation end to end, the opaque cursor, bad input as 4xx, the shop summary. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createProduct, createRoom, followUser, indexPeople, indexVideos, openRoom } from '@zhongcao/core';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { insertTestVideos } from '@zhongcao/core/test-support/feed';
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
    const spec = {
      specOptions: [{ name: '规格', values: ['标准'] }],
      skus: [{ specValues: ['标准'], priceFen: 1990, stock: 5 }],
    };
    boardId = (
      await createProduct(s.core.ctx, shop.owner, shopId, {
        categoryId: shop.categoryId,
        title: 'TPU抗菌砧板 双面可用',
        ...spec,
        status: 'listed',
      })
    ).id;
    for (let i = 1; i <= 3; i++)
      await createProduct(s.core.ctx, shop.owner, shopId, {
        categoryId: shop.categoryId,
        title: `赣南脐橙 ${i}号 10斤装`,
        ...spec,
        status: 'listed',
      });
    await createProduct(s.core.ctx, shop.owner, shopId, {
      categoryId: shop.categoryId,
      title: '未上架的血橙',
      ...spec,
    });
  });
  after(async () => {
    await s.close();
  });

  const get = (url: string) => s.call('GET', url);

  it('finds listed products by Chinese words, anonymously', async () => {
    const res = await get(`/api/v1/search/products?q=${encodeURIComponent('冰糖橙')}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as {
      items: Array<{ id: string; shopId: string; priceFen: number; originalPriceFen: number | null }>;
      nextCursor: string | null;
    };
    assert.deepEqual(
      body.items.map((i) => i.id),
      [orangeId],
    );
    assert.deepEqual(
      {
        shopId: body.items[0]!.shopId,
        priceFen: body.items[0]!.priceFen,
        originalPriceFen: body.items[0]!.originalPriceFen,
      },
      { shopId, priceFen: 2990, originalPriceFen: 3990 },
    );
    assert.equal(body.nextCursor, null);
    const board = (await get(`/api/v1/search/products?q=${encodeURIComponent('tpu 砧板')}`)).json() as {
      items: Array<{ id: string }>;
    };
    assert.deepEqual(
      board.items.map((i) => i.id),
      [boardId],
    );
    const none = await get(`/api/v1/search/products?q=${encodeURIComponent('榴莲')}`);
    assert.deepEqual(none.json(), { items: [], nextCursor: null }, 'no match is 200 with []');
  });

  it('pages with an opaque cursor', async () => {
    const first = (await get(`/api/v1/search/products?q=${encodeURIComponent('橙子')}&limit=2`)).json() as {
      items: Array<{ id: string }>;
      nextCursor: string;
    };
    assert.equal(first.items.length, 2);
    assert.match(first.nextCursor, /^[A-Za-z0-9_-]+$/);
    const second = (
      await get(`/api/v1/search/products?q=${encodeURIComponent('橙子')}&limit=2&cursor=${first.nextCursor}`)
    ).json() as { items: Array<{ id: string }>; nextCursor: string | null };
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

  it('finds products by pinyin and sorts them by sales or price', async () => {
    await s.core.ctx.db.updateTable('products').set({ sales: 50 }).where('id', '=', orangeId).execute();
    const ids = async (url: string) => {
      const res = await get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return (res.json() as { items: Array<{ id: string; priceFen: number; sales: number }> }).items;
    };
    const byPinyin = await ids('/api/v1/search/products?q=yunnan%20bingtang');
    assert.deepEqual(
      byPinyin.map((i) => i.id),
      [orangeId],
      'yunnan bingtang → 云南冰糖橙',
    );
    assert.deepEqual(
      (await ids('/api/v1/search/products?q=bt')).map((i) => i.id),
      [orangeId],
      'initials of 冰糖',
    );
    const cheap = await ids(`/api/v1/search/products?q=${encodeURIComponent('橙')}&sort=price_asc`);
    assert.deepEqual(
      cheap.map((i) => i.priceFen),
      [...cheap.map((i) => i.priceFen)].sort((a, b) => a - b),
    );
    assert.equal(cheap.at(-1)!.id, orangeId, '¥29.90 after the ¥19.90 oranges');
    const dear = await ids(`/api/v1/search/products?q=${encodeURIComponent('橙')}&sort=price_desc`);
    assert.equal(dear[0]!.id, orangeId);
    const best = await ids(`/api/v1/search/products?q=${encodeURIComponent('橙')}&sort=sales`);
    assert.equal(best[0]!.id, orangeId, 'the best seller first');
    await s.core.ctx.db.updateTable('products').set({ sales: 0 }).where('id', '=', orangeId).execute();
  });

  it('searches videos, people and live rooms, with the caller’s follows', async () => {
    const ctx = s.core.ctx;
    const creator = await makePerson(s.core, 'chayuan', ['creator'], false);
    await ctx.db.updateTable('users').set({ display_name: '茶园小妹' }).where('id', '=', creator.userId).execute();
    await indexPeople(ctx.db, [creator.userId], ctx.clock.now());
    const fan = await makePerson(s.core, 'fan', [], false);
    await followUser(ctx, fan, creator.userId);
    const token = await s.tokenFor(fan.userId);
    const [videoId] = await insertTestVideos(
      ctx.db,
      [{ ownerId: creator.userId, publishedAt: ctx.clock.now(), title: '普洱开箱', likes: 3 }],
      ctx.clock.now(),
    );
    await indexVideos(ctx.db, [videoId!], ctx.clock.now());
    const room = await createRoom(ctx, creator, { title: '茶山直播' });
    await openRoom(ctx, creator, room.id);

    const videos = await get('/api/v1/search/videos?q=puer');
    assert.equal(videos.statusCode, 200, videos.body);
    assert.deepEqual(
      (videos.json() as { items: Array<{ id: string; creator: { id: string } }> }).items.map((v) => [
        v.id,
        v.creator.id,
      ]),
      [[videoId, creator.userId]],
    );
    const people = await s.call('GET', '/api/v1/search/users?q=chayuan', { token });
    assert.equal(people.statusCode, 200, people.body);
    assert.deepEqual((people.json() as { items: unknown[] }).items, [
      { id: creator.userId, displayName: '茶园小妹', isCreator: true, followers: 1, videos: 1, followed: true },
    ]);
    const anonymous = (await get('/api/v1/search/users?q=cyxm')).json() as { items: Array<{ followed: boolean }> };
    assert.deepEqual(
      anonymous.items.map((p) => p.followed),
      [false],
    );
    const live = await get(`/api/v1/search/live?q=${encodeURIComponent('茶山')}`);
    assert.equal(live.statusCode, 200, live.body);
    assert.deepEqual(
      (live.json() as { items: Array<{ id: string; status: string; host: { id: string; name: string } }> }).items.map(
        (r) => [r.id, r.status, r.host.name],
      ),
      [[room.id, 'live', '茶园小妹']],
    );
  });

  it('answers bad sorts, kinds and pages with 400 and a stable code', async () => {
    for (const [url, code] of [
      ['/api/v1/search/products?q=cha&sort=cheapest', 'VALIDATION_FAILED'],
      ['/api/v1/search/products?q=cha&sort=', 'VALIDATION_FAILED'],
      ['/api/v1/search/videos?q=cha&sort=sales', 'VALIDATION_FAILED'],
      ['/api/v1/search/videos', 'VALIDATION_FAILED'],
      ['/api/v1/search/users?q=cha&limit=51', 'VALIDATION_FAILED'],
      ['/api/v1/search/live?q=cha&cursor=bm9wZQ', 'INVALID_INPUT'],
      [`/api/v1/search/users?q=${'茶'.repeat(51)}`, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.equal((res.json() as { error: { code: string } }).error.code, code, url);
    }
    assert.equal((await get('/api/v1/search/shops?q=cha')).statusCode, 404, 'no such kind');
    for (const q of ['"', '*', 'NEAR(a', '%00茶', '😀']) {
      for (const kind of ['videos', 'users', 'live'])
        assert.equal((await get(`/api/v1/search/${kind}?q=${encodeURIComponent(q)}`)).statusCode, 200, `${kind} ${q}`);
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
    assert.deepEqual(
      body.items.map((i) => i.id),
      [boardId],
    );
    const rest = (
      await get(`/api/v1/shelf/products?shopId=${shopId}&sort=sales&limit=50&cursor=${body.nextCursor}`)
    ).json() as { items: Array<{ id: string }>; nextCursor: string | null };
    assert.equal(rest.items.length, 4);
    assert.equal(rest.nextCursor, null);
    assert.equal((await get(`/api/v1/shelf/products?sort=cheapest`)).statusCode, 400);
    const other = await makeShop(s.core, 'other-orchard');
    const inShop = (
      await get(`/api/v1/search/products?q=${encodeURIComponent('冰糖橙')}&shopId=${other.shopId}`)
    ).json() as { items: Array<{ id: string }> };
    assert.deepEqual(
      inShop.items.map((i) => i.id),
      [other.productId],
      'only that shop’s products',
    );
  });

  it('summarises a shop for its page', async () => {
    const res = await get(`/api/v1/shops/${shopId}/summary`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as {
      shop: { id: string; name: string };
      products: number;
      totalSales: number;
      categories: Array<{ id: string; products: number }>;
    };
    assert.equal(body.shop.id, shopId);
    assert.equal(body.products, 5);
    assert.equal(body.totalSales, 9);
    assert.equal(body.categories[0]!.products, 5);
    const missing = await get('/api/v1/shops/shp_00000000000000000000000000/summary');
    assert.equal(missing.statusCode, 404);
  });
});
