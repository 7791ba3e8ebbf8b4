import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/index.js';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import { applyNotification } from '../orders/index.js';
import { runDueTimers, findTimer } from '../timers/index.js';
import { shopDashboard } from '../console/index.js';
import type { Actor } from '../context.js';
import { isShipOverdue, shipOverdueMs } from './awaiting-shipment.js';
import { shopDeadlines } from './shop-deadlines.js';
import { shipOrder } from '../logistics/index.js';
import { orderDetail } from '../orderviews/index.js';

const HOUR = 3_600_000;

let txn = 0;
async function paidOrder(core: TestCore, buyer: Actor, skuId: string): Promise<string> {
  const c = (await checkout(core.ctx, buyer, { items: [{ skuId, quantity: 1, attribution: { source: 'shelf' } }] }))
    .body;
  txn++;
  await applyNotification(
    core.ctx,
    'sandbox',
    {
      eventId: `aw${txn}`,
      kind: 'payment.succeeded',
      paymentId: c.payment.id,
      providerTxnId: `sbx_aw_${txn}`,
      amountFen: c.totalFen,
      at: 0,
    },
    '{}',
  );
  return c.orders[0]!.id;
}

test('overdue to ship: still paid once the ship-by time has come; shipped or not yet due is not', () => {
  assert.equal(shipOverdueMs({ status: 'paid', shipByAt: 1000 }, 999), null);
  assert.equal(shipOverdueMs({ status: 'paid', shipByAt: 1000 }, 1000), 0);
  assert.equal(shipOverdueMs({ status: 'paid', shipByAt: 1000 }, 1000 + 480 * HOUR), 480 * HOUR);
  assert.equal(isShipOverdue({ status: 'shipped', shipByAt: 1000 }, 5000), false);
  assert.equal(isShipOverdue({ status: 'paid', shipByAt: null }, 5000), false);
});

test('the merchant 首页 and 履约中心 agree on which orders wait to ship and which are overdue, also after the late-shipment rule fired', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'aw-shop', 50);
    const buyer = await makePerson(core, 'aw-buyer');
    const late = await paidOrder(core, buyer, shop.skuIds[0]!);
    const lateShipBy = (await orderDetail(core.ctx.db, buyer, late)).promise.shipBy!;
    core.clock.set(lateShipBy + 480 * HOUR);
    const onTime = await paidOrder(core, buyer, shop.skuIds[0]!);
    const shipped = await paidOrder(core, buyer, shop.skuIds[0]!);
    await shipOrder(core.ctx, shop.owner, shipped, [{ carrier: '顺丰速运', trackingNo: 'SF1400000000001' }]);
    core.clock.advance(HOUR);
    await runDueTimers(core.ctx, core.timers);
    assert.equal((await findTimer(core.ctx.db, 'ship_by', late))?.status, 'done', 'the late-shipment rule was applied');
    assert.ok((await orderDetail(core.ctx.db, buyer, late)).promise.lateAt !== null);
    const now = core.clock.now();
    const onTimeShipBy = (await orderDetail(core.ctx.db, buyer, onTime)).promise.shipBy!;

    const dash = await shopDashboard(core.ctx.db, shop.owner, shop.shopId, now);
    const deadlines = (await shopDeadlines(core.ctx.db, shop.owner, shop.shopId, now)).items.filter(
      (d) => d.kind === 'ship_by',
    );
    assert.deepEqual(
      dash.toShipOldest.map((o) => [o.orderId, o.shipByAt, o.overdue]),
      [
        [late, lateShipBy, true],
        [onTime, onTimeShipBy, false],
      ],
    );
    assert.deepEqual(
      deadlines.map((d) => [d.orderId, d.dueAt]),
      dash.toShipOldest.map((o) => [o.orderId, o.shipByAt]),
      'the same orders with the same deadlines',
    );
    const overdueInFulfilment = deadlines.filter((d) => d.remainingMs <= 0).length;
    assert.equal(dash.today.overdue, 1);
    assert.equal(overdueInFulfilment, dash.today.overdue, '履约中心 counts the overdue order the 首页 lists');
    assert.equal(dash.today.toShip, deadlines.length);
    assert.equal(deadlines[0]!.remainingMs, lateShipBy - now);
  } finally {
    await core.dispose();
  }
});
