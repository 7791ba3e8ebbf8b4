import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as core from '@zhongcao/core';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from './test-support/server-harness.js';

test('a shopper buys, pays at the sandbox cashier, the merchant ships, the shopper confirms receipt', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'fruit-shop', 10);
    const buyer = await makePerson(s.core, 'buyer-one');
    const token = await s.tokenFor(buyer.userId);
    const merchantToken = await s.tokenFor(shop.owner.userId);

    const placed = await s.call('POST', '/api/v1/checkout', {
      token,
      headers: { 'idempotency-key': 'flow-key-0001' },
      body: {
        items: [
          {
            skuId: shop.skuIds[0],
            quantity: 2,
            attribution: { source: 'video', contentId: 'vid_1', creatorId: 'usr_x' },
          },
        ],
      },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    const checkout = placed.json();
    assert.equal(checkout.orders.length, 1);
    assert.equal(checkout.orders[0].itemsFen, 5980);
    assert.equal(checkout.orders[0].shippingFeeFen, 800, 'below the free-shipping threshold');
    assert.equal(checkout.totalFen, 6780);

    const again = await s.call('POST', '/api/v1/checkout', {
      token,
      headers: { 'idempotency-key': 'flow-key-0001' },
      body: {
        items: [
          {
            skuId: shop.skuIds[0],
            quantity: 2,
            attribution: { source: 'video', contentId: 'vid_1', creatorId: 'usr_x' },
          },
        ],
      },
    });
    assert.equal(again.statusCode, 201);
    assert.deepEqual(again.json(), checkout, 'a retried checkout answers the same and creates nothing');
    const product = (await s.call('GET', `/api/v1/products/${shop.productId}`)).json();
    assert.equal(product.skus.find((k: { id: string }) => k.id === shop.skuIds[0]).stock, 8, 'stock reserved once');

    const cashier = await s.call('GET', `/api/v1/payments/${checkout.payment.id}/cashier`, { token });
    assert.equal(cashier.statusCode, 302);
    const txnId = String(cashier.headers.location).split('/').pop()!;
    const page = await s.call('GET', `/sandbox/cashier/${txnId}`);
    assert.match(page.body, /¥67\.80/);
    assert.match(page.body, /<html lang="zh-CN">[\s\S]*确认支付<\/button>/, 'the cashier speaks Chinese by default');
    assert.doesNotMatch(page.body, />Pay<|Back to the shop/, 'and only Chinese');
    const inEnglish = await s.call('GET', `/api/v1/payments/${checkout.payment.id}/cashier?lang=en`, { token });
    assert.equal(inEnglish.statusCode, 302);
    assert.match(String(inEnglish.headers.location), /\?lang=en$/, 'the payer’s language goes on to the provider');
    const englishPage = await s.call('GET', String(inEnglish.headers.location));
    assert.match(englishPage.body, /<html lang="en">[\s\S]*>Pay<\/button>[\s\S]*Back to the shop/);
    assert.doesNotMatch(englishPage.body, /确认支付|返回商城/);
    const paid = await s.app.inject({
      method: 'POST',
      url: `/sandbox/cashier/${txnId}`,
      payload: 'outcome=paid',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(paid.statusCode, 303);
    await s.deliverNotifications();

    const orderId = checkout.orders[0].id;
    let order = (await s.call('GET', `/api/v1/orders/${orderId}`, { token })).json();
    assert.equal(order.status, 'paid');
    assert.deepEqual(order.lines[0].attribution, { source: 'video', contentId: 'vid_1', creatorId: 'usr_x' });

    const ship = await s.call('POST', `/api/v1/merchant/orders/${orderId}/ship`, {
      token: merchantToken,
      body: { parcels: [{ carrier: '顺丰速运', trackingNo: 'SF1234567890' }] },
    });
    assert.equal(ship.statusCode, 200, ship.body);
    assert.equal(ship.json().status, 'shipped');

    const confirm = await s.call('POST', `/api/v1/orders/${orderId}/confirm-receipt`, { token });
    assert.equal(confirm.statusCode, 200, confirm.body);
    order = confirm.json();
    assert.equal(order.status, 'completed');
    assert.deepEqual(
      order.transitions.map((t: { to: string }) => t.to),
      ['unpaid', 'paid', 'shipped', 'delivered', 'completed'],
    );
    assert.deepEqual(
      order.transitions.map((t: { actorKind: string }) => t.actorKind),
      ['buyer', 'provider', 'merchant', 'buyer', 'buyer'],
    );
    assert.equal(order.shipments[0].trackingNo, 'SF1234567890');
    assert.equal(
      order.shipments[0].status,
      'delivered',
      'confirming receipt marks parcels still in transit as delivered',
    );
  } finally {
    await s.close();
  }
});

test('metrics: process defaults and request durations, without the per-handle listings that stall a server holding many sockets', async () => {
  const s = await startTestServer();
  try {
    await s.call('GET', '/healthz');
    const body = (await s.call('GET', '/metrics')).body;
    assert.match(body, /^zhongcao_process_resident_memory_bytes \d/m);
    assert.match(body, /^zhongcao_process_open_fds \d/m);
    assert.match(
      body,
      /^zhongcao_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1$/m,
    );
    assert.doesNotMatch(body, /nodejs_active_handles|nodejs_active_resources/);
    // The interest engine: none runs yet in this process, so it is down and never restarted.
    assert.match(body, /^zhongcao_interest_engine_up 0$/m);
    assert.match(body, /^zhongcao_interest_engine_restarts_total 0$/m);
    await core.recommendService(s.core.ctx).ready;
    assert.match((await s.call('GET', '/metrics')).body, /^zhongcao_interest_engine_up 1$/m);
  } finally {
    await s.close();
  }
});
