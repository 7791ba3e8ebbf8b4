import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore, type TestCore } from '../test-support/index.js';
import { buyAndPay, ship, world, type World } from '../aftersales/test-support/index.js';
import { fileCase } from '../aftersales/index.js';
import { addAddress } from '../accounts/index.js';
import { changeOrderAddress, markShipmentDelivered } from '../orders/index.js';
import { registerApp, reviewApp, updateApp } from './apps.js';
import { authorizeSelfUse, createToken } from './authorizations.js';
import { resolveCaller, runMethod } from './gateway-core.js';
import type { PushPost } from './push.js';
import { wireData, type OpenApiError } from './envelope.js';
import type { OpenMethod } from './rules.js';
import { openIdOf } from './open-ids.js';
import { originParts } from './methods-address.js';
import { runDueTimers } from '../timers/index.js';
import { shipOrder } from '../logistics/index.js';

function receiver(): { post: PushPost; bodies: string[] } {
  const bodies: string[] = [];
  return {
    bodies,
    post: async (_url, body) => (bodies.push(body), { status: 200, body: '{"code":0,"msg":"success"}' }),
  };
}

/** A self-use app of the world's shop with every group, authorised, with a token; calls go through the gateway's core. */
async function erp(core: TestCore, w: World, tags: string[] = []) {
  const { app } = await registerApp(core.ctx, w.shop.owner, {
    name: 'ERP测试',
    kind: 'self',
    shopId: w.shop.shopId,
    groups: ['orders', 'logistics', 'aftersales', 'stock', 'products'],
  });
  await reviewApp(core.ctx, w.admin, app.id, 'approve');
  await authorizeSelfUse(core.ctx, w.shop.owner, app.id);
  if (tags.length)
    await updateApp(core.ctx, w.shop.owner, app.id, { pushUrl: 'http://receiver.test/push', pushTags: tags });
  const row = await core.ctx.db.selectFrom('open_apps').selectAll().where('id', '=', app.id).executeTakeFirstOrThrow();
  const token = await createToken(core.ctx, row, { grant_type: 'authorization_self' });
  return async (method: OpenMethod, params: Record<string, unknown>) => {
    const caller = await resolveCaller(core.ctx, row, token.access_token);
    return wireData(await runMethod(core.ctx, row, method, caller, params));
  };
}

const fails = (p: Promise<unknown>, code: number, sub: string | RegExp) =>
  assert.rejects(
    p,
    (e: OpenApiError) => e.code === code && (typeof sub === 'string' ? e.subCode === sub : sub.test(e.subCode)),
  );

test("order.logisticsEdit: a parcel on its way gets a new carrier and number through the logistics module, audited; not once delivered; another shop's order is unknown", async () => {
  const core = await openTestCore({ openPush: receiver().post });
  try {
    const w = await world(core, 'le');
    const call = await erp(core, w);
    const b = await buyAndPay(w);
    const orderNum = await openIdOf(core.ctx.db, 'order', b.orderId);
    // Not shipped yet: nothing to edit.
    await fails(
      call('order.logisticsEdit', { order_id: orderNum, company_code: 'yuantong', logistics_code: 'YT1234567890' }),
      40004,
      'isv.parameter-invalid:10002',
    );
    const shipmentId = await ship(w, b.orderId);
    await call('order.logisticsEdit', { order_id: orderNum, company_code: 'yuantong', logistics_code: 'YT1234567890' });
    const detail = (await call('order.orderDetail', { shop_order_id: orderNum })) as {
      shop_order_detail: { logistics_info: Array<{ tracking_no: string; company: string }> };
    };
    assert.deepEqual(
      detail.shop_order_detail.logistics_info.map((l) => [l.company, l.tracking_no]),
      [['yuantong', 'YT1234567890']],
    );
    const audit = await core.ctx.db
      .selectFrom('shipment_edits')
      .selectAll()
      .where('shipment_id', '=', shipmentId)
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.new_tracking_no, 'YT1234567890');
    assert.equal(audit[0]!.actor_id, w.shop.owner.userId);
    // The same again changes nothing; an unknown company; a number another parcel uses.
    await fails(
      call('order.logisticsEdit', { order_id: orderNum, company_code: 'yuantong', logistics_code: 'YT1234567890' }),
      50002,
      'isv.business-failed:30013',
    );
    await fails(
      call('order.logisticsEdit', { order_id: orderNum, company_code: 'nope', logistics_code: 'YT1234567890' }),
      40004,
      'isv.parameter-invalid:10003',
    );
    const other = await buyAndPay(w);
    await shipOrder(core.ctx, w.shop.owner, other.orderId, [{ carrier: '圆通速递', trackingNo: 'YT0000000001' }]);
    const yt = (
      await core.ctx.db
        .selectFrom('shipments')
        .select('carrier')
        .where('order_id', '=', b.orderId)
        .executeTakeFirstOrThrow()
    ).carrier;
    await shipOrder(core.ctx, w.shop.owner, (await buyAndPay(w)).orderId, [
      { carrier: yt, trackingNo: 'YT5555555555' },
    ]);
    await fails(
      call('order.logisticsEdit', { order_id: orderNum, company_code: 'yuantong', logistics_code: 'YT5555555555' }),
      50002,
      'isv.business-failed:30004',
    );
    // Delivered: no more edits.
    await markShipmentDelivered(core.ctx, w.shop.owner, shipmentId);
    await fails(
      call('order.logisticsEdit', { order_id: orderNum, company_code: 'zhongtong', logistics_code: 'ZT1234567890' }),
      50002,
      'isv.business-failed:30010',
    );
    // Another shop's order answers like one that does not exist.
    const w2 = await world(core, 'le2');
    const theirs = await buyAndPay(w2);
    await ship(w2, theirs.orderId);
    await fails(
      call('order.logisticsEdit', {
        order_id: await openIdOf(core.ctx.db, 'order', theirs.orderId),
        company_code: 'yuantong',
        logistics_code: 'YT7777777777',
      }),
      40004,
      'isv.parameter-invalid:10002',
    );
    await fails(
      call('order.logisticsEdit', { order_id: orderNum, company_code: 'yuantong' }),
      40002,
      'isv.missing-parameter',
    );
  } finally {
    await core.dispose();
  }
});

