import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout, DEFAULT_RULES, openCashier, RULE_BOUNDS } from '@zhongcao/core';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';

const HOUR = 3600 * 1000;

test('rules over HTTP: admins edit a rule profile, merchants see running deadlines most urgent first and their violation points, buyers the promise', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-rules-shop');
    const buyer = await makePerson(s.core, 'http-rules-buyer');
    const admin = await makePerson(s.core, 'http-rules-admin', ['admin'], false);
    const owner = await s.tokenFor(shop.owner.userId);
    const buyerToken = await s.tokenFor(buyer.userId);
    const adminToken = await s.tokenFor(admin.userId);

    const denied = await s.call('PATCH', `/api/v1/admin/categories/${shop.categoryId}/rules`, {
      token: owner,
      body: { shipByHours: 24 },
    });
    assert.equal(denied.statusCode, 403);
    const bad = await s.call('PATCH', `/api/v1/admin/categories/${shop.categoryId}/rules`, {
      token: adminToken,
      body: { sevenDayNoReason: true },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'INVALID_INPUT');

    const first = (
      await checkout(s.core.ctx, buyer, {
        items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
      })
    ).body;
    const ok = await s.call('PATCH', `/api/v1/admin/categories/${shop.categoryId}/rules`, {
      token: adminToken,
      body: { shipByHours: 24, lateShipment: { maxFen: 8000 } },
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().rules.shipByHours, 24);
    assert.equal(ok.json().rules.lateShipment.maxFen, 8000);
    const second = (
      await checkout(s.core.ctx, buyer, {
        items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
      })
    ).body;
    const listed = (await s.call('GET', '/api/v1/admin/rules/categories', { token: adminToken })).json();
    assert.equal(
      listed.items.find((c: { categoryId: string }) => c.categoryId === shop.categoryId).rules.shipByHours,
      24,
    );
    assert.deepEqual(
      listed.book,
      { defaults: DEFAULT_RULES, bounds: RULE_BOUNDS },
      'the screen gets the platform defaults and bounds from the server, never its own copy',
    );

    for (const c of [first, second]) {
      const txn = (await openCashier(s.core.ctx, buyer, c.payment.id)).cashierUrl.split('/').pop()!;
      await s.core.sandbox.complete(txn, 'paid');
    }
    await s.deliverNotifications();
    const now = s.core.clock.now();

    const dl = await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/deadlines`, { token: owner });
    assert.equal(dl.statusCode, 200);
    assert.deepEqual(dl.json().items, [
      { orderId: second.orders[0]!.id, kind: 'ship_by', dueAt: now + 24 * HOUR, remainingMs: 24 * HOUR },
      { orderId: first.orders[0]!.id, kind: 'ship_by', dueAt: now + 48 * HOUR, remainingMs: 48 * HOUR },
    ]);
    assert.equal(
      (await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/deadlines`, { token: buyerToken })).statusCode,
      404,
    );
    assert.equal(
      (await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/deadlines?kind=nope`, { token: owner })).statusCode,
      400,
    );

    const detail = (await s.call('GET', `/api/v1/orders/${first.orders[0]!.id}`, { token: buyerToken })).json();
    assert.equal(detail.promise.shipBy, now + 48 * HOUR);
    assert.equal(detail.promise.shipByHours, 48);

    s.core.clock.advance(24 * HOUR);
    await s.core.tick();
    const v = (await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/violations`, { token: owner })).json();
    assert.equal(v.points, 0.1);
    assert.deepEqual(
      v.items.map((i: { rule: string; subjectId: string }) => [i.rule, i.subjectId]),
      [['late_shipment', second.orders[0]!.id]],
    );
    const timers = (await s.call('GET', '/api/v1/admin/timers', { token: adminToken })).json();
    assert.ok(timers.counts.done >= 1);
    for (const url of [
      '/api/v1/admin/timers',
      '/api/v1/admin/rules/categories',
      `/api/v1/admin/categories/${shop.categoryId}/rules`,
    ]) {
      for (const token of [owner, buyerToken]) {
        const res = await s.call('GET', url, { token });
        assert.equal(res.statusCode, 403, url);
        assert.equal(res.json().error.code, 'FORBIDDEN');
      }
    }
    assert.equal(
      (
        await s.call('PATCH', `/api/v1/admin/categories/${shop.categoryId}/rules`, {
          token: buyerToken,
          body: { shipByHours: 24 },
        })
      ).statusCode,
      403,
    );
  } finally {
    await s.close();
  }
});
