import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/index.js';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { confirmReceipt, markShipmentDelivered } from './order-commands.js';
import { applyNotification } from './payment-capture.js';
import { shipOrder } from '../logistics/index.js';
import { orderDetail } from '../orderviews/index.js';

test('an order ships in two parcels; it is shipped when every line is, delivered when every parcel is', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'parcel-shop');
    const buyer = await makePerson(core, 'parcel-buyer');
    const c = (
      await checkout(core.ctx, buyer, {
        items: [
          { skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } },
          { skuId: shop.skuIds[1]!, quantity: 1, attribution: { source: 'link', creatorId: 'usr_creator' } },
        ],
      })
    ).body;
    await applyNotification(
      core.ctx,
      'sandbox',
      {
        eventId: 'p1',
        kind: 'payment.succeeded',
        paymentId: c.payment.id,
        providerTxnId: 'sbx_t1',
        amountFen: c.totalFen,
        at: 0,
      },
      '{}',
    );
    const orderId = c.orders[0]!.id;
    let detail = await orderDetail(core.ctx.db, buyer, orderId);
    const [l1, l2] = detail.lines;
    await assert.rejects(confirmReceipt(core.ctx, buyer, orderId), { code: 'INVALID_TRANSITION' });
    // A line named twice in one parcel is refused before anything is written.
    await assert.rejects(
      shipOrder(core.ctx, shop.owner, orderId, [
        { carrier: '中通快递', trackingNo: 'ZT10000001', lineIds: [l1!.id, l1!.id] },
      ]),
      { code: 'INVALID_INPUT' },
    );
    const first = await shipOrder(core.ctx, shop.owner, orderId, [
      { carrier: '中通快递', trackingNo: 'ZT10000001', lineIds: [l1!.id] },
    ]);
    assert.equal(first.status, 'paid', 'one line still waits');
    await assert.rejects(
      shipOrder(core.ctx, shop.owner, orderId, [{ carrier: '中通快递', trackingNo: 'ZT10000002', lineIds: [l1!.id] }]),
      { code: 'LINE_NOT_SHIPPABLE' },
    );
    await assert.rejects(
      shipOrder(core.ctx, shop.owner, orderId, [{ carrier: '中通快递', trackingNo: 'ZT10000001' }]),
      { code: 'TRACKING_NUMBER_USED' },
    );
    const second = await shipOrder(core.ctx, shop.owner, orderId, [{ carrier: '顺丰速运', trackingNo: 'SF20000001' }]);
    assert.equal(second.status, 'shipped');
    assert.equal((await markShipmentDelivered(core.ctx, shop.owner, first.shipmentIds[0]!)).orderStatus, 'shipped');
    assert.equal((await markShipmentDelivered(core.ctx, shop.owner, second.shipmentIds[0]!)).orderStatus, 'delivered');
    await confirmReceipt(core.ctx, buyer, orderId);
    detail = await orderDetail(core.ctx.db, buyer, orderId);
    assert.equal(detail.status, 'completed');
    assert.equal(detail.shipments.length, 2);
    assert.deepEqual(
      detail.lines.map((l) => l.attribution.source),
      [l1!.attribution.source, l2!.attribution.source],
    );
    assert.equal(detail.lines.find((l) => l.attribution.source === 'link')!.attribution.creatorId, 'usr_creator');
    assert.deepEqual(
      detail.transitions.map((t) => [t.to, t.reasonCode, t.reasonParams]),
      [
        ['unpaid', 'order_placed', {}],
        ['paid', 'payment_captured', {}],
        ['shipped', 'shipped', { parcels: 2 }],
        ['delivered', 'all_parcels_delivered', {}],
        ['completed', 'buyer_confirmed_receipt', {}],
      ],
      'every transition carries its reason as a code with parameters',
    );
  } finally {
    await core.dispose();
  }
});

test('checkout across two shops makes two orders with one payment; a merchant cannot ship the other shop’s order', async () => {
  const core = await openTestCore();
  try {
    const a = await makeShop(core, 'split-a');
    const b = await makeShop(core, 'split-b', 100, a.categoryId);
    const buyer = await makePerson(core, 'split-buyer');
    const c = (
      await checkout(core.ctx, buyer, {
        items: [
          { skuId: a.skuIds[0]!, quantity: 4, attribution: { source: 'shelf' } },
          { skuId: b.skuIds[1]!, quantity: 1, attribution: { source: 'shelf' } },
        ],
      })
    ).body;
    assert.equal(c.orders.length, 2);
    assert.deepEqual(
      c.orders.map((o) => [o.itemsFen, o.shippingFeeFen]),
      [
        [11960, 0],
        [4990, 800],
      ],
    );
    assert.equal(c.payment.amountFen, 11960 + 4990 + 800);
    await applyNotification(
      core.ctx,
      'sandbox',
      {
        eventId: 'p2',
        kind: 'payment.succeeded',
        paymentId: c.payment.id,
        providerTxnId: 'sbx_t2',
        amountFen: c.totalFen,
        at: 0,
      },
      '{}',
    );
    const orderOfB = c.orders.find((o) => o.shopId === b.shopId)!;
    await assert.rejects(
      shipOrder(core.ctx, a.owner, orderOfB.id, [{ carrier: '中通快递', trackingNo: 'ZT30000001' }]),
      { code: 'NOT_FOUND' },
    );
  } finally {
    await core.dispose();
  }
});
