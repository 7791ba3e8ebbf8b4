import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/index.js';
import { cancelOrder, applyNotification, receiveNotification } from '../orders/index.js';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import { openCashier, submitPendingRefunds } from './payments.js';
import { sign, SIGNATURE_HEADER } from './signature.js';
import type { Actor } from '../context.js';

async function placed(core: TestCore, buyer: Actor, skuId: string) {
  const r = await checkout(core.ctx, buyer, { items: [{ skuId, quantity: 1, attribution: { source: 'shelf' } }] });
  return r.body;
}

/** Delivers the sandbox gateway's queued notifications straight into the platform. */
async function deliver(core: TestCore): Promise<void> {
  await core.sandbox.deliverDue(100, async (_url, body, headers) => {
    await receiveNotification(core.ctx, 'sandbox', headers, body);
    return 200;
  });
}

const orderStatus = async (core: TestCore, id: string) =>
  (await core.ctx.db.selectFrom('orders').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

test('payment through the sandbox gateway: cashier, signed notification, order paid; duplicates change nothing', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'pay-shop');
    const buyer = await makePerson(core, 'payer');
    const c = await placed(core, buyer, shop.skuIds[0]!);
    const { cashierUrl } = await openCashier(core.ctx, buyer, c.payment.id);
    const again = await openCashier(core.ctx, buyer, c.payment.id);
    assert.equal(again.cashierUrl, cashierUrl, 'the gateway transaction is created once');
    const txnId = cashierUrl.split('/').pop()!;
    await core.sandbox.complete(txnId, 'paid');
    await core.sandbox.complete(txnId, 'paid'); // a double click
    await deliver(core);
    assert.equal(await orderStatus(core, c.orders[0]!.id), 'paid');
    // the gateway sends the same event again (it did not see our 200), and a stale "failed" arrives late
    const dup = {
      eventId: `${txnId}:paid`,
      kind: 'payment.succeeded',
      merchantRef: c.payment.id,
      txnId,
      amountFen: c.totalFen,
      at: core.clock.now(),
    };
    const body = JSON.stringify(dup);
    assert.equal(
      (
        await receiveNotification(
          core.ctx,
          'sandbox',
          { [SIGNATURE_HEADER]: sign(core.sandboxSecret, body, core.clock.now()) },
          body,
        )
      ).outcome,
      'duplicate',
    );
    const late = await applyNotification(
      core.ctx,
      'sandbox',
      {
        eventId: 'late-fail',
        kind: 'payment.failed',
        paymentId: c.payment.id,
        providerTxnId: txnId,
        amountFen: c.totalFen,
        at: 0,
      },
      '{}',
    );
    assert.equal(late.outcome, 'ignored');
    assert.equal(await orderStatus(core, c.orders[0]!.id), 'paid');
    const sales = await core.ctx.db
      .selectFrom('products')
      .select('sales')
      .where('id', '=', shop.productId)
      .executeTakeFirstOrThrow();
    assert.equal(sales.sales, 1, 'sales counted once');
  } finally {
    await core.dispose();
  }
});

test('notifications with a bad signature, an old timestamp or a wrong amount are refused', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'sig-shop');
    const buyer = await makePerson(core, 'sig-buyer');
    const c = await placed(core, buyer, shop.skuIds[0]!);
    const body = JSON.stringify({
      eventId: 'e1',
      kind: 'payment.succeeded',
      merchantRef: c.payment.id,
      txnId: 'sbx_x',
      amountFen: c.totalFen,
      at: 1,
    });
    await assert.rejects(
      receiveNotification(
        core.ctx,
        'sandbox',
        { [SIGNATURE_HEADER]: sign('wrong-secret', body, core.clock.now()) },
        body,
      ),
      { code: 'INVALID_SIGNATURE' },
    );
    await assert.rejects(
      receiveNotification(
        core.ctx,
        'sandbox',
        { [SIGNATURE_HEADER]: sign(core.sandboxSecret, body, core.clock.now() - 10 * 60_000) },
        body,
      ),
      { code: 'SIGNATURE_EXPIRED' },
    );
    await assert.rejects(receiveNotification(core.ctx, 'sandbox', {}, body), { code: 'INVALID_SIGNATURE' });
    const cheap = JSON.stringify({
      eventId: 'e2',
      kind: 'payment.succeeded',
      merchantRef: c.payment.id,
      txnId: 'sbx_x',
      amountFen: 1,
      at: 1,
    });
    const r = await receiveNotification(
      core.ctx,
      'sandbox',
      { [SIGNATURE_HEADER]: sign(core.sandboxSecret, cheap, core.clock.now()) },
      cheap,
    );
    assert.deepEqual(r, { outcome: 'rejected', reason: 'AMOUNT_MISMATCH' });
    assert.equal(await orderStatus(core, c.orders[0]!.id), 'unpaid');
  } finally {
    await core.dispose();
  }
});

test('cancelling a paid order returns stock and refunds through the provider exactly once', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'refund-shop', 5);
    const buyer = await makePerson(core, 'refund-buyer');
    const c = await placed(core, buyer, shop.skuIds[0]!);
    const txnId = (await openCashier(core.ctx, buyer, c.payment.id)).cashierUrl.split('/').pop()!;
    await core.sandbox.complete(txnId, 'paid');
    await deliver(core);
    await cancelOrder(core.ctx, buyer, c.orders[0]!.id, '拍错了');
    await assert.rejects(cancelOrder(core.ctx, buyer, c.orders[0]!.id, 'again'), { code: 'ORDER_CHANGED' });
    assert.equal(await submitPendingRefunds(core.ctx), 1);
    assert.equal(await submitPendingRefunds(core.ctx), 0, 'a sent refund is not sent again');
    await deliver(core);
    const refunds = await core.ctx.db.selectFrom('refunds').selectAll().execute();
    assert.equal(refunds.length, 1);
    assert.equal(refunds[0]!.status, 'succeeded');
    assert.equal(refunds[0]!.amount_fen, c.totalFen);
    const txn = await core.sandbox.transaction(txnId);
    assert.equal(txn.refundedFen, c.totalFen, 'the gateway refunded the full amount once');
    const sku = await core.ctx.db
      .selectFrom('skus')
      .select('stock')
      .where('id', '=', shop.skuIds[0]!)
      .executeTakeFirstOrThrow();
    assert.equal(sku.stock, 5);
  } finally {
    await core.dispose();
  }
});

test('money arriving after the order was closed for non-payment is refunded automatically', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'late-shop', 5);
    const buyer = await makePerson(core, 'late-buyer');
    const c = await placed(core, buyer, shop.skuIds[0]!);
    const txnId = (await openCashier(core.ctx, buyer, c.payment.id)).cashierUrl.split('/').pop()!;
    core.clock.advance(16 * 60_000);
    await core.tick(); // the payment window has passed: cancelled, stock back
    assert.equal(await orderStatus(core, c.orders[0]!.id), 'cancelled');
    const r = await applyNotification(
      core.ctx,
      'sandbox',
      {
        eventId: 'late-pay',
        kind: 'payment.succeeded',
        paymentId: c.payment.id,
        providerTxnId: txnId,
        amountFen: c.totalFen,
        at: 0,
      },
      '{}',
    );
    assert.equal(r.outcome, 'applied');
    assert.equal(await orderStatus(core, c.orders[0]!.id), 'cancelled');
    const refunds = await core.ctx.db.selectFrom('refunds').select(['reason', 'amount_fen']).execute();
    assert.deepEqual(refunds, [{ reason: 'paid after the order was closed', amount_fen: c.totalFen }]);
  } finally {
    await core.dispose();
  }
});
