/** A deployment plugs its own payment provider, carrier and comment moderator into the core's options. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { checkout } from './checkout/index.js';
import { checkLedger } from './ledger/index.js';
import { liveRuntime } from './live/index.js';
import { openCashier } from './payments/index.js';
import type { CreatePaymentRequest, PaymentProvider, ProviderNotification } from './payments/index.js';
import { DomainError } from './platform/index.js';
import type { Carrier } from './logistics/index.js';
import type { CoreStrategies } from './core.js';
import { makePerson, makeShop, openTestCore } from './test-support/index.js';
import { receiveNotification } from './orders/index.js';

const SECRET = 'acme-secret';

/** A provider of the kind a deployment writes: it keeps its own transactions and signs what it sends. */
class AcmePay implements PaymentProvider {
  readonly name = 'acme-pay';
  readonly created: CreatePaymentRequest[] = [];
  async createPayment(req: CreatePaymentRequest): Promise<{ providerTxnId: string; cashierUrl: string }> {
    this.created.push(req);
    return { providerTxnId: `acme_${req.paymentId}`, cashierUrl: `https://pay.acme.example/c/${req.paymentId}` };
  }
  async refund(): Promise<{ providerRefundId: string }> {
    throw new DomainError('PROVIDER_TRANSFER_REJECTED', 'not in this test');
  }
  async transfer(): Promise<{ providerTransferId: string }> {
    throw new DomainError('PROVIDER_TRANSFER_REJECTED', 'not in this test');
  }
  verifyNotification(headers: Record<string, string | string[] | undefined>, rawBody: string): ProviderNotification {
    const given = Buffer.from(String(headers['x-acme-signature'] ?? ''), 'hex');
    const expected = createHmac('sha256', SECRET).update(rawBody).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new DomainError('INVALID_SIGNATURE', 'bad signature');
    return JSON.parse(rawBody) as ProviderNotification;
  }
}

const acmeCarrier: Carrier = {
  name: 'acme-express',
  createShipment: async (_tx, input) => ({ trackingNo: input.trackingNo }),
  cancelShipment: async () => true,
  parseCallback: () => [],
};

test('a provider, a carrier and a moderator given in the options serve beside the sandbox, and a paid order balances', async () => {
  const acme = new AcmePay();
  const strategies: CoreStrategies = {
    paymentProviders: () => [acme],
    carriers: () => [acmeCarrier],
    commentModerator: () => ({
      review: async (c) => (c.text.includes('微信') ? { allow: false, reason: 'diversion' } : { allow: true }),
    }),
  };
  const core = await openTestCore({ strategies });
  try {
    assert.equal(core.ctx.payments.default.name, 'acme-pay', 'the first provider given is the cashier');
    assert.ok(core.ctx.payments.get('sandbox'), 'the sandbox stays available');
    assert.deepEqual([...core.carriers.keys()].sort(), ['acme-express', 'sandbox']);
    const verdict = await liveRuntime(core.ctx).moderator.review({ roomId: 'r', userId: 'u', text: '加我微信' });
    assert.deepEqual(verdict, { allow: false, reason: 'diversion' });

    const shop = await makeShop(core, 'acme-shop');
    const buyer = await makePerson(core, 'acme-buyer');
    const placed = (
      await checkout(core.ctx, buyer, {
        items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
      })
    ).body;
    const { cashierUrl } = await openCashier(core.ctx, buyer, placed.payment.id);
    assert.match(cashierUrl, /^https:\/\/pay\.acme\.example\//);
    assert.equal(acme.created.length, 1);
    assert.match(acme.created[0]!.notifyUrl, /\/acme-pay$/, 'the provider is called back on its own path');

    const body = JSON.stringify({
      eventId: 'acme-1',
      kind: 'payment.succeeded',
      paymentId: placed.payment.id,
      providerTxnId: `acme_${placed.payment.id}`,
      amountFen: placed.totalFen,
      at: core.clock.now(),
    });
    await assert.rejects(receiveNotification(core.ctx, 'acme-pay', { 'x-acme-signature': '00' }, body), {
      code: 'INVALID_SIGNATURE',
    });
    const signature = createHmac('sha256', SECRET).update(body).digest('hex');
    assert.equal(
      (await receiveNotification(core.ctx, 'acme-pay', { 'x-acme-signature': signature }, body)).outcome,
      'applied',
    );
    const order = await core.ctx.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', placed.orders[0]!.id)
      .executeTakeFirstOrThrow();
    assert.equal(order.status, 'paid');
    const report = await checkLedger(core.ctx.db);
    assert.equal(report.ok, true, JSON.stringify(report));
  } finally {
    await core.dispose();
  }
});

test('two carriers or two providers of one name are refused at start', async () => {
  await assert.rejects(
    openTestCore({ strategies: { carriers: () => [{ ...acmeCarrier, name: 'sandbox' }] } }),
    /two carriers are named sandbox/,
  );
  await assert.rejects(
    openTestCore({ strategies: { paymentProviders: () => [new AcmePay(), new AcmePay()] } }),
    /share a name/,
  );
});
