import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadActor } from '../accounts/index.js';
import { checkout } from '../checkout/index.js';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { runDueTimers } from '../timers/index.js';
import { addToBag, pinProduct, removeFromBag } from './bag.js';
import { claimCoupon, createCoupon } from './coupons.js';
import { drawWinners } from './lucky-draw.js';
import { createLuckyBag, enterLuckyBags, luckyBagAudit } from './lucky-bags.js';
import { placeSaleOrder } from './flash-sales.js';
import { createRoom, listRooms, openRoom } from './rooms.js';
import { endLiveRoom, roomDashboard, roomView } from './room-view.js';
import { liveRuntime } from './runtime.js';
import { buyers, liveShopRoom } from './test-support/live-fixtures.js';
import { onPublish, issueStreamKey } from './stream.js';

test('a shop’s room sells its own products; a creator’s room sells the showcase; only hosts act', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'bag-shop');
    const other = await makeShop(core, 'bag-other');
    const owner = await loadActor(core.ctx.db, shop.owner.userId);
    const { id: shopRoom } = await createRoom(core.ctx, owner, { title: '店播', shopId: shop.shopId });
    await addToBag(core.ctx, owner, shopRoom, shop.productId);
    await assert.rejects(addToBag(core.ctx, owner, shopRoom, other.productId), { code: 'NOT_IN_HOST_RANGE' });
    const stranger = await makePerson(core, 'bag-stranger');
    await assert.rejects(addToBag(core.ctx, stranger, shopRoom, shop.productId), { code: 'NOT_ROOM_HOST' });
    await assert.rejects(createRoom(core.ctx, stranger, { title: 'x' }), { code: 'FORBIDDEN' });

    const creator = await makePerson(core, 'bag-creator', ['creator']);
    const { id: creatorRoom } = await createRoom(core.ctx, creator, { title: '达人播' });
    await assert.rejects(addToBag(core.ctx, creator, creatorRoom, shop.productId), { code: 'NOT_IN_HOST_RANGE' });
    await core.ctx.db
      .insertInto('affiliate_showcase')
      .values({
        creator_id: creator.userId,
        product_id: shop.productId,
        shop_id: shop.shopId,
        via_plan_id: null,
        first_added_at: 1,
        added_at: 1,
        removed_at: null,
      })
      .execute();
    await addToBag(core.ctx, creator, creatorRoom, shop.productId);
    await assert.rejects(pinProduct(core.ctx, creator, creatorRoom, other.productId), { code: 'NOT_IN_BAG' });
    await pinProduct(core.ctx, creator, creatorRoom, shop.productId);
    let view = await roomView(core.ctx, creatorRoom);
    assert.equal(view.pinned?.id, shop.productId);
    assert.equal(view.bag[0]?.source, 'showcase');
    assert.equal(view.host.kind, 'creator');
    await removeFromBag(core.ctx, creator, creatorRoom, shop.productId);
    view = await roomView(core.ctx, creatorRoom);
    assert.equal(view.pinned, null, 'taking the product out takes the pin down');

    await openRoom(core.ctx, creator, creatorRoom);
    await assert.rejects(openRoom(core.ctx, creator, creatorRoom), { code: 'INVALID_TRANSITION' });
    const live = await listRooms(core.ctx, null, { status: 'live' });
    assert.deepEqual(
      live.items.map((r) => r.id),
      [creatorRoom],
    );
    const mine = await listRooms(core.ctx, owner, { mine: true });
    assert.deepEqual(
      mine.items.map((r) => r.id),
      [shopRoom],
    );
  } finally {
    await core.dispose();
  }
});

test('ending a room closes its sales and keeps its figures for the replay', async () => {
  const core = await openTestCore();
  try {
    const fx = await liveShopRoom(core, 'end', { quantity: 5, perPersonLimit: 2 });
    const [a, b] = await buyers(core, 'end-b', 2);
    liveRuntime(core.ctx).stats(fx.roomId).viewerJoined(a!.userId);
    liveRuntime(core.ctx).stats(fx.roomId).viewerJoined(b!.userId);
    await placeSaleOrder(core.ctx, a!, fx.sale.id, { quantity: 2 });
    const live = await roomDashboard(core.ctx, fx.host, fx.roomId);
    assert.equal(live.orders, 1);
    assert.equal(live.gmvFen, 1980);
    assert.equal(live.cumulativeViewers, 2);
    assert.equal(live.conversion, 0.5);
    assert.equal(live.gpm, 990_000);
    assert.deepEqual(
      live.perProduct.map((p) => [p.soldQty, p.remaining]),
      [[2, 3]],
    );
    await assert.rejects(roomDashboard(core.ctx, b!, fx.roomId), { code: 'NOT_ROOM_HOST' });
    await endLiveRoom(core.ctx, fx.host, fx.roomId);
    await assert.rejects(placeSaleOrder(core.ctx, b!, fx.sale.id, { quantity: 1 }), { code: 'SALE_NOT_OPEN' });
    const view = await roomView(core.ctx, fx.roomId);
    assert.equal(view.status, 'ended');
    assert.equal(view.sales[0]?.status, 'ended');
    const replay = await roomDashboard(core.ctx, fx.host, fx.roomId);
    assert.equal(replay.gmvFen, 1980);
    assert.equal(replay.cumulativeViewers, 2);
    assert.equal(replay.online, 0);
  } finally {
    await core.dispose();
  }
});

