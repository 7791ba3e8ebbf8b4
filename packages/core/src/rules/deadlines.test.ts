import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/index.js';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import { cancelOrder, confirmReceipt, markShipmentDelivered, applyNotification } from '../orders/index.js';
import { balanceOf, accountId } from '../ledger/index.js';
import { runDueTimers, findTimer } from '../timers/index.js';
import type { Actor } from '../context.js';
import { updateCategoryRuleProfile, categoryRules } from './category-rules.js';
import { DEADLINE } from './deadline-kinds.js';
import { shopDeadlines } from './shop-deadlines.js';
import { shopViolations } from './violations.js';
import { shipOrder } from '../logistics/index.js';
import { orderDetail } from '../orderviews/index.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

async function buy(core: TestCore, buyer: Actor, skuId: string, quantity = 1) {
  return (await checkout(core.ctx, buyer, { items: [{ skuId, quantity, attribution: { source: 'shelf' } }] })).body;
}

let txn = 0;
async function pay(core: TestCore, c: { payment: { id: string }; totalFen: number }) {
  txn++;
  await applyNotification(
    core.ctx,
    'sandbox',
    {
      eventId: `ev${txn}`,
      kind: 'payment.succeeded',
      paymentId: c.payment.id,
      providerTxnId: `sbx_${txn}`,
      amountFen: c.totalFen,
      at: 0,
    },
    '{}',
  );
}

const fire = (core: TestCore) => runDueTimers(core.ctx, core.timers);

async function stockOf(core: TestCore, skuId: string): Promise<number> {
  return Number(
    (await core.ctx.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow()).stock,
  );
}

test('an unpaid order is cancelled at the 15-minute deadline, to the millisecond, and its stock released', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'dl-unpaid', 10);
    const buyer = await makePerson(core, 'dl-unpaid-b');
    const c = await buy(core, buyer, shop.skuIds[0]!, 3);
    assert.equal(c.payment.expiresAt, core.clock.now() + 15 * MIN);
    assert.equal(await stockOf(core, shop.skuIds[0]!), 7);
    core.clock.advance(15 * MIN - 1);
    await core.tick();
    assert.equal((await orderDetail(core.ctx.db, buyer, c.orders[0]!.id)).status, 'unpaid');
    core.clock.advance(1);
    await core.tick();
    const d = await orderDetail(core.ctx.db, buyer, c.orders[0]!.id);
    assert.equal(d.status, 'cancelled');
    assert.equal(d.cancelReason, 'not paid in time');
    assert.equal(d.transitions.at(-1)?.actorKind, 'system');
    assert.equal(await stockOf(core, shop.skuIds[0]!), 10);
  } finally {
    await core.dispose();
  }
});

test('payment voids the unpaid deadline and starts ship-by; shipping in time leaves no penalty', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'dl-intime');
    const buyer = await makePerson(core, 'dl-intime-b');
    const c = await buy(core, buyer, shop.skuIds[0]!);
    const orderId = c.orders[0]!.id;
    core.clock.advance(5 * MIN);
    await pay(core, c);
    const paidAt = core.clock.now();
    assert.equal((await findTimer(core.ctx.db, DEADLINE.payBy, orderId))?.status, 'cancelled');
    const d = await orderDetail(core.ctx.db, buyer, orderId);
    assert.equal(d.promise.shipBy, paidAt + 48 * HOUR);
    assert.equal(d.promise.shipByHours, 48);
    const deadlines = await shopDeadlines(core.ctx.db, shop.owner, shop.shopId, core.clock.now());
    assert.deepEqual(deadlines.items, [
      { orderId, kind: 'ship_by', dueAt: paidAt + 48 * HOUR, remainingMs: 48 * HOUR },
    ]);
    core.clock.advance(20 * MIN); // past the old unpaid deadline: nothing happens to a paid order
    await fire(core);
    core.clock.advance(47 * HOUR);
    await shipOrder(core.ctx, shop.owner, orderId, [{ carrier: '顺丰速运', trackingNo: 'SF10000001' }]);
    core.clock.advance(2 * DAY);
    await fire(core);
    const after = await orderDetail(core.ctx.db, buyer, orderId);
    assert.equal(after.status, 'shipped');
    assert.equal(after.promise.lateAt, null);
    assert.equal((await shopViolations(core.ctx.db, shop.owner, shop.shopId, 100, core.clock.now())).milliPoints, 0);
    assert.deepEqual((await shopDeadlines(core.ctx.db, shop.owner, shop.shopId, core.clock.now())).items, []);
  } finally {
    await core.dispose();
  }
});

