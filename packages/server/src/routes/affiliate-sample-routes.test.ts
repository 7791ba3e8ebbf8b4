import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';

function ok(res: LightMyRequestResponse, status: number, what: string): any {
  assert.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 400)}`);
  return res.json();
}
function refused(res: LightMyRequestResponse, status: number, code: string, what: string): void {
  assert.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 400)}`);
  assert.equal(res.json().error.code, code, what);
}

test('HTTP: a creator requests a sample, the merchant approves it and finds a zero-price order to ship; bad input is refused with stable codes', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'smp-http-shop', 20);
    const creator = await makePerson(s.core, 'smp-http-creator', ['creator']);
    const merchant = await s.tokenFor(shop.owner.userId);
    const token = await s.tokenFor(creator.userId);
    const body = { productId: shop.productId, skuId: shop.skuIds[0]!, note: '想做一期开箱' };

    refused(await s.call('POST', '/api/v1/creator/samples', { token, body }), 409, 'PRODUCT_NOT_OPEN', 'no plan open');
    ok(
      await s.call('POST', `/api/v1/merchant/products/${shop.productId}/affiliate/plans`, {
        token: merchant,
        body: { kind: 'general', rateBp: 1500 },
      }),
      201,
      'general plan',
    );
    refused(
      await s.call('POST', '/api/v1/creator/samples', { token, body: { ...body, skuId: 'nope' } }),
      400,
      'VALIDATION_FAILED',
      'malformed sku id',
    );
    refused(
      await s.call('POST', '/api/v1/creator/samples', { token, body: { ...body, extra: 1 } }),
      400,
      'VALIDATION_FAILED',
      'unknown field',
    );
    refused(
      await s.call('POST', '/api/v1/creator/samples', { token: merchant, body }),
      403,
      'FORBIDDEN',
      'a merchant is not a creator',
    );

    const req = ok(await s.call('POST', '/api/v1/creator/samples', { token, body }), 201, 'request');
    refused(await s.call('POST', '/api/v1/creator/samples', { token, body }), 409, 'SAMPLE_ALREADY_REQUESTED', 'twice');
    const waiting = ok(
      await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/samples?status=requested`, { token: merchant }),
      200,
      'shop list',
    );
    assert.deepEqual(
      waiting.items.map((r: { id: string; creatorName: string }) => [r.id, r.creatorName]),
      [[req.id, 'smp-http-creator']],
    );
    refused(
      await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/samples`, { token }),
      404,
      'NOT_FOUND',
      'another shop is unknown',
    );
    refused(
      await s.call('POST', `/api/v1/merchant/samples/${req.id}/decision`, {
        token: merchant,
        body: { decision: 'reject' },
      }),
      400,
      'INVALID_INPUT',
      'reject without reason',
    );
    refused(
      await s.call('POST', `/api/v1/merchant/samples/${req.id}/decision`, {
        token: merchant,
        body: { decision: 'maybe' },
      }),
      400,
      'VALIDATION_FAILED',
      'unknown decision',
    );

    const approved = ok(
      await s.call('POST', `/api/v1/merchant/samples/${req.id}/decision`, {
        token: merchant,
        body: { decision: 'approve' },
      }),
      200,
      'approve',
    );
    refused(
      await s.call('POST', `/api/v1/merchant/samples/${req.id}/decision`, {
        token: merchant,
        body: { decision: 'approve' },
      }),
      409,
      'SAMPLE_NOT_WAITING',
      'twice',
    );
    const order = ok(await s.call('GET', `/api/v1/orders/${approved.orderId}`, { token }), 200, 'the creator’s order');
    assert.deepEqual([order.status, order.totalFen], ['paid', 0]);
    const mine = ok(await s.call('GET', '/api/v1/creator/samples', { token }), 200, 'my requests');
    assert.deepEqual(
      mine.items.map((r: { status: string; orderId: string }) => [r.status, r.orderId]),
      [['approved', approved.orderId]],
    );
    refused(
      await s.call('POST', `/api/v1/creator/samples/${req.id}/cancel`, { token }),
      409,
      'SAMPLE_NOT_WAITING',
      'cancel after approval',
    );
  } finally {
    await s.close();
  }
});
