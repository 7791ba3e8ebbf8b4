/**
 * order.searchList and order.orderDetail answer each order's JSON as kept from an earlier call
 * while nothing of it changed: every answer must be the bytes built afresh would be, through every
 * change the wire shows (parcels, a partial shipment, a new tracking number, the shop's memo, an
 * after-sales case and its refund, delivery, the buyer's new address, the shop's new name), and
 * the serialised answer must be exactly JSON.stringify of the value it stands for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore } from '../test-support/index.js';
import { buyAndPay, buyTwoAndPay, ship, world, type World } from '../aftersales/test-support/index.js';
import { actOnCase, fileCase } from '../aftersales/index.js';
import { addAddress } from '../accounts/index.js';
import { updateShop } from '../catalog/index.js';
import { changeOrderAddress, markShipmentDelivered } from '../orders/index.js';
import { shipOrder } from '../logistics/index.js';
import { registerApp, reviewApp } from './apps.js';
import { authorizeSelfUse, createToken } from './authorizations.js';
import { resolveCaller, runMethod } from './gateway-core.js';
import { successBody, successEnvelope } from './envelope.js';
import type { OpenMethod } from './rules.js';
import { openIdOf } from './open-ids.js';
import { forgetWireOrders } from './wire-orders.js';

async function erp(w: World) {
  const core = w.core;
  const { app } = await registerApp(core.ctx, w.shop.owner, {
    name: 'ERP测试',
    kind: 'self',
    shopId: w.shop.shopId,
    groups: ['orders', 'logistics', 'aftersales', 'stock', 'products'],
  });
  await reviewApp(core.ctx, w.admin, app.id, 'approve');
  await authorizeSelfUse(core.ctx, w.shop.owner, app.id);
  const row = await core.ctx.db.selectFrom('open_apps').selectAll().where('id', '=', app.id).executeTakeFirstOrThrow();
  const token = await createToken(core.ctx, row, { grant_type: 'authorization_self' });
  /** The envelope's bytes, as the gateway sends them. */
  return async (method: OpenMethod, params: Record<string, unknown>): Promise<string> => {
    const caller = await resolveCaller(core.ctx, row, token.access_token);
    return successBody(
      await runMethod(core.ctx, row, method, caller, params),
      '20261207000000abcdef0123456789ab',
    ).toString();
  };
}

test('order.searchList and order.orderDetail: a kept order answers the bytes built afresh, through every change the wire shows', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'wo', { stock: 500 });
    const call = await erp(w);
    const bought = [];
    for (let i = 0; i < 6; i++) bought.push(await buyAndPay(w, 1 + (i % 3), i % 2));
    const pair = await buyTwoAndPay(w);
    const orderIds = [...bought.map((b) => b.orderId), pair.orderId];
    const nums = await Promise.all(orderIds.map((id) => openIdOf(core.ctx.db, 'order', id)));
    const since = Math.floor(core.clock.now() / 1000) - 3600;
    const lists: Array<Record<string, unknown>> = [
      { page: 0, size: 20, create_time_start: since },
      { page: 0, size: 20, create_time_start: since, combine_status: [{ order_status: '2' }] },
      { page: 0, size: 20, update_time_start: since, order_by: 'update_time', order_asc: true },
      { page: 1, size: 3, create_time_start: since },
      { page: 5, size: 20, create_time_start: since },
    ];
    let answers = 0;
    const same = async (method: OpenMethod, params: Record<string, unknown>): Promise<string> => {
      const first = await call(method, params);
      const kept = await call(method, params);
      forgetWireOrders(core.ctx.db);
      const fresh = await call(method, params);
      assert.equal(first, fresh, `${method} ${JSON.stringify(params)}`);
      assert.equal(kept, fresh, `${method} ${JSON.stringify(params)} (kept)`);
      const value = JSON.parse(fresh) as { code: number; log_id: string; data: unknown };
      assert.equal(value.code, 10000, fresh);
      assert.equal(fresh, JSON.stringify(successEnvelope(value.data, value.log_id)));
      answers++;
      return fresh;
    };
    const everything = async (): Promise<string> => {
      let all = '';
      for (const params of lists) all += await same('order.searchList', params);
      for (const num of nums) all += await same('order.orderDetail', { shop_order_id: num });
      return all;
    };
    const states = [await everything()];
    const changed = async (what: string, shows = true): Promise<void> => {
      core.clock.advance(10_000); // past the shop name's few seconds
      const now = await everything();
      if (shows) assert.notEqual(now, states.at(-1), `${what} shows on the wire`);
      states.push(now);
    };

    await ship(w, bought[0]!.orderId);
    await changed('a parcel');
    await shipOrder(core.ctx, w.shop.owner, pair.orderId, [
      { carrier: '圆通速递', trackingNo: 'YTWO00000001', lineIds: [pair.lineIds[0]!] },
    ]);
    await changed('a partial shipment');
    await call('order.logisticsEdit', { order_id: nums[0], company_code: 'zhongtong', logistics_code: '7310000001' });
    await changed('a new tracking number');
    await call('order.addOrderRemark', { order_id: nums[1], remark: '加急 "当天发"', is_add_star: 'true', star: 3 });
    await changed("the shop's memo");
    const caseId = await fileCase(core.ctx, w.buyer, bought[0]!.orderId, {
      type: 'refund_only',
      orderLineId: bought[0]!.lineId,
      reasonCode: 'missing',
    });
    await changed('an after-sales case');
    await actOnCase(core.ctx, w.shop.owner, caseId, { action: 'approve' });
    await changed('the case agreed', false);
    const shipment = await core.ctx.db
      .selectFrom('shipments')
      .select('id')
      .where('order_id', '=', bought[0]!.orderId)
      .executeTakeFirstOrThrow();
    await markShipmentDelivered(core.ctx, w.shop.owner, shipment.id);
    await changed('delivery');
    const office = await addAddress(core.ctx, w.buyer, {
      name: '李四',
      phone: '13900002222',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 1 号\\n"北门"',
    });
    await changeOrderAddress(core.ctx, w.buyer, bought[3]!.orderId, office.id);
    await changed("the buyer's address");
    await updateShop(core.ctx, w.shop.owner, w.shop.shopId, { name: '新店名 <&>' });
    await changed("the shop's name");
    assert.ok(answers > 100);
  } finally {
    await core.dispose();
  }
});

