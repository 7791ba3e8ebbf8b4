import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkout, applyCoupon, shareByWeight, type PricedOrder } from '../checkout/index.js';
import { cancelOrder } from '../orders/index.js';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { runDueTimers } from '../timers/index.js';
import { claimCoupon, createCoupon, endLiveRoom } from '../live/index.js';
import { liveShopRoom } from '../live/test-support/index.js';
import { COUPON_VALID_AFTER_ROOM_MS } from './coupon-terms.js';
import { usableCoupons } from './coupon-use.js';

test('shares add up to the discount, to the fen, in proportion', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
      fc.integer({ min: 1, max: 1_000_000 }),
      (weights, total) => {
        const shares = shareByWeight(weights, total);
        assert.equal(
          shares.reduce((s, x) => s + x, 0),
          total,
        );
        const sum = weights.reduce((s, w) => s + w, 0);
        shares.forEach((x, i) => assert.ok(Math.abs(x - (weights[i]! * total) / sum) < 1));
      },
    ),
  );
});

test('a coupon comes off the shop order with the most spend from its room, never making it free', () => {
  const line = (productId: string, fen: number) => ({
    skuId: `s-${productId}`,
    productId,
    shopId: '',
    categoryId: 'c',
    title: 't',
    specValues: [],
    priceFen: fen,
    shipByHours: 48,
    feeRateBp: 0,
    perishable: false,
    quantity: 1,
    lineTotalFen: fen,
    attribution: { source: 'live' as const },
  });
  const orders: PricedOrder[] = [
    { shopId: 'a', lines: [line('p1', 1000)], itemsFen: 1000, shippingFeeFen: 0, totalFen: 1000 },
    {
      shopId: 'b',
      lines: [line('p2', 3000), line('p3', 1000), line('x', 5000)],
      itemsFen: 9000,
      shippingFeeFen: 800,
      totalFen: 9800,
    },
  ];
  const applied = applyCoupon(orders, { amountFen: 1000, minSpendFen: 3000, productIds: new Set(['p1', 'p2', 'p3']) });
  assert.deepEqual(applied, { orderIndex: 1, discountFen: 1000 });
  assert.deepEqual(
    orders[1]!.lines.map((l) => [l.lineTotalFen, l.discountFen ?? 0]),
    [
      [2250, 750],
      [750, 250],
      [5000, 0],
    ],
  );
  assert.equal(orders[1]!.totalFen, 8800);
  assert.equal(orders[0]!.totalFen, 1000, 'the other order is untouched');
  const cheap: PricedOrder[] = [
    { shopId: 'a', lines: [line('p1', 300)], itemsFen: 300, shippingFeeFen: 0, totalFen: 300 },
  ];
  assert.equal(applyCoupon(cheap, { amountFen: 500, minSpendFen: 0, productIds: new Set(['p1']) })?.discountFen, 299);
  assert.equal(
    applyCoupon([{ ...cheap[0]!, lines: [line('p1', 300)] }], {
      amountFen: 100,
      minSpendFen: 1000,
      productIds: new Set(['p1']),
    }),
    null,
  );
});

test('a claimed live coupon is spent once at checkout, comes back when the order is cancelled unpaid, and expires a day after the room', async () => {
  const core = await openTestCore();
  try {
    const fx = await liveShopRoom(core, 'cpn', { quantity: 5, perPersonLimit: 1 });
    const coupon = await createCoupon(core.ctx, fx.host, fx.roomId, {
      amountFen: 500,
      minSpendFen: 5000,
      quantity: 10,
    });
    const buyer = await makePerson(core, 'cpn-buyer');
    const stranger = await makePerson(core, 'cpn-stranger');
    const other = await makeShop(core, 'cpn-other');
    await claimCoupon(core.ctx, buyer, coupon.id);
    assert.equal(
      (await usableCoupons(core.ctx.db, buyer.userId, core.clock.now()))[0]?.productIds[0],
      fx.shop.productId,
    );

    const sku = fx.shop.skuIds[0]!; // ¥29.90
    const items = (n: number) => [
      { skuId: sku, quantity: n, attribution: { source: 'live' as const, contentId: fx.roomId } },
      { skuId: other.skuIds[0]!, quantity: 2, attribution: { source: 'shelf' as const } },
    ];
    await assert.rejects(
      checkout(core.ctx, buyer, { items: items(1), couponId: coupon.id }),
      { code: 'COUPON_MIN_SPEND_NOT_MET' },
      'the other shop’s goods do not count',
    );
    await assert.rejects(checkout(core.ctx, stranger, { items: items(2), couponId: coupon.id }), {
      code: 'COUPON_NOT_CLAIMED',
    });

    const placed = (await checkout(core.ctx, buyer, { items: items(2), couponId: coupon.id })).body;
    const mine = placed.orders.find((o) => o.shopId === fx.shop.shopId)!;
    assert.equal(mine.discountFen, 500);
    assert.equal(mine.itemsFen, 2 * 2990 - 500);
    assert.equal(mine.totalFen, mine.itemsFen + mine.shippingFeeFen);
    assert.equal(placed.orders.find((o) => o.shopId === other.shopId)!.discountFen, 0);
    assert.equal(
      placed.payment.amountFen,
      placed.orders.reduce((s, o) => s + o.totalFen, 0),
      'the buyer pays the discounted total',
    );
    const line = await core.ctx.db
      .selectFrom('order_lines')
      .select(['line_total_fen', 'discount_fen'])
      .where('order_id', '=', mine.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([Number(line.line_total_fen), Number(line.discount_fen)], [5480, 500]);
    await assert.rejects(checkout(core.ctx, buyer, { items: items(2), couponId: coupon.id }), { code: 'COUPON_USED' });
    assert.deepEqual(await usableCoupons(core.ctx.db, buyer.userId, core.clock.now()), []);

    // Cancelled before payment: the coupon comes back; the payment window lapsing does the same.
    await cancelOrder(core.ctx, buyer, mine.id, '不想要了');
    const again = (await checkout(core.ctx, buyer, { items: items(2), couponId: coupon.id })).body;
    assert.equal(again.orders.find((o) => o.shopId === fx.shop.shopId)!.discountFen, 500);
    core.clock.advance(16 * 60_000);
    await runDueTimers(core.ctx, core.timers, { limit: 100 });
    assert.equal(
      (await usableCoupons(core.ctx.db, buyer.userId, core.clock.now())).length,
      1,
      'the unpaid order lapsed and gave the coupon back',
    );

    await endLiveRoom(core.ctx, fx.host, fx.roomId);
    core.clock.advance(COUPON_VALID_AFTER_ROOM_MS + 1);
    await assert.rejects(checkout(core.ctx, buyer, { items: items(2), couponId: coupon.id }), {
      code: 'COUPON_EXPIRED',
    });
  } finally {
    await core.dispose();
  }
});