test('lucky bag: keyword comments enter once, the timer draws, and the audit recomputes the winners', async () => {
  const core = await openTestCore();
  try {
    const fx = await liveShopRoom(core, 'lucky', { quantity: 1, perPersonLimit: 1 });
    const people = await buyers(core, 'lucky-b', 6);
    const bag = await createLuckyBag(core.ctx, fx.host, fx.roomId, {
      keyword: '种草',
      prize: '橙子一箱',
      winners: 2,
      drawAt: core.clock.now() + 60_000,
    });
    assert.equal(bag.seed, null, 'the seed stays secret until the draw');
    for (const p of people.slice(0, 5))
      await enterLuckyBags(core.ctx, fx.roomId, { id: p.userId, name: p.displayName }, '种草');
    await enterLuckyBags(core.ctx, fx.roomId, { id: people[0]!.userId, name: people[0]!.displayName }, '种草');
    assert.deepEqual(await enterLuckyBags(core.ctx, fx.roomId, { id: people[5]!.userId, name: 'x' }, '不是口令'), []);
    core.clock.advance(60_000);
    await runDueTimers(core.ctx, core.timers, { limit: 10 });
    const audit = await luckyBagAudit(core.ctx.db, bag.id);
    assert.equal(audit.status, 'drawn');
    assert.equal(audit.entrants.length, 5);
    assert.equal(audit.winners.length, 2);
    assert.ok(audit.seed);
    assert.deepEqual(
      audit.winners.map((w) => w.userId),
      drawWinners(
        audit.seed!,
        audit.entrants.map((e) => e.userId),
        2,
      ),
    );
    const { createHash } = await import('node:crypto');
    assert.equal(createHash('sha256').update(audit.seed!).digest('hex'), bag.seedHash);
  } finally {
    await core.dispose();
  }
});

test('coupons are claimed once per person and never beyond their quantity; stream keys gate the ingest callback', async () => {
  const core = await openTestCore();
  try {
    const fx = await liveShopRoom(core, 'coupon', { quantity: 1, perPersonLimit: 1 });
    const people = await buyers(core, 'coupon-b', 4);
    const coupon = await createCoupon(core.ctx, fx.host, fx.roomId, { amountFen: 500, minSpendFen: 5000, quantity: 2 });
    const results = await Promise.allSettled(people.map((p) => claimCoupon(core.ctx, p, coupon.id)));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2);
    await assert.rejects(claimCoupon(core.ctx, people[0]!, coupon.id), (e: { code: string }) =>
      ['COUPON_ALREADY_CLAIMED', 'COUPON_GONE'].includes(e.code),
    );
    const { streamKey } = await issueStreamKey(core.ctx, fx.host, fx.roomId);
    const [name, query] = streamKey.split('?');
    assert.equal(await onPublish(core.ctx, { name, key: new URLSearchParams(query).get('key') ?? '' }), true);
    assert.equal(await onPublish(core.ctx, { stream: name, param: `?${query}` }), true, 'SRS style');
    assert.equal(await onPublish(core.ctx, { name, key: 'wrong-key-123' }), false);
    const view = await roomView(core.ctx, fx.roomId);
    assert.match(view.playback.hlsUrl ?? '', new RegExp(`${fx.roomId}\\.m3u8$`));
  } finally {
    await core.dispose();
  }
});

test('the dashboard counts every order credited to the room: flash sales and purchases from its bag, not claims for products outside it', async () => {
  const core = await openTestCore();
  try {
    const fx = await liveShopRoom(core, 'dash', { quantity: 5, perPersonLimit: 2 });
    const [a, b, c] = await buyers(core, 'dash-b', 3);
    await placeSaleOrder(core.ctx, a!, fx.sale.id, { quantity: 1 });
    const fromRoom = { source: 'live' as const, contentId: fx.roomId };
    // b buys the bag's product at its usual price (the 10斤 SKU, ¥49.90) from the pinned card.
    await checkout(core.ctx, b!, { items: [{ skuId: fx.shop.skuIds[1]!, quantity: 2, attribution: fromRoom }] });
    // c says it came from the room, for a product that was never in its bag: not the room's sale.
    const other = await makeShop(core, 'dash-other');
    await checkout(core.ctx, c!, { items: [{ skuId: other.skuIds[0]!, quantity: 1, attribution: fromRoom }] });
    const live = await roomDashboard(core.ctx, fx.host, fx.roomId);
    assert.equal(live.orders, 2);
    assert.equal(live.gmvFen, 990 + 2 * 4990, 'goods only, shipping is not GMV');
    assert.deepEqual(
      live.perProduct.map((p) => [p.productId, p.soldQty]),
      [[fx.shop.productId, 3]],
    );
  } finally {
    await core.dispose();
  }
});