test('order.logisticsEdit: several parcels need pack_id; a sandbox parcel is re-booked with the carrier, and refused once the carrier has scanned it', async () => {
  const core = await openTestCore({ openPush: receiver().post });
  try {
    const w = await world(core, 'lp');
    const call = await erp(core, w);
    const b = await buyAndPay(w, 1);
    const orderNum = await openIdOf(core.ctx.db, 'order', b.orderId);
    const shipped = await shipOrder(core.ctx, w.shop.owner, b.orderId, [
      { carrier: 'sandbox', trackingNo: 'SBX-EDIT-0001' },
    ]);
    await call('order.logisticsEdit', {
      order_id: orderNum,
      company_code: 'sandbox',
      logistics_code: 'SBX-EDIT-0002',
      pack_id: shipped.shipmentIds[0],
    });
    const parcels = await core.ctx.db
      .selectFrom('sandbox_carrier_parcels')
      .select(['waybill_no', 'status'])
      .orderBy('waybill_no')
      .execute();
    assert.deepEqual(
      parcels.map((p) => [p.waybill_no, p.status]),
      [
        ['SBX-EDIT-0001', 'cancelled'],
        ['SBX-EDIT-0002', 'accepted'],
      ],
    );
    // The carrier's courier collects it (its first scan is released): the number is now the carrier's.
    core.clock.advance(7 * 3600_000);
    await runDueTimers(core.ctx, core.timers);
    await core.sandbox.deliverDue(100, async (url, body, headers) => {
      const { receiveTrackingCallback, installLogistics } = await import('../logistics/index.js');
      await receiveTrackingCallback(
        core.ctx,
        installLogistics(core),
        new URL(url).pathname.split('/').pop()!,
        headers,
        body,
      );
      return 200;
    });
    const s = await core.ctx.db
      .selectFrom('shipments')
      .select(['tracking_no', 'tracking_status'])
      .where('id', '=', shipped.shipmentIds[0]!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [s.tracking_no, s.tracking_status],
      ['SBX-EDIT-0002', 'collected'],
      'the scans come for the new number',
    );
    await fails(
      call('order.logisticsEdit', { order_id: orderNum, company_code: 'sandbox', logistics_code: 'SBX-EDIT-0003' }),
      50002,
      'isv.business-failed:30011',
    );

    // Two parcels in one order: the ERP names one with pack_id.
    const c = (await checkoutBoth(w)).orderId;
    const lines = await core.ctx.db
      .selectFrom('order_lines')
      .select('id')
      .where('order_id', '=', c)
      .orderBy('id')
      .execute();
    const two = await shipOrder(
      core.ctx,
      w.shop.owner,
      c,
      lines.map((l, i) => ({ carrier: '顺丰速运', trackingNo: `SF00000000${i + 1}`, lineIds: [l.id] })),
    );
    const num = await openIdOf(core.ctx.db, 'order', c);
    await fails(
      call('order.logisticsEdit', { order_id: num, company_code: 'shunfeng', logistics_code: 'SF0000000009' }),
      40002,
      'isv.missing-parameter',
    );
    await call('order.logisticsEdit', {
      order_id: num,
      company_code: 'shunfeng',
      logistics_code: 'SF0000000009',
      pack_id: two.shipmentIds[1],
    });
    const after = await core.ctx.db
      .selectFrom('shipments')
      .select(['id', 'tracking_no'])
      .where('order_id', '=', c)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      after.map((x) => x.tracking_no),
      ['SF000000001', 'SF0000000009'],
    );
    await fails(
      call('order.logisticsEdit', {
        order_id: num,
        company_code: 'shunfeng',
        logistics_code: 'SF0000000010',
        pack_id: 'shm_nope',
      }),
      40004,
      'isv.parameter-invalid:10002',
    );
  } finally {
    await core.dispose();
  }
});

