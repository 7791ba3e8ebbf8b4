/**
 * Statements per call of the methods an ERP calls all day (the mix of `zhongcao bench open-api`:
 * list paid orders, an order's detail, ship it, sync a SKU's stock in full and by increments),
 * counted in process through the gateway's core, transaction control included (the same on SQLite
 * and PostgreSQL). This is the regression guard of PERFORMANCE.md's statements per call: a change
 * that adds a statement to one of them fails here; one that cuts a statement lowers the figure here
 * with it. The counter is per process, so nothing else may run meanwhile. Each call is counted warm
 * (its ids and the shop's name already met in this process, the listed orders' answers kept), as
 * an ERP's calls are.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore } from '../test-support/index.js';
import { buyAndPay, buyTwoAndPay, world, type World } from '../aftersales/test-support/index.js';
import { shipOrder } from '../logistics/index.js';
import { DEADLINE } from '../rules/index.js';
import { findTimer } from '../timers/index.js';
import { statementsExecuted } from '../storage/index.js';
import { registerApp, reviewApp } from './apps.js';
import { authorizeSelfUse, createToken } from './authorizations.js';
import { resolveCaller, runMethod } from './gateway-core.js';
import { wireData } from './envelope.js';
import type { OpenMethod } from './rules.js';
import { openIdOf } from './open-ids.js';

/** What each call runs, warm. */
const STATEMENTS = {
  /** The page with its total, the listed orders' parcels, their after-sales cases (their lines are kept). */
  searchList: 3,
  /** The order's row with whether it has parcels and cases (it has neither). */
  orderDetail: 1,
  /**
   * begin; the order with its lines, what is shipped and whether the number is taken; the parcel;
   * its lines; whether a line's SKU has batches; the order's status; its transition; the two
   * events; the ship-by timer; commit.
   */
  logisticsAdd: 10,
  /** The SKU (shop and stock); the correction held to the shop's SKU. */
  syncStockFull: 2,
  /** The SKU; begin; the idempotent_id claimed; the correction; commit. */
  syncStockIncremental: 5,
};

/** A self-use app of the world's shop, authorised, with a token; each call runs as the gateway runs it, counted. */
async function erp(w: World) {
  const core = w.core;
  const { app } = await registerApp(core.ctx, w.shop.owner, {
    name: 'ERP语句',
    kind: 'self',
    shopId: w.shop.shopId,
    groups: ['orders', 'logistics', 'stock'],
  });
  await reviewApp(core.ctx, w.admin, app.id, 'approve');
  await authorizeSelfUse(core.ctx, w.shop.owner, app.id);
  const row = await core.ctx.db.selectFrom('open_apps').selectAll().where('id', '=', app.id).executeTakeFirstOrThrow();
  const token = await createToken(core.ctx, row, { grant_type: 'authorization_self' });
  return async (
    method: OpenMethod,
    params: Record<string, unknown>,
  ): Promise<{ data: unknown; statements: number }> => {
    const caller = await resolveCaller(core.ctx, row, token.access_token);
    const before = statementsExecuted();
    const data = wireData(await runMethod(core.ctx, row, method, caller, params));
    return { data, statements: statementsExecuted() - before };
  };
}

test('the ERP methods run a pinned number of statements each, and shipping and stock sync still apply every rule', async (t) => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'op-stmt', { stock: 500 });
    const call = await erp(w);
    const bought: Array<Awaited<ReturnType<typeof buyAndPay>>> = [];
    for (let i = 0; i < 4; i++) bought.push(await buyAndPay(w, 1, i % 2));
    const nums = await Promise.all(bought.map((b) => openIdOf(core.ctx.db, 'order', b.orderId)));
    const since = Math.floor(core.clock.now() / 1000) - 3600;
    const list = { page: 0, size: 20, create_time_start: since, combine_status: [{ order_status: '2' }] };
    const counted: Record<keyof typeof STATEMENTS, number[]> = {
      searchList: [],
      orderDetail: [],
      logisticsAdd: [],
      syncStockFull: [],
      syncStockIncremental: [],
    };

    // Warm: the ids met, the answers kept.
    const listed = (await call('order.searchList', list)).data as {
      total: number;
      shop_order_list: Array<{ sku_order_list: Array<{ sku_id: number }> }>;
    };
    assert.equal(listed.total, 4);
    for (const num of nums) await call('order.orderDetail', { shop_order_id: num });
    for (let round = 0; round < 2; round++) {
      counted.searchList.push((await call('order.searchList', list)).statements);
      counted.orderDetail.push((await call('order.orderDetail', { shop_order_id: nums[2 + round] })).statements);
    }

    // Shipping, through the logistics module: the order is shipped, its ship-by timer done with, both events written in order.
    for (const i of [0, 1]) {
      const shipped = await call('order.logisticsAdd', {
        order_id: nums[i],
        company_code: 'zhongtong',
        logistics_code: `73100000000${i}`,
      });
      counted.logisticsAdd.push(shipped.statements);
      const orderId = bought[i]!.orderId;
      const order = await core.ctx.db
        .selectFrom('orders')
        .select('status')
        .where('id', '=', orderId)
        .executeTakeFirstOrThrow();
      assert.equal(order.status, 'shipped');
      assert.equal((await findTimer(core.ctx.db, DEADLINE.shipBy, orderId))?.status, 'cancelled');
      const events = await core.ctx.db
        .selectFrom('outbox')
        .select('topic')
        .where('topic', 'in', ['shipment.created', 'order.shipped'])
        .where((eb) => eb.or([eb('subject_id', '=', orderId), eb('payload', 'like', `%"orderId":"${orderId}"%`)]))
        .orderBy('id')
        .execute();
      assert.deepEqual(
        events.map((e) => e.topic),
        ['shipment.created', 'order.shipped'],
      );
      const parcels = await core.ctx.db
        .selectFrom('shipments')
        .innerJoin('shipment_lines', 'shipment_lines.shipment_id', 'shipments.id')
        .select(['shipments.carrier', 'shipments.tracking_no', 'shipment_lines.order_line_id'])
        .where('shipments.order_id', '=', orderId)
        .execute();
      assert.deepEqual(parcels, [
        { carrier: '中通快递', tracking_no: `73100000000${i}`, order_line_id: bought[i]!.lineId },
      ]);
    }

    // Stock sync: a full count becomes a delta from the stock read; an increment is applied once.
    const skuNum = listed.shop_order_list[0]!.sku_order_list[0]!.sku_id;
    const stockOf = async () =>
      ((await call('sku.stockNum', { sku_id: skuNum })).data as { stock_num: number }).stock_num;
    await call('sku.syncStock', { sku_id: skuNum, stock_num: 300 });
    for (const target of [320, 310]) {
      counted.syncStockFull.push((await call('sku.syncStock', { sku_id: skuNum, stock_num: target })).statements);
      assert.equal(await stockOf(), target);
    }
    for (const key of ['in-1', 'in-2']) {
      const inc = { sku_id: skuNum, stock_num: 5, incremental: true, idempotent_id: key };
      const before = await stockOf();
      counted.syncStockIncremental.push((await call('sku.syncStock', inc)).statements);
      assert.equal(await stockOf(), before + 5);
      await assert.rejects(call('sku.syncStock', inc), { subCode: 'isv.idempotent-id-existed' });
      assert.equal(await stockOf(), before + 5, 'an idempotent_id is applied once');
    }

    t.diagnostic(`statements per call: ${JSON.stringify(counted)}`);
    for (const [method, budget] of Object.entries(STATEMENTS))
      for (const n of counted[method as keyof typeof STATEMENTS])
        assert.equal(n, budget, `${method} ran ${n} statements, not ${budget}`);
  } finally {
    await core.dispose();
  }
});

