import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout, openCashier, runDueTimers, shipOrder } from '@zhongcao/core';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';

const DAY = 24 * 3600 * 1000;

test('tracking over HTTP: the sandbox carrier posts signed scans to the notify route, the buyer sees the timeline, strangers get 404', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-track-shop');
    const buyer = await makePerson(s.core, 'http-track-buyer');
    const stranger = await makePerson(s.core, 'http-track-x');
    const c = (
      await checkout(s.core.ctx, buyer, {
        items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
      })
    ).body;
    const txn = (await openCashier(s.core.ctx, buyer, c.payment.id)).cashierUrl.split('/').pop()!;
    await s.core.sandbox.complete(txn, 'paid');
    await s.deliverNotifications();
    const orderId = c.orders[0]!.id;
    await shipOrder(s.core.ctx, shop.owner, orderId, [{ carrier: 'sandbox', trackingNo: 'SBXHTTP0001' }]);
    const buyerToken = await s.tokenFor(buyer.userId);
    const empty = (await s.call('GET', `/api/v1/orders/${orderId}/tracking`, { token: buyerToken })).json();
    assert.deepEqual(empty.parcels[0].events, []);
    assert.equal(empty.parcels[0].status, 'awaiting_pickup');

    s.core.clock.advance(4 * DAY);
    await runDueTimers(s.core.ctx, s.core.timers);
    await s.deliverNotifications();
    const res = await s.call('GET', `/api/v1/orders/${orderId}/tracking`, { token: buyerToken });
    assert.equal(res.statusCode, 200);
    const parcel = res.json().parcels[0];
    assert.equal(parcel.carrier, 'sandbox');
    assert.equal(parcel.trackingNo, 'SBXHTTP0001');
    assert.equal(parcel.status, 'delivered');
    assert.deepEqual(
      parcel.events.map((e: { status: string }) => e.status),
      ['collected', 'in_transit', 'out_for_delivery', 'delivered'],
    );
    assert.equal((await s.call('GET', `/api/v1/orders/${orderId}`, { token: buyerToken })).json().status, 'delivered');
    // The shop's merchant reads the same timeline (the console's order drawer); another person gets 404.
    const merchantView = await s.call('GET', `/api/v1/orders/${orderId}/tracking`, {
      token: await s.tokenFor(shop.owner.userId),
    });
    assert.equal(merchantView.statusCode, 200);
    assert.deepEqual(merchantView.json(), res.json());
    assert.equal(
      (await s.call('GET', `/api/v1/orders/${orderId}/tracking`, { token: await s.tokenFor(stranger.userId) }))
        .statusCode,
      404,
    );
    assert.equal((await s.call('GET', `/api/v1/orders/${orderId}/tracking`)).statusCode, 401);

    // A replayed callback is a duplicate; a forged one is refused.
    const body = {
      events: [
        {
          eventId: 'SBXHTTP0001:4',
          trackingNo: 'SBXHTTP0001',
          status: 'delivered',
          at: s.core.clock.now(),
          location: 'x',
          description: 'x',
        },
      ],
    };
    const signed = s.signedNotification(body);
    const dup = await s.call('POST', '/api/v1/logistics/notify/sandbox', {
      body: signed.payload,
      headers: signed.headers,
    });
    assert.equal(dup.statusCode, 200);
    assert.equal(dup.json().duplicate, 1);
    const forged = await s.call('POST', '/api/v1/logistics/notify/sandbox', {
      body: signed.payload,
      headers: { ...signed.headers, 'x-zhongcao-signature': 't=1,v1=' + '0'.repeat(64) },
    });
    assert.equal(forged.statusCode, 401);
    const unknown = await s.call('POST', '/api/v1/logistics/notify/ups', {
      body: signed.payload,
      headers: signed.headers,
    });
    assert.equal(unknown.statusCode, 404);
  } finally {
    await s.close();
  }
});

test('the carriers and their waybill formats, from the one table, for the ship form', async () => {
  const s = await startTestServer();
  try {
    const res = await s.call('GET', '/api/v1/logistics/carriers');
    assert.equal(res.statusCode, 200);
    const items = res.json().items as Array<{ carrier: string; code: string; pattern: string; example: string }>;
    const zto = items.find((c) => c.carrier === '中通快递')!;
    assert.equal(zto.code, 'ZTO');
    assert.ok(new RegExp(zto.pattern).test(zto.example));
    assert.ok(!new RegExp(zto.pattern).test('SF1400000007919'), 'a 顺丰 number is not a 中通 number');
    for (const c of items) assert.ok(new RegExp(c.pattern).test(c.example), c.carrier);
  } finally {
    await s.close();
  }
});