/** One paid order with two lines (the shop's first two SKUs). */
async function checkoutBoth(w: World): Promise<{ orderId: string }> {
  const { checkout } = await import('../checkout/index.js');
  const { applyNotification } = await import('../orders/index.js');
  const c = (
    await checkout(w.core.ctx, w.buyer, {
      items: [
        { skuId: w.shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } },
        { skuId: w.shop.skuIds[1]!, quantity: 1, attribution: { source: 'shelf' } },
      ],
    })
  ).body;
  await applyNotification(
    w.core.ctx,
    'sandbox',
    {
      eventId: `two-${c.payment.id}`,
      kind: 'payment.succeeded',
      paymentId: c.payment.id,
      providerTxnId: `sbx_two_${c.payment.id}`,
      amountFen: c.totalFen,
      at: 0,
    },
    '{}',
  );
  return { orderId: c.orders[0]!.id };
}

test("address.list: the shop's one address is its dispatch origin, with the wire names and string times; pages from 1", async () => {
  const core = await openTestCore({ openPush: receiver().post });
  try {
    const w = await world(core, 'al');
    const call = await erp(core, w);
    const empty = (await call('address.list', {
      page_no: 1,
      page_size: 10,
      order_by: 'desc',
      order_field: 'create_time',
    })) as { total: number; address_list: unknown[] };
    assert.deepEqual([empty.total, empty.address_list.length], [0, 0], 'no origin set: no address');
    const { updateShop } = await import('../catalog/index.js');
    await updateShop(core.ctx, w.shop.owner, w.shop.shopId, {
      name: 'al-shop 的店',
      origin: '云南·昆明',
      shippingFeeFen: 800,
      freeShippingOverFen: 9900,
    });
    const data = (await call('address.list', {
      page_no: 1,
      page_size: 10,
      order_by: 'desc',
      order_field: 'create_time',
    })) as { total: number; page_no: number; page_size: number; address_list: Array<Record<string, unknown>> };
    assert.equal(data.total, 1);
    assert.deepEqual([data.page_no, data.page_size], [1, 10]);
    const a = data.address_list[0]!;
    assert.equal(a.receiver_provinc, '云南');
    assert.equal(a.receiver_city, '昆明');
    assert.equal(a.reciever_name, `${'al-shop'} 的店`);
    assert.equal(a.is_default, 1);
    assert.equal(typeof a.create_time, 'string');
    assert.match(a.create_time as string, /^\d{10}$/);
    const page2 = (await call('address.list', { page_no: 2, page_size: 10 })) as { address_list: unknown[] };
    assert.equal(page2.address_list.length, 0);
    await fails(call('address.list', { page_no: 0, page_size: 10 }), 40004, 'isv.parameter-invalid:10001');
    await fails(
      call('address.list', { page_no: 1, page_size: 10, order_field: 'name' }),
      40004,
      'isv.parameter-invalid:10001',
    );
    assert.deepEqual(originParts('浙江·舟山'), { province: '浙江', city: '舟山' });
    assert.deepEqual(originParts('上海'), { province: '上海', city: '' });
  } finally {
    await core.dispose();
  }
});

