// Surge protection over HTTP: the shop's declared capacity, a product's policy and the projection, each answer as its
// route's response schema declares it (the test server checks every 2xx answer strictly).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';

test('capacity over HTTP: not declared, declared, a product paused, the projection; another person gets 404', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'cap-http-shop');
    const token = await s.tokenFor(shop.owner.userId);
    const base = `/api/v1/merchant/shops/${shop.shopId}/capacity`;

    const before = await s.call('GET', base, { token });
    assert.equal(before.statusCode, 200, before.body);
    assert.equal(before.json().capacityPerDay, null);

    const set = await s.call('PUT', base, { token, body: { capacityPerDay: 40 } });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(
      { shopId: set.json().shopId, capacityPerDay: set.json().capacityPerDay },
      { shopId: shop.shopId, capacityPerDay: 40 },
    );

    const policy = await s.call('PUT', `/api/v1/merchant/products/${shop.productId}/surge-policy`, {
      token,
      body: { policy: 'pause' },
    });
    assert.equal(policy.statusCode, 200, policy.body);
    assert.deepEqual(policy.json(), { productId: shop.productId, policy: 'pause' });

    const projection = await s.call('GET', `${base}/projection`, { token });
    assert.equal(projection.statusCode, 200, projection.body);
    const p = projection.json();
    assert.equal(p.capacityPerDay, 40);
    assert.equal(p.backlog, 0);
    assert.deepEqual(
      p.products.map((x: { productId: string; policy: string }) => [x.productId, x.policy]),
      [[shop.productId, 'pause']],
    );

    const stranger = await s.tokenFor((await makePerson(s.core, 'cap-http-x')).userId);
    assert.equal((await s.call('GET', base, { token: stranger })).statusCode, 404);
    assert.equal(s.app.contract.violations.length, 0);
  } finally {
    await s.close();
  }
});

test('system routes answer as declared: liveness, readiness, metrics as text, no demo logins without the demo data set', async () => {
  const s = await startTestServer();
  try {
    assert.deepEqual((await s.call('GET', '/healthz')).json(), { status: 'ok' });
    const ready = await s.call('GET', '/readyz');
    assert.equal(ready.statusCode, 200, ready.body);
    assert.equal(ready.json().status, 'ready');
    assert.equal(ready.json().pid, process.pid);
    const metrics = await s.call('GET', '/metrics');
    assert.equal(metrics.statusCode, 200);
    assert.match(String(metrics.headers['content-type']), /^text\/plain/);
    const demo = await s.call('GET', '/api/v1/demo');
    assert.equal(demo.statusCode, 404);
    assert.equal(demo.json().error.code, 'DEMO_DISABLED');
    assert.equal(s.app.contract.violations.length, 0);
  } finally {
    await s.close();
  }
});
