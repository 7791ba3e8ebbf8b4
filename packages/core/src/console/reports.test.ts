import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/index.js';
import { cancelOrder, applyNotification } from '../orders/index.js';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import type { Actor } from '../context.js';
import { adminShops } from './admin-shops.js';
import { batchShip } from './batch-ship.js';
import { shopDashboard } from './dashboard.js';
import { shipOrder } from '../logistics/index.js';

let paySeq = 0;
async function paidOrder(
  core: TestCore,
  buyer: Actor,
  skuId: string,
  quantity = 1,
): Promise<{ id: string; totalFen: number }> {
  const c = (await checkout(core.ctx, buyer, { items: [{ skuId, quantity, attribution: { source: 'shelf' } }] })).body;
  paySeq++;
  await applyNotification(
    core.ctx,
    'sandbox',
    {
      eventId: `e${paySeq}`,
      kind: 'payment.succeeded',
      paymentId: c.payment.id,
      providerTxnId: `sbx_${paySeq}`,
      amountFen: c.totalFen,
      at: 0,
    },
    '{}',
  );
  return { id: c.orders[0]!.id, totalFen: c.orders[0]!.totalFen };
}

test('the dashboard counts today in Asia/Shanghai, the last 7 days, refunds and the oldest orders to ship', async () => {
  const core = await openTestCore();
  try {
    // 10:00 in Shanghai on 2026-11-23
    core.clock.set(Date.UTC(2026, 10, 23, 2, 0));
    const shop = await makeShop(core, 'dash-shop');
    const other = await makeShop(core, 'dash-other', 100, shop.categoryId);
    const buyer = await makePerson(core, 'dash-buyer');
    core.clock.set(Date.UTC(2026, 10, 21, 2, 0)); // two days ago
    const old = await paidOrder(core, buyer, shop.skuIds[0]!, 2);
    core.clock.set(Date.UTC(2026, 10, 22, 15, 30)); // 23:30 yesterday in Shanghai
    await checkout(core.ctx, buyer, {
      items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
    }); // created, never paid
    core.clock.set(Date.UTC(2026, 10, 22, 16, 30)); // 00:30 today in Shanghai
    const a = await paidOrder(core, buyer, shop.skuIds[0]!);
    const b = await paidOrder(core, buyer, shop.skuIds[1]!);
    const c = await paidOrder(core, buyer, shop.skuIds[0]!);
    await paidOrder(core, buyer, other.skuIds[0]!); // another shop: not counted
    await shipOrder(core.ctx, shop.owner, b.id, [{ carrier: '顺丰速运', trackingNo: 'SF00000001' }]);
    await cancelOrder(core.ctx, buyer, c.id, '不想要了');
    core.clock.set(Date.UTC(2026, 10, 23, 2, 0));

    const d = await shopDashboard(core.ctx.db, shop.owner, shop.shopId, core.clock.now());
    assert.deepEqual(d.today, {
      orders: 3,
      paidOrders: 2,
      gmvFen: a.totalFen + b.totalFen,
      toShip: 2,
      overdue: 1,
      refundsFen: c.totalFen,
    });
    assert.deepEqual(
      d.last7Days.map((x) => x.day),
      ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'],
    );
    assert.deepEqual(
      d.last7Days.map((x) => x.orders),
      [0, 0, 0, 0, 1, 1, 3],
    );
    assert.equal(d.last7Days[4]!.gmvFen, old.totalFen);
    assert.deepEqual(
      d.toShipOldest.map((x) => x.orderId),
      [old.id, a.id],
    );
    assert.equal(d.toShipOldest[0]!.shipByAt, d.toShipOldest[0]!.paidAt + 48 * 3_600_000);
    assert.deepEqual(
      d.toShipOldest.map((x) => x.overdue),
      [true, false],
      'the oldest order reached its ship-by time just now',
    );
    await assert.rejects(shopDashboard(core.ctx.db, other.owner, shop.shopId, core.clock.now()), { code: 'NOT_FOUND' });
  } finally {
    await core.dispose();
  }
});