test('not shipped in 48 h: flagged late, the merchant compensates the buyer (5 %, min ¥3) and gets 0.1 violation point, once', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'dl-late');
    const buyer = await makePerson(core, 'dl-late-b');
    const small = await buy(core, buyer, shop.skuIds[0]!); // ¥29.90 + ¥8 shipping = ¥37.90 → 5 % = ¥1.90 → ¥3
    const big = await buy(core, buyer, shop.skuIds[1]!, 5); // ¥249.50, free shipping → 5 % = ¥12.48 (rounded)
    await pay(core, small);
    await pay(core, big);
    const merchant = accountId('merchant_available', shop.shopId);
    const before = await balanceOf(core.ctx.db, merchant);
    core.clock.advance(48 * HOUR - 1);
    await fire(core);
    assert.equal((await orderDetail(core.ctx.db, buyer, small.orders[0]!.id)).promise.lateAt, null);
    core.clock.advance(1);
    assert.equal((await fire(core)).fired, 2);
    const d = await orderDetail(core.ctx.db, buyer, small.orders[0]!.id);
    assert.equal(d.status, 'paid', 'late is a flag, not a status');
    assert.equal(d.promise.lateAt, core.clock.now());
    assert.equal(await balanceOf(core.ctx.db, merchant), before - 300 - 1248);
    assert.equal(await balanceOf(core.ctx.db, accountId('buyer_compensation_payable')), 300 + 1248);
    const v = await shopViolations(core.ctx.db, shop.owner, shop.shopId, 100, core.clock.now());
    assert.equal(v.milliPoints, 200);
    assert.equal(v.points, 0.2);
    // Shipping late afterwards changes nothing more; so does another round.
    await shipOrder(core.ctx, shop.owner, small.orders[0]!.id, [{ carrier: '顺丰速运', trackingNo: 'SF10000002' }]);
    core.clock.advance(DAY);
    await fire(core);
    assert.equal((await shopViolations(core.ctx.db, shop.owner, shop.shopId, 100, core.clock.now())).milliPoints, 200);
    assert.equal(await balanceOf(core.ctx.db, merchant), before - 300 - 1248);
  } finally {
    await core.dispose();
  }
});

test('shipping after the deadline is late even when the scheduler had not run yet; shipping at the deadline is in time', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'dl-race');
    const buyer = await makePerson(core, 'dl-race-b');
    const c = await buy(core, buyer, shop.skuIds[0]!);
    const onTime = await buy(core, buyer, shop.skuIds[1]!);
    await pay(core, c);
    await pay(core, onTime);
    core.clock.advance(48 * HOUR);
    await shipOrder(core.ctx, shop.owner, onTime.orders[0]!.id, [{ carrier: '顺丰速运', trackingNo: 'SF10000006' }]);
    core.clock.advance(1);
    await shipOrder(core.ctx, shop.owner, c.orders[0]!.id, [{ carrier: '顺丰速运', trackingNo: 'SF10000003' }]);
    core.clock.advance(1000);
    assert.equal((await fire(core)).fired, 1, 'the late order’s ship-by timer stayed due');
    const d = await orderDetail(core.ctx.db, buyer, c.orders[0]!.id);
    assert.equal(d.status, 'shipped');
    assert.equal(d.promise.lateAt, core.clock.now());
    assert.equal((await orderDetail(core.ctx.db, buyer, onTime.orders[0]!.id)).promise.lateAt, null);
    assert.equal((await shopViolations(core.ctx.db, shop.owner, shop.shopId, 100, core.clock.now())).milliPoints, 100);
  } finally {
    await core.dispose();
  }
});

test('a delivered order is confirmed automatically 7 days later and scheduled for settlement; a buyer confirmation cancels the timer', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'dl-confirm');
    const buyer = await makePerson(core, 'dl-confirm-b');
    const a = await buy(core, buyer, shop.skuIds[0]!);
    const b = await buy(core, buyer, shop.skuIds[1]!);
    await pay(core, a);
    await pay(core, b);
    const sa = await shipOrder(core.ctx, shop.owner, a.orders[0]!.id, [
      { carrier: '顺丰速运', trackingNo: 'SF10000004' },
    ]);
    const sb = await shipOrder(core.ctx, shop.owner, b.orders[0]!.id, [
      { carrier: '顺丰速运', trackingNo: 'SF10000005' },
    ]);
    await markShipmentDelivered(core.ctx, shop.owner, sa.shipmentIds[0]!);
    await markShipmentDelivered(core.ctx, shop.owner, sb.shipmentIds[0]!);
    const deliveredAt = core.clock.now();
    await confirmReceipt(core.ctx, buyer, b.orders[0]!.id);
    assert.equal((await findTimer(core.ctx.db, DEADLINE.autoConfirm, b.orders[0]!.id))?.status, 'cancelled');
    core.clock.advance(7 * DAY - 1);
    await fire(core);
    assert.equal((await orderDetail(core.ctx.db, buyer, a.orders[0]!.id)).status, 'delivered');
    core.clock.advance(1);
    assert.equal((await fire(core)).fired, 1);
    const d = await orderDetail(core.ctx.db, buyer, a.orders[0]!.id);
    assert.equal(d.status, 'completed');
    assert.equal(d.completedAt, deliveredAt + 7 * DAY);
    assert.equal(d.transitions.at(-1)?.actorKind, 'system');
    const money = await core.ctx.db
      .selectFrom('ledger_order_money')
      .select('settle_due_at')
      .where('order_id', '=', a.orders[0]!.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(money.settle_due_at), deliveredAt + 14 * DAY);
  } finally {
    await core.dispose();
  }
});