test("order.logisticsAdd after the cut: another shop's order is unknown and unchanged; a number used is refused; the last parcel of an order with a tracked one leaves the ship-by timer to the first scan", async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'op-stmt-rules', { stock: 500 });
    const other = await world(core, 'op-stmt-other', { stock: 500 });
    const call = await erp(w);
    const theirs = await buyAndPay(other);
    const theirNum = await openIdOf(core.ctx.db, 'order', theirs.orderId);
    for (const params of [
      { order_id: theirNum, company_code: 'zhongtong', logistics_code: '7310000009' },
      { order_id: theirNum, company_code: 'nope', logistics_code: '1' },
      { order_id: theirNum, company_code: 'zhongtong', logistics_code: '?' },
    ])
      await assert.rejects(call('order.logisticsAdd', params), { subCode: 'isv.parameter-invalid:10002' });
    const untouched = await core.ctx.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', theirs.orderId)
      .executeTakeFirstOrThrow();
    assert.equal(untouched.status, 'paid');
    assert.equal(
      (await core.ctx.db.selectFrom('shipments').select('id').where('order_id', '=', theirs.orderId).execute()).length,
      0,
    );

    // One line in a sandbox parcel (its carrier scans), the rest through the open platform in another carrier's.
    const pair = await buyTwoAndPay(w);
    await shipOrder(core.ctx, w.shop.owner, pair.orderId, [
      { carrier: 'sandbox', trackingNo: 'SBX-STMT-0001', lineIds: [pair.lineIds[0]!] },
    ]);
    assert.equal((await findTimer(core.ctx.db, DEADLINE.shipBy, pair.orderId))?.status, 'pending');
    const num = await openIdOf(core.ctx.db, 'order', pair.orderId);
    await call('order.logisticsAdd', { order_id: num, company_code: 'zhongtong', logistics_code: '7310000010' });
    const shipped = await core.ctx.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', pair.orderId)
      .executeTakeFirstOrThrow();
    assert.equal(shipped.status, 'shipped');
    assert.equal(
      (await findTimer(core.ctx.db, DEADLINE.shipBy, pair.orderId))?.status,
      'pending',
      'with a tracked parcel, dispatch is its first scan',
    );
    // The same carrier and number again is refused, on another order too; a shipped order cannot be shipped again.
    const next = await buyAndPay(w);
    await assert.rejects(
      call('order.logisticsAdd', {
        order_id: await openIdOf(core.ctx.db, 'order', next.orderId),
        company_code: 'zhongtong',
        logistics_code: '7310000010',
      }),
      { subCode: 'isv.business-failed:30004' },
    );
    await assert.rejects(
      call('order.logisticsAdd', { order_id: num, company_code: 'zhongtong', logistics_code: '7310000011' }),
      { subCode: 'isv.business-failed:30001' },
    );
    // Two parcels of one call with the same number: refused, nothing written.
    const two = await buyTwoAndPay(w);
    await assert.rejects(
      shipOrder(core.ctx, w.shop.owner, two.orderId, [
        { carrier: '圆通速递', trackingNo: 'YT-STMT-0001', lineIds: [two.lineIds[0]!] },
        { carrier: '圆通速递', trackingNo: 'YT-STMT-0001', lineIds: [two.lineIds[1]!] },
      ]),
      { code: 'TRACKING_NUMBER_USED' },
    );
    assert.equal(
      (await core.ctx.db.selectFrom('shipments').select('id').where('order_id', '=', two.orderId).execute()).length,
      0,
    );
  } finally {
    await core.dispose();
  }
});