test('batch shipping ships each good row in its own transaction and reports every bad row', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'batch-shop');
    const other = await makeShop(core, 'batch-other', 100, shop.categoryId);
    const buyer = await makePerson(core, 'batch-buyer');
    const o1 = await paidOrder(core, buyer, shop.skuIds[0]!);
    const o2 = await paidOrder(core, buyer, shop.skuIds[0]!);
    const foreign = await paidOrder(core, buyer, other.skuIds[0]!);
    const unpaid = (
      await checkout(core.ctx, buyer, {
        items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
      })
    ).body.orders[0]!.id;
    const csv = [
      '\uFEFForderId,carrier,trackingNo',
      `${o1.id},顺丰速运,SF10000001`,
      `${unpaid},顺丰速运,SF10000002`,
      '',
      `${foreign.id},顺丰速运,SF10000003`,
      `not-an-id,顺丰速运,SF10000004`,
      `${o2.id},"中通快递",bad no!`,
      `"${o2.id}",中通快递,ZT10000005`,
      `${o1.id},顺丰速运,SF10000006`,
    ].join('\r\n');
    const report = await batchShip(core.ctx, shop.owner, shop.shopId, csv);
    assert.deepEqual(
      report.results.map((r) => [r.row, r.ok ? 'ok' : r.code]),
      [
        [2, 'ok'],
        [3, 'INVALID_TRANSITION'],
        [5, 'NOT_FOUND'],
        [6, 'INVALID_INPUT'],
        [7, 'INVALID_INPUT'],
        [8, 'ok'],
        [9, 'INVALID_TRANSITION'],
      ],
    );
    assert.deepEqual([report.shipped, report.failed], [2, 5]);
    const statuses = await core.ctx.db
      .selectFrom('orders')
      .select(['id', 'status'])
      .where('id', 'in', [o1.id, o2.id, foreign.id, unpaid])
      .execute();
    const by = Object.fromEntries(statuses.map((s) => [s.id, s.status]));
    assert.deepEqual([by[o1.id], by[o2.id], by[foreign.id], by[unpaid]], ['shipped', 'shipped', 'paid', 'unpaid']);
    await assert.rejects(batchShip(core.ctx, other.owner, shop.shopId, csv), { code: 'NOT_FOUND' });
    await assert.rejects(batchShip(core.ctx, shop.owner, shop.shopId, 'order,carrier\n'), {
      code: 'CSV_HEADER_INVALID',
    });
  } finally {
    await core.dispose();
  }
});

test('admin shops lists every shop with owner, products and orders, newest first, by cursor; admins only', async () => {
  const core = await openTestCore();
  try {
    const a = await makeShop(core, 'adm-a');
    const b = await makeShop(core, 'adm-b', 100, a.categoryId);
    const buyer = await makePerson(core, 'adm-buyer');
    await paidOrder(core, buyer, a.skuIds[0]!);
    const admin = await makePerson(core, 'adm-admin', ['admin'], false);
    await assert.rejects(adminShops(core.ctx.db, a.owner, {}), { code: 'FORBIDDEN' });
    const all = await adminShops(core.ctx.db, admin, { limit: 100 });
    const mine = all.items.filter((s) => s.id === a.shopId || s.id === b.shopId);
    assert.deepEqual(
      mine.map((s) => [s.id, s.ownerLogin, s.products, s.orders]),
      [
        [b.shopId, 'adm-b', 1, 0],
        [a.shopId, 'adm-a', 1, 1],
      ],
    );
    const first = await adminShops(core.ctx.db, admin, { limit: 1 });
    assert.equal(first.items.length, 1);
    assert.ok(first.nextCursor);
    const second = await adminShops(core.ctx.db, admin, { limit: 1, cursor: first.nextCursor });
    assert.notEqual(second.items[0]!.id, first.items[0]!.id);
  } finally {
    await core.dispose();
  }
});
