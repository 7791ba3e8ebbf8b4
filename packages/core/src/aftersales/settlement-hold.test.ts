import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore } from '../test-support/index.js';
import { checkout } from '../checkout/index.js';
import { confirmReceipt, applyNotification } from '../orders/index.js';
import { settleDueOrders } from '../ledger/index.js';
import { actOnCase, fileCase } from './cases.js';
import { DAY, delivered, world } from './test-support/fixtures.js';
import { shipOrder } from '../logistics/index.js';

async function moneyStatus(core: Awaited<ReturnType<typeof openTestCore>>, orderId: string): Promise<string> {
  return (
    await core.ctx.db
      .selectFrom('ledger_order_money')
      .select('status')
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow()
  ).status;
}

test('an open after-sales case holds settlement back; once it is answered the order settles with the refund taken out', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'hold', { perishable: false });
    const b = await delivered(w);
    await confirmReceipt(core.ctx, w.buyer, b.orderId);
    const caseId = await fileCase(core.ctx, w.buyer, b.orderId, {
      type: 'refund_only',
      orderLineId: b.lineId,
      reasonCode: 'quality',
      amountFen: 1000,
    });
    core.clock.advance(8 * DAY);
    await settleDueOrders(core.ctx);
    assert.equal(await moneyStatus(core, b.orderId), 'held', 'a requested case holds the money');
    await actOnCase(core.ctx, w.shop.owner, caseId, { action: 'reject', reason: '图片显示商品完好' });
    core.clock.advance(2 * 3600_000);
    await settleDueOrders(core.ctx);
    assert.equal(await moneyStatus(core, b.orderId), 'settled', 'a rejected case no longer holds it');
  } finally {
    await core.dispose();
  }
});

test('a line refunded in full before shipping is left out of the parcel; the rest of the order ships', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'skip-refunded', { perishable: false });
    const c = (
      await checkout(core.ctx, w.buyer, {
        items: w.shop.skuIds
          .slice(0, 2)
          .map((skuId) => ({ skuId, quantity: 1, attribution: { source: 'shelf' as const } })),
      })
    ).body;
    await applyNotification(
      core.ctx,
      'sandbox',
      {
        eventId: `skip-${c.payment.id}`,
        kind: 'payment.succeeded',
        paymentId: c.payment.id,
        providerTxnId: `sbx_skip_${c.payment.id}`,
        amountFen: c.totalFen,
        at: 0,
      },
      '{}',
    );
    const orderId = c.orders[0]!.id;
    const [first, second] = await core.ctx.db
      .selectFrom('order_lines')
      .select('id')
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute();
    const caseId = await fileCase(core.ctx, w.buyer, orderId, {
      type: 'refund_unshipped',
      orderLineId: first!.id,
      reasonCode: 'changed_mind',
    });
    await actOnCase(core.ctx, w.shop.owner, caseId, { action: 'approve' });
    await assert.rejects(
      shipOrder(core.ctx, w.shop.owner, orderId, [
        { carrier: '中通快递', trackingNo: 'ZTSKIP0001', lineIds: [first!.id] },
      ]),
      { code: 'LINE_NOT_SHIPPABLE' },
    );
    const shipped = await shipOrder(core.ctx, w.shop.owner, orderId, [
      { carrier: '中通快递', trackingNo: 'ZTSKIP0002' },
    ]);
    assert.equal(shipped.status, 'shipped');
    const inParcel = await core.ctx.db
      .selectFrom('shipment_lines')
      .select('order_line_id')
      .where('order_id', '=', orderId)
      .execute();
    assert.deepEqual(
      inParcel.map((r) => r.order_line_id),
      [second!.id],
    );
  } finally {
    await core.dispose();
  }
});
