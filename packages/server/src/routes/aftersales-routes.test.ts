import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { submitPendingRefunds } from '@zhongcao/core';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer, type TestServer } from '../test-support/server-harness.js';
import { multipartBody, placePaidOrder, TINY_PNG } from '../test-support/tenants.js';

const HOUR = 3600 * 1000;

function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  assert.equal(res.statusCode, status, res.body.slice(0, 300));
  assert.equal(res.json().error.code, code);
}

async function upload(
  s: TestServer,
  token: string | null,
  file: { name: string; bytes: Buffer; contentType: string },
): Promise<LightMyRequestResponse> {
  const body = multipartBody(file);
  return s.app.inject({
    method: 'POST',
    url: '/api/v1/aftersales/evidence',
    payload: body.payload,
    headers: { ...body.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

test('after-sales over HTTP: evidence, a fresh-produce claim countered, escalated and arbitrated; lists, order lines and the 4xx codes', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-as-shop');
    const buyer = await makePerson(s.core, 'http-as-buyer');
    const stranger = await makePerson(s.core, 'http-as-x');
    const admin = await makePerson(s.core, 'http-as-admin', ['admin'], false);
    const [b, m, x, a] = await Promise.all([buyer, shop.owner, stranger, admin].map((p) => s.tokenFor(p.userId)));

    const order = await placePaidOrder(s, b!, shop.skuIds[0]!, 1);
    const shipped = await s.call('POST', `/api/v1/merchant/orders/${order.id}/ship`, {
      token: m,
      body: { parcels: [{ carrier: '顺丰速运', trackingNo: 'SF5500000001' }] },
    });
    assert.equal(shipped.statusCode, 200, shipped.body);
    assert.equal(
      (await s.call('POST', `/api/v1/merchant/shipments/${shipped.json().shipmentIds[0]}/delivered`, { token: m }))
        .statusCode,
      200,
    );
    const lineId = order.lineIds[0]!;
    const orderView = (await s.call('GET', `/api/v1/orders/${order.id}`, { token: b })).json();
    assert.deepEqual(orderView.lines[0].afterSalesEligible, [
      'refund_only',
      'return_refund',
      'exchange',
      'fresh_claim',
    ]);
    assert.equal(orderView.lines[0].afterSales, null);
    assert.deepEqual(
      (await s.call('GET', `/api/v1/orders/${order.id}`, { token: m })).json().lines[0].afterSalesEligible,
      [],
      'only the buyer may file',
    );

    // Evidence: images only, signed in.
    const pic = await upload(s, b!, { name: 'bad.png', bytes: TINY_PNG, contentType: 'image/png' });
    assert.equal(pic.statusCode, 201, pic.body);
    assert.match(pic.json().url, /^\/media\/afe_/);
    expectError(
      await upload(s, b!, { name: 'note.txt', bytes: Buffer.from('not a photo'), contentType: 'text/plain' }),
      415,
      'UNSUPPORTED_FILE_TYPE',
    );
    expectError(
      await upload(s, b!, {
        name: 'x.png',
        bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        contentType: 'image/png',
      }),
      415,
      'UNSUPPORTED_FILE_TYPE',
    );
    expectError(
      await upload(s, null, { name: 'bad.png', bytes: TINY_PNG, contentType: 'image/png' }),
      401,
      'UNAUTHENTICATED',
    );

    const claimUrl = `/api/v1/orders/${order.id}/aftersales`;
    const claim = {
      type: 'fresh_claim',
      orderLineId: lineId,
      reasonCode: 'spoiled',
      spoiledPercent: 40,
      note: '四成烂了',
      evidence: [pic.json().id],
    };
    expectError(
      await s.call('POST', claimUrl, { token: b, body: { ...claim, evidence: [] } }),
      400,
      'EVIDENCE_REQUIRED',
    );
    expectError(
      await s.call('POST', claimUrl, { token: b, body: { ...claim, type: 'gift' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await s.call('POST', claimUrl, { token: x, body: claim }), 404, 'NOT_FOUND');
    expectError(await s.call('POST', claimUrl, { token: m, body: claim }), 403, 'WRONG_PARTY');
    const filed = await s.call('POST', claimUrl, { token: b, body: claim });
    assert.equal(filed.statusCode, 201, filed.body);
    const c = filed.json();
    assert.equal(c.status, 'requested');
    assert.equal(c.requestedFen, 1196); // 40 % of ¥29.90
    assert.equal(c.viewerRole, 'buyer');
    assert.deepEqual(c.line, {
      title: '云南冰糖橙 新鲜现摘',
      specValues: ['5斤'],
      quantity: 1,
      unitPriceFen: 2990,
      lineTotalFen: 2990,
      imageUrl: null,
    });
    assert.equal(c.timeline[0].evidence[0].id, pic.json().id);
    expectError(
      await s.call('POST', claimUrl, {
        token: b,
        body: {
          ...claim,
          evidence: [(await upload(s, b!, { name: 'p.png', bytes: TINY_PNG, contentType: 'image/png' })).json().id],
        },
      }),
      409,
      'CASE_EXISTS',
    );
    expectError(
      await s.call('POST', claimUrl, {
        token: b,
        body: { ...claim, evidence: [pic.json().id], type: 'refund_only', reasonCode: 'quality' },
      }),
      409,
      'CASE_EXISTS',
    );

    const caseUrl = `/api/v1/aftersales/cases/${c.id}`;
    assert.equal((await s.call('GET', caseUrl, { token: m })).json().viewerRole, 'merchant');
    expectError(await s.call('GET', caseUrl, { token: x }), 404, 'NOT_FOUND');
    const act = (token: string | undefined, body: Record<string, unknown>) =>
      s.call('POST', `${caseUrl}/actions`, { token, body });
    expectError(await act(m, { action: 'counter', amountFen: 1196, note: '不行' }), 409, 'COUNTER_EXCEEDS_PAID');
    expectError(await act(b, { action: 'approve' }), 403, 'WRONG_PARTY');
    expectError(await act(x, { action: 'cancel' }), 404, 'NOT_FOUND');
    expectError(await act(b, { action: 'escalate' }), 409, 'ACTION_NOT_ALLOWED');
    expectError(await act(m, { action: 'fly' }), 400, 'VALIDATION_FAILED');
    const countered = await act(m, { action: 'counter', amountFen: 600, note: '按两成赔' });
    assert.equal(countered.statusCode, 200, countered.body);
    assert.equal(countered.json().status, 'countered');
    expectError(await act(m, { action: 'counter', amountFen: 500, note: '再少点' }), 409, 'COUNTER_ALREADY_MADE');
    const msg = await s.call('POST', `${caseUrl}/messages`, { token: b, body: { text: '照片里明明是四成' } });
    assert.equal(msg.statusCode, 200, msg.body);
    assert.equal(msg.json().timeline.at(-1).kind, 'message');
    expectError(await s.call('POST', `${caseUrl}/messages`, { token: x, body: { text: '路过' } }), 404, 'NOT_FOUND');
    assert.deepEqual((await act(b, { action: 'escalate' })).json().allowedActions, []);

    const queue = await s.call('GET', '/api/v1/admin/aftersales', { token: a });
    assert.deepEqual(
      queue.json().items.map((i: { id: string }) => i.id),
      [c.id],
    );
    expectError(await s.call('GET', '/api/v1/admin/aftersales', { token: m }), 403, 'FORBIDDEN');
    const arbitrate = (token: string | undefined, body: Record<string, unknown>) =>
      s.call('POST', `/api/v1/admin/aftersales/${c.id}/arbitrate`, { token, body });
    expectError(await arbitrate(m, { decision: 'refund', amountFen: 900, reason: '商家自己裁决' }), 403, 'FORBIDDEN');
    expectError(
      await arbitrate(a, { decision: 'refund', amountFen: 2991, reason: '超过实付' }),
      409,
      'AMOUNT_EXCEEDS_REFUNDABLE',
    );
    const decided = await arbitrate(a, { decision: 'refund', amountFen: 900, reason: '照片显示约三成坏果' });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.deepEqual(
      [decided.json().status, decided.json().refundFen, decided.json().viewerRole],
      ['refunded', 900, 'admin'],
    );
    expectError(await arbitrate(a, { decision: 'reject', reason: '再裁一次' }), 409, 'ACTION_NOT_ALLOWED');

    const mine = (await s.call('GET', '/api/v1/aftersales/cases', { token: b })).json();
    assert.deepEqual(
      mine.items.map((i: { id: string; status: string }) => [i.id, i.status]),
      [[c.id, 'refunded']],
    );
    const shopList = await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/aftersales?status=refunded`, {
      token: m,
    });
    assert.equal(shopList.statusCode, 200, shopList.body);
    assert.deepEqual(
      shopList.json().items.map((i: { id: string }) => i.id),
      [c.id],
    );
    assert.equal(shopList.json().counts.refunded, 1);
    expectError(
      await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/aftersales`, { token: b }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/aftersales?cursor=nope`, { token: m }),
      400,
      'VALIDATION_FAILED',
    );
    const line = (await s.call('GET', `/api/v1/orders/${order.id}`, { token: b })).json().lines[0];
    assert.deepEqual(line.afterSales, { caseId: c.id, status: 'refunded', type: 'fresh_claim' });
    assert.deepEqual(line.afterSalesEligible, ['refund_only', 'return_refund', 'exchange']);

    // Outside the claim window.
    const late = await placePaidOrder(s, b!, shop.skuIds[1]!, 1);
    const parcel = await s.call('POST', `/api/v1/merchant/orders/${late.id}/ship`, {
      token: m,
      body: { parcels: [{ carrier: '顺丰速运', trackingNo: 'SF5500000002' }] },
    });
    await s.call('POST', `/api/v1/merchant/shipments/${parcel.json().shipmentIds[0]}/delivered`, { token: m });
    s.core.clock.advance(48 * HOUR + 1);
    assert.ok(
      !(await s.call('GET', `/api/v1/orders/${late.id}`, { token: b }))
        .json()
        .lines[0].afterSalesEligible.includes('fresh_claim'),
    );
    const photo = (await upload(s, b!, { name: 'p.png', bytes: TINY_PNG, contentType: 'image/png' })).json().id;
    expectError(
      await s.call('POST', `/api/v1/orders/${late.id}/aftersales`, {
        token: b,
        body: { ...claim, orderLineId: late.lineIds[0], evidence: [photo] },
      }),
      409,
      'CLAIM_WINDOW_CLOSED',
    );
  } finally {
    await s.close();
  }
});

test('fast refund is a shop setting: opted in, a small refund request before shipping is refunded at once over HTTP', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-fast-shop');
    const buyer = await makePerson(s.core, 'http-fast-buyer');
    const [b, m] = await Promise.all([s.tokenFor(buyer.userId), s.tokenFor(shop.owner.userId)]);
    assert.equal((await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}`, { token: m })).json().fastRefund, false);
    const put = await s.call('PUT', `/api/v1/merchant/shops/${shop.shopId}`, {
      token: m,
      body: { name: 'http-fast-shop 的店', shippingFeeFen: 800, freeShippingOverFen: 9900, fastRefund: true },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().fastRefund, true);
    const kept = await s.call('PUT', `/api/v1/merchant/shops/${shop.shopId}`, {
      token: m,
      body: { name: 'http-fast-shop 的店', shippingFeeFen: 800, freeShippingOverFen: 9900 },
    });
    assert.equal(kept.json().fastRefund, true, 'left out, the setting stays');

    const order = await placePaidOrder(s, b, shop.skuIds[0]!, 1);
    const filed = await s.call('POST', `/api/v1/orders/${order.id}/aftersales`, {
      token: b,
      body: { type: 'refund_unshipped', orderLineId: order.lineIds[0], reasonCode: 'changed_mind' },
    });
    assert.equal(filed.statusCode, 201, filed.body);
    assert.deepEqual([filed.json().status, filed.json().refundFen], ['refunded', 2990]);
    await submitPendingRefunds(s.core.ctx); // the worker's job: send the refunds to the gateway
    await s.deliverNotifications();
    const detail = (await s.call('GET', `/api/v1/orders/${order.id}`, { token: b })).json();
    assert.equal(detail.status, 'cancelled');
    assert.deepEqual(
      detail.refunds.map((r: { amountFen: number; status: string }) => [r.amountFen, r.status]),
      [
        [2990, 'succeeded'],
        [800, 'succeeded'],
      ],
    );
  } finally {
    await s.close();
  }
});
