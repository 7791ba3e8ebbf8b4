import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/index.js';
import { makePerson, openTestCore } from '../test-support/index.js';
import { claimCoupon, createCoupon } from './coupons.js';
import { COUPON_VALID_AFTER_ROOM_MS } from '../coupons/index.js';
import { claimedInRoom, couponWallet, walletTab } from './coupon-wallet.js';
import { endLiveRoom } from './room-view.js';
import { liveShopRoom } from './test-support/live-fixtures.js';

test('a claim sits in the right tab of the wallet', () => {
  const live = { status: 'live', endedAt: null };
  const ended = (at: number) => ({ status: 'ended', endedAt: at });
  assert.equal(walletTab({ usedOrderId: null }, live, 10), 'usable');
  assert.equal(walletTab({ usedOrderId: 'ord_1' }, live, 10), 'used');
  assert.equal(
    walletTab({ usedOrderId: null }, ended(0), COUPON_VALID_AFTER_ROOM_MS),
    'usable',
    'good until a day after the room',
  );
  assert.equal(walletTab({ usedOrderId: null }, ended(0), COUPON_VALID_AFTER_ROOM_MS + 1), 'expired');
  assert.equal(
    walletTab({ usedOrderId: 'ord_1' }, ended(0), COUPON_VALID_AFTER_ROOM_MS + 1),
    'used',
    'a used coupon stays used',
  );
});

test('the wallet lists held, used (with the order) and expired coupons with amount, threshold, scope and validity', async () => {
  const core = await openTestCore();
  try {
    const fx = await liveShopRoom(core, 'wal', { quantity: 5, perPersonLimit: 1 });
    const big = await createCoupon(core.ctx, fx.host, fx.roomId, { amountFen: 500, minSpendFen: 3000, quantity: 10 });
    const small = await createCoupon(core.ctx, fx.host, fx.roomId, { amountFen: 200, minSpendFen: 0, quantity: 10 });
    await createCoupon(core.ctx, fx.host, fx.roomId, { amountFen: 100, minSpendFen: 0, quantity: 10 }); // not claimed
    const buyer = await makePerson(core, 'wal-buyer');
    const other = await makePerson(core, 'wal-other');
    await claimCoupon(core.ctx, buyer, big.id);
    await claimCoupon(core.ctx, buyer, small.id);
    await claimCoupon(core.ctx, other, small.id);

    assert.deepEqual(
      new Set(await claimedInRoom(core.ctx.db, buyer, fx.roomId)),
      new Set([big.id, small.id]),
      'the room knows what this buyer holds',
    );
    const now = () => core.clock.now();
    let usable = await couponWallet(core.ctx.db, buyer, { tab: 'usable' }, now());
    assert.deepEqual(
      usable.items.map((c) => c.couponId),
      [small.id, big.id],
      'newest first',
    );
    const shown = usable.items.find((c) => c.couponId === big.id)!;
    assert.equal(shown.amountFen, 500);
    assert.equal(shown.minSpendFen, 3000);
    assert.equal(shown.scope.roomId, fx.roomId);
    assert.equal(shown.scope.roomTitle, 'wal 直播间');
    assert.equal(shown.scope.host?.kind, 'shop');
    assert.equal(shown.scope.host?.id, fx.shop.shopId);
    assert.deepEqual(shown.scope.products, [{ id: fx.shop.productId, title: '云南冰糖橙 新鲜现摘' }]);
    assert.equal(shown.scope.productCount, 1);
    assert.equal(shown.validUntil, null, 'open-ended while the room is live');
    assert.equal(shown.roomLive, true);

    // Spend the big one: it moves to 已使用 with its order.
    const placed = (
      await checkout(core.ctx, buyer, {
        items: [{ skuId: fx.shop.skuIds[1]!, quantity: 1, attribution: { source: 'live', contentId: fx.roomId } }],
        couponId: big.id,
      })
    ).body;
    const used = await couponWallet(core.ctx.db, buyer, { tab: 'used' }, now());
    assert.deepEqual(
      used.items.map((c) => [c.couponId, c.usedOrderId, c.tab]),
      [[big.id, placed.orders[0]!.id, 'used']],
    );
    assert.equal(typeof used.items[0]!.usedAt, 'number');
    usable = await couponWallet(core.ctx.db, buyer, { tab: 'usable' }, now());
    assert.deepEqual(
      usable.items.map((c) => c.couponId),
      [small.id],
    );

    // The room ends: a day later the unused one is 已过期, with the time it ran out.
    await endLiveRoom(core.ctx, fx.host, fx.roomId);
    const endedAt = core.clock.now();
    usable = await couponWallet(core.ctx.db, buyer, { tab: 'usable' }, now());
    assert.equal(usable.items[0]?.validUntil, endedAt + COUPON_VALID_AFTER_ROOM_MS);
    core.clock.advance(COUPON_VALID_AFTER_ROOM_MS + 1);
    assert.deepEqual((await couponWallet(core.ctx.db, buyer, { tab: 'usable' }, now())).items, []);
    const expired = await couponWallet(core.ctx.db, buyer, { tab: 'expired' }, now());
    assert.deepEqual(
      expired.items.map((c) => [c.couponId, c.tab, c.validUntil]),
      [[small.id, 'expired', endedAt + COUPON_VALID_AFTER_ROOM_MS]],
    );
    assert.equal((await couponWallet(core.ctx.db, buyer, { tab: 'used' }, now())).items.length, 1, 'used stays used');

    // Paging, and bad input.
    const first = await couponWallet(core.ctx.db, other, { tab: 'expired', limit: 1 }, now());
    assert.deepEqual([first.items.length, first.nextCursor], [1, null]);
    await assert.rejects(couponWallet(core.ctx.db, buyer, { tab: 'all' as never }, now()), { code: 'INVALID_INPUT' });
    await assert.rejects(
      couponWallet(core.ctx.db, buyer, { tab: 'used', cursor: 'ord_01aaaaaaaaaaaaaaaaaaaaaaaa' }, now()),
      { code: 'INVALID_INPUT' },
    );
  } finally {
    await core.dispose();
  }
});

test('the wallet pages through many coupons, each once', async () => {
  const core = await openTestCore();
  try {
    const fx = await liveShopRoom(core, 'walp', { quantity: 5, perPersonLimit: 1 });
    const buyer = await makePerson(core, 'walp-buyer');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await createCoupon(core.ctx, fx.host, fx.roomId, { amountFen: 100 + i, minSpendFen: 0, quantity: 1 });
      await claimCoupon(core.ctx, buyer, c.id);
      ids.push(c.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await couponWallet(core.ctx.db, buyer, { tab: 'usable', limit: 2, cursor }, core.clock.now());
      seen.push(...page.items.map((c) => c.couponId));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    assert.deepEqual(seen, [...ids].reverse());
  } finally {
    await core.dispose();
  }
});