test('order.searchList: the total counts every matching order, read with the page or on its own past the end; order.orderDetail shows parcels and cases where its row says it has them', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'wt', { stock: 500 });
    const call = await erp(w);
    const bought = [];
    for (let i = 0; i < 5; i++) bought.push(await buyAndPay(w, 1, i % 2));
    await ship(w, bought[0]!.orderId);
    await ship(w, bought[1]!.orderId);
    await fileCase(core.ctx, w.buyer, bought[0]!.orderId, {
      type: 'refund_only',
      orderLineId: bought[0]!.lineId,
      reasonCode: 'missing',
    });
    const since = Math.floor(core.clock.now() / 1000) - 3600;
    type Listed = {
      order_id: string;
      logistics_info: Array<{ tracking_no: string }>;
      sku_order_list: Array<{ after_sale_info: { after_sale_status: number } }>;
    };
    const list = async (params: Record<string, unknown>) =>
      JSON.parse(await call('order.searchList', { create_time_start: since, ...params })) as {
        code: number;
        data: { total: number; shop_order_list: Listed[] };
      };
    const cases: Array<[Record<string, unknown>, number, number]> = [
      [{ page: 0, size: 20 }, 5, 5],
      [{ page: 1, size: 2 }, 5, 2],
      [{ page: 2, size: 2 }, 5, 1],
      [{ page: 3, size: 2 }, 5, 0],
      [{ page: 7, size: 20 }, 5, 0],
      [{ page: 0, size: 20, combine_status: [{ order_status: '2' }] }, 3, 3],
      [{ page: 1, size: 2, combine_status: [{ order_status: '2' }] }, 3, 1],
      [{ page: 0, size: 20, combine_status: [{ order_status: '3' }] }, 2, 2],
      [{ page: 0, size: 20, combine_status: [{ order_status: '5' }] }, 0, 0],
      [{ page: 4, size: 1, combine_status: [{ order_status: '5' }] }, 0, 0],
    ];
    for (const [params, total, listed] of cases) {
      const r = await list(params);
      assert.equal(r.code, 10000, JSON.stringify(r));
      assert.deepEqual([r.data.total, r.data.shop_order_list.length], [total, listed], JSON.stringify(params));
    }
    const nums = await Promise.all(bought.map((b) => openIdOf(core.ctx.db, 'order', b.orderId)));
    const all = (await list({ page: 0, size: 20 })).data.shop_order_list;
    const byNum = new Map(all.map((o) => [o.order_id, o]));
    assert.deepEqual(
      nums.map((n) => byNum.get(n)!.logistics_info.length),
      [1, 1, 0, 0, 0],
      'the shipped orders list their parcel',
    );
    assert.deepEqual(
      nums.map((n) => byNum.get(n)!.sku_order_list[0]!.after_sale_info.after_sale_status),
      [1, 0, 0, 0, 0],
      'the order with a case shows it',
    );
    const detail = JSON.parse(await call('order.orderDetail', { shop_order_id: nums[0] })) as {
      data: { shop_order_detail: Listed };
    };
    assert.match(detail.data.shop_order_detail.logistics_info[0]!.tracking_no, /^SFAS/);
    assert.equal(detail.data.shop_order_detail.sku_order_list[0]!.after_sale_info.after_sale_status, 1);
    const plain = JSON.parse(await call('order.orderDetail', { shop_order_id: nums[3] })) as {
      data: { shop_order_detail: Listed };
    };
    assert.deepEqual(
      [
        plain.data.shop_order_detail.logistics_info.length,
        plain.data.shop_order_detail.sku_order_list[0]!.after_sale_info.after_sale_status,
      ],
      [0, 0],
    );
  } finally {
    await core.dispose();
  }
});