test('cancelling a paid order stops its ship-by deadline', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'dl-cancel');
    const buyer = await makePerson(core, 'dl-cancel-b');
    const c = await buy(core, buyer, shop.skuIds[0]!);
    await pay(core, c);
    await cancelOrder(core.ctx, buyer, c.orders[0]!.id, '不想要了');
    assert.equal((await findTimer(core.ctx.db, DEADLINE.shipBy, c.orders[0]!.id))?.status, 'cancelled');
    core.clock.advance(3 * DAY);
    assert.equal((await fire(core)).fired, 0);
    assert.equal((await shopViolations(core.ctx.db, shop.owner, shop.shopId, 100, core.clock.now())).milliPoints, 0);
  } finally {
    await core.dispose();
  }
});

test('a rule change after checkout does not change that order’s deadlines; later orders get the new rules', async () => {
  const core = await openTestCore();
  try {
    const admin = await makePerson(core, 'dl-admin', ['admin'], false);
    const shop = await makeShop(core, 'dl-rules');
    const buyer = await makePerson(core, 'dl-rules-b');
    const before = await buy(core, buyer, shop.skuIds[0]!);
    await assert.rejects(updateCategoryRuleProfile(core.ctx, buyer, shop.categoryId, { shipByHours: 24 }), {
      code: 'FORBIDDEN',
    });
    await assert.rejects(updateCategoryRuleProfile(core.ctx, admin, shop.categoryId, { shipByHours: 0 }), {
      code: 'INVALID_INPUT',
    });
    await assert.rejects(
      updateCategoryRuleProfile(core.ctx, admin, shop.categoryId, { sevenDayNoReason: true }),
      { code: 'INVALID_INPUT' },
      'fruit is perishable',
    );
    const changed = await updateCategoryRuleProfile(core.ctx, admin, shop.categoryId, {
      shipByHours: 24,
      autoConfirmDays: 3,
      unpaidCancelMinutes: 30,
      lateShipment: { minFen: 500 },
    });
    assert.equal(changed.rules.shipByHours, 24);
    assert.equal((await categoryRules(core.ctx.db, shop.categoryId)).rules.lateShipment.minFen, 500);
    const after = await buy(core, buyer, shop.skuIds[0]!);
    assert.equal(after.payment.expiresAt, core.clock.now() + 30 * MIN);
    await pay(core, before);
    await pay(core, after);
    const paidAt = core.clock.now();
    const old = await orderDetail(core.ctx.db, buyer, before.orders[0]!.id);
    const neu = await orderDetail(core.ctx.db, buyer, after.orders[0]!.id);
    assert.equal(old.promise.shipBy, paidAt + 48 * HOUR);
    assert.equal(neu.promise.shipBy, paidAt + 24 * HOUR);
    core.clock.advance(24 * HOUR);
    await fire(core);
    assert.equal((await orderDetail(core.ctx.db, buyer, before.orders[0]!.id)).promise.lateAt, null);
    assert.equal((await orderDetail(core.ctx.db, buyer, after.orders[0]!.id)).promise.lateAt, core.clock.now());
    const items = (await shopDeadlines(core.ctx.db, shop.owner, shop.shopId, core.clock.now())).items;
    assert.deepEqual(
      items.map((i) => [i.orderId, i.kind, i.remainingMs]),
      [
        [after.orders[0]!.id, 'ship_by', 0],
        [before.orders[0]!.id, 'ship_by', 24 * HOUR],
      ],
      'the late order stays on the list, overdue, until it ships',
    );
    await assert.rejects(shopDeadlines(core.ctx.db, buyer, shop.shopId, core.clock.now()), { code: 'NOT_FOUND' });
  } finally {
    await core.dispose();
  }
});
