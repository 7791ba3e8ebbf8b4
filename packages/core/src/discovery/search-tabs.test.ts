/** Pinyin search, the product sorts and the videos / people / live-room tabs, on either database. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestCore, makePerson, type TestCore } from '../test-support/index.js';
import { loadActor } from '../accounts/index.js';
import { createCategory, createShop, updateShop, createProduct } from '../catalog/index.js';
import { createVideo, followUser } from '../content/index.js';
import { createRoom, openRoom } from '../live/index.js';
import { DEMO_CLIPS_DIR } from '../demo/index.js';
import { indexPeople, type SearchSort } from '../search/index.js';
import { searchLiveRooms, searchPeople, searchProducts, searchVideos } from './search-results.js';

function clipCopy(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'zc-clip-')), 'orchard-oranges.mp4');
  copyFileSync(new URL('orchard-oranges.mp4', DEMO_CLIPS_DIR), path);
  return path;
}

async function teaShop(core: TestCore) {
  const ctx = core.ctx;
  const rule = { shipByHours: 48, perishable: false, feeRateBp: 200 };
  const drinks = await createCategory(ctx, null, { name: '茶饮', ...rule });
  const tea = await createCategory(ctx, null, { parentId: drinks.id, name: '茶叶', ...rule });
  const fruit = await createCategory(ctx, null, { name: '水果', ...rule });
  const person = await makePerson(core, 'tea-owner', [], false);
  const shopId = (await createShop(ctx, person, { name: '云岭好物旗舰店' })).id;
  const owner = await loadActor(ctx.db, person.userId);
  const ids: Record<string, string> = {};
  const add = async (key: string, categoryId: string, title: string, priceFen: number, sales: number) => {
    const p = await createProduct(ctx, owner, shopId, {
      categoryId,
      title,
      specOptions: [{ name: '规格', values: ['标准'] }],
      skus: [{ specValues: ['标准'], priceFen, stock: 10 }],
      status: 'listed',
    });
    await ctx.db.updateTable('products').set({ sales }).where('id', '=', p.id).execute();
    ids[key] = p.id;
  };
  await add('puer', tea.id, '云南勐海普洱熟茶饼 357g', 12800, 7);
  await add('green', tea.id, '明前西湖龙井绿茶 250g', 26800, 30);
  await add('black', tea.id, '正山小种红茶 礼盒装', 8800, 12);
  await add('orange', fruit.id, '赣南脐橙 10斤装', 4990, 90);
  return { owner, shopId, ids };
}

test('pinyin finds Chinese products: cha, puer, pe; the terms are stored in the index', async () => {
  const core = await openTestCore();
  try {
    const { ids } = await teaShop(core);
    const found = async (q: string) => new Set((await searchProducts(core.ctx, { q })).items.map((i) => i.id));
    assert.deepEqual(
      await found('cha'),
      new Set([ids.puer, ids.green, ids.black]),
      'cha: every tea (title or category 茶叶), not the oranges',
    );
    assert.deepEqual(await found('puer'), new Set([ids.puer]));
    assert.deepEqual(await found('pe'), new Set([ids.puer]), 'initials of 普洱');
    assert.deepEqual(await found('PuEr'), new Set([ids.puer]), 'any case');
    assert.deepEqual(await found('lvcha'), new Set([ids.green]));
    assert.deepEqual(await found('qicheng'), new Set([ids.orange]));
    assert.deepEqual(await found('普洱'), new Set([ids.puer]), 'Chinese still works');
    const doc = await core.ctx.db
      .selectFrom('search_documents')
      .select(['title_terms', 'category_terms'])
      .where('product_id', '=', ids.puer!)
      .executeTakeFirstOrThrow();
    assert.match(` ${doc.title_terms} `, / puer /, 'computed once, when the product was written');
    assert.match(` ${doc.category_terms} `, / chaye /);
  } finally {
    await core.dispose();
  }
});

test('product sorts: relevance, sales, price up and down, in pages that never repeat', async () => {
  const core = await openTestCore();
  try {
    const { ids } = await teaShop(core);
    const order = async (sort: SearchSort) =>
      (await searchProducts(core.ctx, { q: '茶', sort })).items.map((i) => i.id);
    assert.deepEqual(await order('sales'), [ids.green, ids.black, ids.puer]);
    assert.deepEqual(await order('price_asc'), [ids.black, ids.puer, ids.green]);
    assert.deepEqual(await order('price_desc'), [ids.green, ids.puer, ids.black]);
    assert.equal((await order('relevance')).length, 3);
    const first = await searchProducts(core.ctx, { q: 'cha', sort: 'price_asc', limit: 2 });
    assert.deepEqual(
      first.items.map((i) => i.id),
      [ids.black, ids.puer],
    );
    assert.ok(first.nextCursor);
    const second = await searchProducts(core.ctx, { q: 'cha', sort: 'price_asc', limit: 2, cursor: first.nextCursor });
    assert.deepEqual(
      second.items.map((i) => i.id),
      [ids.green],
    );
    assert.equal(second.nextCursor, null);
    await assert.rejects(searchProducts(core.ctx, { q: '茶', sort: 'cheapest' as SearchSort }), {
      code: 'INVALID_INPUT',
    });
    await assert.rejects(searchProducts(core.ctx, { q: '茶', limit: 51 }), { code: 'INVALID_INPUT' });
  } finally {
    await core.dispose();
  }
});

test('videos, people and live rooms are found by name or pinyin, in their own orders', async () => {
  const core = await openTestCore();
  try {
    const ctx = core.ctx;
    const { shopId, owner } = await teaShop(core);
    const host = await makePerson(core, 'host-a', ['creator'], false);
    await ctx.db.updateTable('users').set({ display_name: 'x' }).where('id', '=', host.userId).execute();
    const teaGirl = await makePerson(core, 'tea-girl', ['creator'], false);
    const viewer = await makePerson(core, 'viewer', [], false);
    // People are indexed when they register; display names never change, so re-index after setting them here.
    await ctx.db.updateTable('users').set({ display_name: '茶小仙' }).where('id', '=', teaGirl.userId).execute();
    await ctx.db.updateTable('users').set({ display_name: '茶园阿明' }).where('id', '=', host.userId).execute();
    await indexPeople(ctx.db, [teaGirl.userId, host.userId], ctx.clock.now());
    await followUser(ctx, viewer, host.userId);

    const people = await searchPeople(ctx, { q: 'cha' }, viewer);
    assert.deepEqual(
      people.items.map((p) => [p.displayName, p.followers, p.followed, p.isCreator]),
      [
        ['茶园阿明', 1, true, true],
        ['茶小仙', 0, false, true],
      ],
      'more followers first; the viewer follows 阿明',
    );
    assert.deepEqual(
      (await searchPeople(ctx, { q: 'cxx' }, null)).items.map((p) => p.id),
      [teaGirl.userId],
      'initials of the whole name',
    );

    const puer = await createVideo(ctx, teaGirl, {
      filePath: clipCopy(),
      title: '普洱开箱',
      caption: '一起喝茶 #普洱',
      publish: true,
    });
    const draft = await createVideo(ctx, teaGirl, { filePath: clipCopy(), title: '普洱草稿', caption: '' });
    const shopVideo = await createVideo(ctx, owner, {
      filePath: clipCopy(),
      title: '新茶上市',
      caption: '',
      hostKind: 'shop',
      shopId,
      publish: true,
    });
    const videoIds = async (q: string) => (await searchVideos(ctx, { q }, null)).items.map((v) => v.id);
    assert.deepEqual(await videoIds('puer'), [puer.id], 'published only (the draft stays hidden)');
    assert.ok(!(await videoIds('普洱')).includes(draft.id));
    assert.deepEqual(new Set(await videoIds('cha')), new Set([puer.id, shopVideo.id]));
    const firstVideo = await searchVideos(ctx, { q: 'cha', limit: 1 }, null);
    assert.equal(firstVideo.items.length, 1);
    const secondVideo = await searchVideos(ctx, { q: 'cha', limit: 1, cursor: firstVideo.nextCursor! }, null);
    assert.deepEqual(
      new Set([...firstVideo.items, ...secondVideo.items].map((v) => v.id)),
      new Set([puer.id, shopVideo.id]),
      'pages without repeats',
    );
    assert.equal(secondVideo.nextCursor, null);
    assert.deepEqual(await videoIds('chaxiaoxian'), [puer.id], 'by its author, in pinyin');
    assert.deepEqual(await videoIds('云岭'), [shopVideo.id], 'a shop’s own video by the shop’s name');
    await updateShop(ctx, owner, shopId, { name: '洱源茶仓', shippingFeeFen: 0 });
    assert.deepEqual(await videoIds('eryuan'), [shopVideo.id], 'renaming the shop re-indexes its videos');

    const scheduled = await createRoom(ctx, teaGirl, { title: '普洱品鉴夜' });
    const onAir = await createRoom(ctx, host, { title: '茶山直播 现采现发' });
    await openRoom(ctx, host, onAir.id);
    const shopRoom = await createRoom(ctx, owner, { title: '店播 新品', shopId });
    const rooms = await searchLiveRooms(ctx, { q: 'cha' });
    assert.deepEqual(rooms.items[0]?.id, onAir.id, 'on air first');
    assert.deepEqual(
      new Set(rooms.items.map((r) => r.id)),
      new Set([onAir.id, scheduled.id, shopRoom.id]),
      'by title or host (店播: the shop 洱源茶仓)',
    );
    assert.equal(rooms.items[0]?.host.name, '茶园阿明');
    assert.deepEqual(
      (await searchLiveRooms(ctx, { q: 'pepjy' })).items.map((r) => r.id),
      [scheduled.id],
    );
    await assert.rejects(searchVideos(ctx, { q: '' }, null), { code: 'INVALID_INPUT' });
  } finally {
    await core.dispose();
  }
});