test('tag 105: the buyer sends an unshipped order elsewhere (audited, pushed); once shipped the address is locked', async () => {
  const push = receiver();
  const core = await openTestCore({ openPush: push.post });
  try {
    const w = await world(core, 'ad');
    await erp(core, w, ['105', '104']);
    const b = await buyAndPay(w);
    const office = await addAddress(core.ctx, w.buyer, {
      name: '张三',
      phone: '13800001111',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 1 号',
    });
    await changeOrderAddress(core.ctx, w.buyer, b.orderId, office.id);
    const order = await core.ctx.db
      .selectFrom('orders')
      .select('address')
      .where('id', '=', b.orderId)
      .executeTakeFirstOrThrow();
    assert.equal((JSON.parse(order.address) as { city: string }).city, '杭州市');
    const audit = await core.ctx.db
      .selectFrom('order_address_changes')
      .selectAll()
      .where('order_id', '=', b.orderId)
      .execute();
    assert.equal(audit.length, 1);
    await core.tick();
    const messages = push.bodies.flatMap((x) => JSON.parse(x) as Array<{ tag: string; data: string }>);
    assert.deepEqual(
      messages.map((m) => m.tag),
      ['105'],
    );
    const data = JSON.parse(messages[0]!.data) as {
      order_status: number;
      receiver_msg: { addr: string };
      p_id: number;
    };
    assert.equal(data.order_status, 2);
    assert.equal(data.receiver_msg.addr, '浙江省杭州市西湖区');
    assert.match(messages[0]!.data, new RegExp(`"p_id":${await openIdOf(core.ctx.db, 'order', b.orderId)}`));
    // Someone else's order is unknown; the shop cannot change it; an unknown address is unknown.
    await assert.rejects(changeOrderAddress(core.ctx, w.stranger, b.orderId, office.id), { code: 'NOT_FOUND' });
    await assert.rejects(changeOrderAddress(core.ctx, w.shop.owner, b.orderId, office.id), { code: 'NOT_FOUND' });
    await assert.rejects(changeOrderAddress(core.ctx, w.buyer, b.orderId, 'adr_nope'), { code: 'NOT_FOUND' });
    // Shipped: locked. The shipment's edit is tag 104.
    const shipmentId = await ship(w, b.orderId);
    await assert.rejects(changeOrderAddress(core.ctx, w.buyer, b.orderId, office.id), { code: 'ADDRESS_LOCKED' });
    const { editShipmentTracking } = await import('../logistics/index.js');
    await editShipmentTracking(core.ctx, w.shop.owner, b.orderId, shipmentId, {
      carrier: '圆通速递',
      trackingNo: 'YT9999999999',
    });
    await core.tick();
    const later = push.bodies.flatMap((x) => JSON.parse(x) as Array<{ tag: string; data: string }>).slice(1);
    assert.deepEqual(
      later.map((m) => m.tag),
      ['104'],
    );
    assert.equal(
      (JSON.parse(later[0]!.data) as { logistics_msg: { logistics_code: string } }).logistics_msg.logistics_code,
      'YT9999999999',
    );
  } finally {
    await core.dispose();
  }
});

test('afterSale.operate: all or nothing — a batch where one item is refused while applying leaves every case as it was', async () => {
  const core = await openTestCore({ openPush: receiver().post });
  try {
    const w = await world(core, 'ao');
    const call = await erp(core, w);
    const cases: string[] = [];
    for (let i = 0; i < 2; i++) {
      const b = await buyAndPay(w);
      cases.push(
        await fileCase(core.ctx, w.buyer, b.orderId, {
          type: 'refund_unshipped',
          orderLineId: b.lineId,
          reasonCode: 'changed_mind',
        }),
      );
    }
    const nums = await Promise.all(cases.map((c) => openIdOf(core.ctx.db, 'aftersale', c)));
    // The second case twice: each item passes the check on the state read first, the repeat is refused while applying.
    await assert.rejects(
      call('afterSale.operate', {
        type: 201,
        items: [{ aftersale_id: nums[0] }, { aftersale_id: nums[1] }, { aftersale_id: nums[1] }],
      }),
      (e: OpenApiError) =>
        e.code === 50002 &&
        e.subCode === 'isv.business-failed:30001' &&
        e.subMsg.includes(nums[1]!) &&
        e.subMsg.includes('ACTION_NOT_ALLOWED'),
    );
    const after = await core.ctx.db
      .selectFrom('aftersales_cases')
      .select(['id', 'status'])
      .where('id', 'in', cases)
      .execute();
    assert.deepEqual(after.map((c) => c.status).sort(), ['requested', 'requested'], 'none applied');
    const refunds = await core.ctx.db.selectFrom('refunds').select('id').execute();
    assert.equal(refunds.length, 0, 'no money moved');
    // The same batch without the repeat: both applied.
    const ok = (await call('afterSale.operate', {
      type: 201,
      items: [{ aftersale_id: nums[0] }, { aftersale_id: nums[1] }],
    })) as { items: Array<{ status_code: number }> };
    assert.deepEqual(
      ok.items.map((x) => x.status_code),
      [0, 0],
    );
    const done = await core.ctx.db.selectFrom('aftersales_cases').select('status').where('id', 'in', cases).execute();
    assert.ok(done.every((c) => c.status !== 'requested'));
  } finally {
    await core.dispose();
  }
});
