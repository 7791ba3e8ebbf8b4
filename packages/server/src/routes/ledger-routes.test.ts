import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkout,
  confirmReceipt,
  openCashier,
  settleDueOrders,
  shipOrder,
  submitPayouts,
  submitPendingRefunds,
} from '@zhongcao/core';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';

test('money over HTTP: balances, statement JSON and CSV, payout, refunds; scoped to the caller', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-money-shop');
    const buyer = await makePerson(s.core, 'http-money-buyer');
    const admin = await makePerson(s.core, 'http-money-admin', ['admin'], false);
    const c = (
      await checkout(s.core.ctx, buyer, {
        items: [{ skuId: shop.skuIds[1]!, quantity: 2, attribution: { source: 'shelf' } }],
      })
    ).body;
    const txn = (await openCashier(s.core.ctx, buyer, c.payment.id)).cashierUrl.split('/').pop()!;
    await s.core.sandbox.complete(txn, 'paid');
    await s.deliverNotifications();
    const orderId = c.orders[0]!.id;
    const owner = await s.tokenFor(shop.owner.userId);
    const buyerToken = await s.tokenFor(buyer.userId);
    const adminToken = await s.tokenFor(admin.userId);

    const pending = (await s.call('GET', '/api/v1/money/balances', { token: owner })).json() as {
      items: Array<{ accountId: string; balanceFen: number }>;
    };
    assert.deepEqual(
      pending.items.map((i) => [i.accountId, i.balanceFen]),
      [
        [`clearing:${shop.shopId}`, 9980],
        [`merchant_available:${shop.shopId}`, 0],
      ],
    );

    const tooMuch = await s.call('POST', `/api/v1/money/orders/${orderId}/refunds`, {
      token: owner,
      body: { amountFen: 9981, reason: '多退', requestKey: 'k1' },
    });
    assert.equal(tooMuch.statusCode, 409);
    assert.equal(tooMuch.json().error.code, 'REFUND_EXCEEDS_REMAINDER');
    const refund = await s.call('POST', `/api/v1/money/orders/${orderId}/refunds`, {
      token: owner,
      body: { amountFen: 980, reason: '少发一个', requestKey: 'k2' },
    });
    assert.equal(refund.statusCode, 201);
    const foreign = await s.call('POST', `/api/v1/money/orders/${orderId}/refunds`, {
      token: buyerToken,
      body: { amountFen: 10, reason: 'x', requestKey: 'k3' },
    });
    assert.equal(foreign.statusCode, 404);
    await submitPendingRefunds(s.core.ctx);
    await s.deliverNotifications();

    await shipOrder(s.core.ctx, shop.owner, orderId, [{ carrier: 'SF', trackingNo: 'SF12345678' }]);
    await confirmReceipt(s.core.ctx, buyer, orderId);
    s.core.clock.advance(8 * 24 * 3600 * 1000);
    assert.equal(await settleDueOrders(s.core.ctx), 1);

    const account = `merchant_available:${shop.shopId}`;
    const st = await s.call('GET', `/api/v1/money/statement?account=${encodeURIComponent(account)}`, { token: owner });
    assert.equal(st.statusCode, 200);
    assert.equal(st.json().items.at(-1).balanceFen, 9000 - 180);
    const csv = await s.call('GET', `/api/v1/money/statement?account=${encodeURIComponent(account)}&format=csv`, {
      token: owner,
    });
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /settlement/);
    assert.equal(
      (await s.call('GET', `/api/v1/money/statement?account=${encodeURIComponent(account)}`, { token: buyerToken }))
        .statusCode,
      404,
      'not the buyer’s account',
    );
    const settled = (await s.call('GET', `/api/v1/money/shops/${shop.shopId}/settlements`, { token: owner })).json();
    assert.deepEqual(
      settled.items.map((i: { orderId: string; feeFen: number }) => [i.orderId, i.feeFen]),
      [[orderId, 180]],
    );

    const acct = await s.call('POST', '/api/v1/money/payout-accounts', {
      token: owner,
      body: {
        kind: 'merchant',
        shopId: shop.shopId,
        holderName: '店主',
        bank: '工商银行',
        accountNo: '6222020012345678',
      },
    });
    assert.equal(acct.statusCode, 201);
    const over = await s.call('POST', '/api/v1/money/payouts', {
      token: owner,
      body: { payoutAccountId: acct.json().id, amountFen: 8821, requestKey: 'p1' },
    });
    assert.equal(over.json().error.code, 'INSUFFICIENT_FUNDS');
    const ok = await s.call('POST', '/api/v1/money/payouts', {
      token: owner,
      body: { payoutAccountId: acct.json().id, amountFen: 8820, requestKey: 'p2' },
    });
    assert.equal(ok.statusCode, 201);
    await submitPayouts(s.core.ctx);
    // The provider's signed outcome: applied once, and the same notification again is a duplicate (both 200).
    const payoutAnswers: Array<{ statusCode: number; body: unknown }> = [];
    await s.core.sandbox.deliverDue(1000, async (url, body, headers) => {
      const path = new URL(url).pathname;
      const res = await s.app.inject({ method: 'POST', url: path, payload: body, headers });
      if (path.startsWith('/api/v1/payouts/notify/')) {
        payoutAnswers.push({ statusCode: res.statusCode, body: res.json() });
        const again = await s.app.inject({ method: 'POST', url: path, payload: body, headers });
        payoutAnswers.push({ statusCode: again.statusCode, body: again.json() });
      }
      return res.statusCode;
    });
    assert.deepEqual(payoutAnswers, [
      { statusCode: 200, body: { received: true, outcome: 'applied' } },
      { statusCode: 200, body: { received: true, outcome: 'duplicate' } },
    ]);
    const list = (
      await s.call('GET', `/api/v1/money/payouts?account=${encodeURIComponent(account)}`, { token: owner })
    ).json();
    assert.equal(list.items[0].status, 'succeeded');

    assert.equal((await s.call('GET', '/api/v1/admin/money/overview', { token: owner })).statusCode, 404);
    const overview = (await s.call('GET', '/api/v1/admin/money/overview', { token: adminToken })).json() as {
      items: Array<{ accountId: string; balanceFen: number }>;
    };
    assert.equal(overview.items.find((i) => i.accountId === 'platform_fee_revenue')!.balanceFen, 180);
    assert.equal(
      typeof overview.items.find((i) => i.accountId === 'clearing')?.balanceFen,
      'number',
      'the overview totals every shop’s clearing account',
    );
    s.core.clock.advance(3600 * 1000);
    const rec = await s.call('POST', '/api/v1/admin/money/reconciliations', { token: adminToken });
    assert.equal(rec.statusCode, 201);
    assert.deepEqual(rec.json().mismatches, []);
    assert.equal(rec.json().trigger, 'manual');
    const reports = await s.call('GET', '/api/v1/admin/money/reconciliations', { token: adminToken });
    assert.equal(reports.statusCode, 200);
    assert.deepEqual(
      reports.json().items.map((r: { id: string }) => r.id),
      [rec.json().id],
    );
    assert.equal((await s.call('GET', '/api/v1/admin/money/reconciliations', { token: owner })).statusCode, 403);
  } finally {
    await s.close();
  }
});
