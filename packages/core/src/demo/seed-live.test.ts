import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import type { Actor } from '../context.js';
import { roomView, chooseFallbackVideo } from '../live/index.js';
import { seedDemoLive } from './seed-live.js';
import { createPlan } from '../affiliate/index.js';

test('demo live room: demo-creator is live with the showcase in the bag, a pinned product and an open flash sale', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'demo-merchant');
    const creator = await makePerson(core, 'demo-creator', ['creator'], false);
    const now = core.clock.now();
    await core.ctx.db
      .insertInto('affiliate_showcase')
      .values({
        creator_id: creator.userId,
        product_id: shop.productId,
        shop_id: shop.shopId,
        via_plan_id: null,
        first_added_at: now,
        added_at: now,
        removed_at: null,
      })
      .execute();
    const roomId = await seedDemoLive(core.ctx, new Map<string, Actor>([['demo-creator', creator]]));
    assert.ok(roomId);
    const room = await roomView(core.ctx, roomId);
    assert.equal(room.status, 'live');
    assert.equal(room.host.id, creator.userId);
    assert.deepEqual(
      room.bag.map((b) => b.id),
      [shop.productId],
    );
    assert.equal(room.pinned?.id, shop.productId);
    assert.equal(room.sales.length, 1);
    assert.equal(room.sales[0]!.status, 'open');
    assert.equal(room.sales[0]!.priceFen, Math.floor(2990 * 0.7));
    assert.deepEqual(
      room.coupons.map((c) => [c.amountFen, c.minSpendFen, c.remaining]),
      [[500, 3900, 500]],
      'coupons to claim and spend at checkout',
    );
    assert.equal(await seedDemoLive(core.ctx, new Map()), null, 'no demo creator, no room');
  } finally {
    await core.dispose();
  }
});

test("demo live room: it loops demo-creator's newest video about a bag product's category, with that product anchored and pinned", async () => {
  const core = await openTestCore();
  try {
    const a = await makeShop(core, 'demo-merchant');
    const b = await makeShop(core, 'merchant-tea');
    const creator = await makePerson(core, 'demo-creator', ['creator'], false);
    const other = await makePerson(core, 'creator-01', ['creator'], false);
    const now = core.clock.now();
    for (const [i, s] of [a, b].entries()) {
      await createPlan(core.ctx, s.owner, s.productId, { kind: 'general', rateBp: 1500 }); // open to creators, so demo-creator may anchor it
      await core.ctx.db
        .insertInto('affiliate_showcase')
        .values({
          creator_id: creator.userId,
          product_id: s.productId,
          shop_id: s.shopId,
          via_plan_id: null,
          first_added_at: now + i,
          added_at: now + i,
          removed_at: null,
        })
        .execute();
    }
    const video = async (id: string, owner: string, productId: string, file: string, at: number): Promise<void> => {
      await core.ctx.db
        .insertInto('videos')
        .values({
          id,
          owner_id: owner,
          host_kind: 'creator',
          shop_id: null,
          title: '开箱',
          caption: '',
          hashtags: '[]',
          status: 'published',
          file_name: file,
          content_type: 'video/mp4',
          bytes: 1,
          duration_ms: 1000,
          poster_file: null,
          views: 0,
          likes: 0,
          comments: 0,
          shares: 0,
          completions: 0,
          created_at: at,
          published_at: at,
          updated_at: at,
        })
        .execute();
      await core.ctx.db
        .insertInto('video_anchors')
        .values({ video_id: id, product_id: productId, position: 0 })
        .execute();
    };
    await video('vid_shows_b', creator.userId, b.productId, 'tea.mp4', now - 3000);
    const elsewhere = await makeShop(core, 'merchant-kitchen');
    const likeA = await makeShop(core, 'merchant-fruit', 100, a.categoryId);
    await video('vid_like_a', creator.userId, likeA.productId, 'fruit.mp4', now - 2000);
    await video('vid_newest_unrelated', creator.userId, elsewhere.productId, 'kitchen.mp4', now - 1000);
    await video('vid_other_creator', other.userId, a.productId, 'other.mp4', now - 500);
    const roomId = await seedDemoLive(core.ctx, new Map<string, Actor>([['demo-creator', creator]]));
    const room = await roomView(core.ctx, roomId!);
    assert.deepEqual(room.bag.map((p) => p.id).sort(), [a.productId, b.productId].sort());
    assert.equal(room.pinned?.id, a.productId, "the bag product of the video's category is pinned");
    assert.equal(
      room.playback.fallbackVideoUrl,
      '/media/videos/fruit.mp4',
      "the room loops a video of its own goods, not the newest or another creator's",
    );
    const anchored = await core.ctx.db
      .selectFrom('video_anchors')
      .select('product_id')
      .where('video_id', '=', 'vid_like_a')
      .orderBy('position')
      .execute();
    assert.deepEqual(
      anchored.map((x) => x.product_id),
      [likeA.productId, a.productId],
      'the pinned product is anchored on the video the room loops',
    );
    await assert.rejects(
      chooseFallbackVideo(core.ctx, creator, roomId!, 'vid_other_creator'),
      { code: 'NOT_FOUND' },
      'a host loops only their own videos',
    );
    await assert.rejects(chooseFallbackVideo(core.ctx, other, roomId!, 'vid_other_creator'), { code: 'NOT_ROOM_HOST' });
  } finally {
    await core.dispose();
  }
});
