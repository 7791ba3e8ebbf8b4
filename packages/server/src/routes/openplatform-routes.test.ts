// The open platform's console routes over HTTP: a developer's tool app from registration to a shop's grant and its
// revocation, each answer as its route's response schema declares it (the test server checks every 2xx answer strictly).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';

test('a tool app over HTTP: registered, edited, reviewed, its secret rotated, consented to by a shop, listed and revoked', async () => {
  const s = await startTestServer();
  try {
    const dev = await s.tokenFor((await makePerson(s.core, 'op-http-dev')).userId);
    const admin = await s.tokenFor((await makePerson(s.core, 'op-http-admin', ['admin'])).userId);
    const shop = await makeShop(s.core, 'op-http-shop');
    const owner = await s.tokenFor(shop.owner.userId);

    const reg = await s.call('POST', '/api/v1/open/apps', {
      token: dev,
      body: {
        name: '发货助手',
        kind: 'tool',
        groups: ['orders', 'logistics'],
        callbackUrl: 'https://tool.example.com/cb',
      },
    });
    assert.equal(reg.statusCode, 201, reg.body);
    const { app, secret } = reg.json();
    assert.equal(app.status, 'pending');
    assert.equal(typeof secret, 'string');

    const edited = await s.call('PATCH', `/api/v1/open/apps/${app.id}`, { token: dev, body: { name: '发货助手 Pro' } });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().name, '发货助手 Pro');
    const mine = await s.call('GET', '/api/v1/open/apps', { token: dev });
    assert.deepEqual(
      mine.json().items.map((a: { id: string }) => a.id),
      [app.id],
    );

    const queue = await s.call('GET', '/api/v1/admin/open/apps', { token: admin });
    assert.equal(queue.statusCode, 200, queue.body);
    assert.ok(queue.json().items.some((a: { id: string }) => a.id === app.id));
    const approved = await s.call('POST', `/api/v1/admin/open/apps/${app.id}/review`, {
      token: admin,
      body: { decision: 'approve' },
    });
    assert.equal(approved.json().status, 'approved');

    const rotated = await s.call('POST', `/api/v1/open/apps/${app.id}/secret`, { token: dev });
    assert.equal(rotated.statusCode, 200, rotated.body);
    assert.notEqual(rotated.json().secret, secret);

    const consent = await s.call('GET', `/api/v1/open/consent?app_key=${app.appKey}`, { token: owner });
    assert.equal(consent.statusCode, 200, consent.body);
    assert.deepEqual(consent.json().groups, ['orders', 'logistics']);
    const grant = await s.call('POST', '/api/v1/open/consent', {
      token: owner,
      body: { appKey: app.appKey, shopId: shop.shopId, state: 'xyz' },
    });
    assert.equal(grant.statusCode, 201, grant.body);
    assert.match(grant.json().redirectUrl, /^https:\/\/tool\.example\.com\/cb\?/);

    const deliveries = await s.call('GET', `/api/v1/open/apps/${app.id}/deliveries`, { token: dev });
    assert.equal(deliveries.statusCode, 200, deliveries.body);
    assert.deepEqual(deliveries.json().items, []);

    // The shop's own ERP (a self-use app) authorises itself; the shop lists and revokes the authorisation.
    const own = (
      await s.call('POST', '/api/v1/open/apps', {
        token: owner,
        body: { name: '自用ERP', kind: 'self', shopId: shop.shopId, groups: ['orders'] },
      })
    ).json().app;
    await s.call('POST', `/api/v1/admin/open/apps/${own.id}/review`, { token: admin, body: { decision: 'approve' } });
    const self = await s.call('POST', `/api/v1/open/apps/${own.id}/self-authorization`, { token: owner });
    assert.equal(self.statusCode, 200, self.body);
    const auths = await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/open-authorizations`, { token: owner });
    assert.equal(auths.statusCode, 200, auths.body);
    const listed = auths.json().items.find((a: { id: string }) => a.id === self.json().authorizationId);
    assert.equal(listed?.status, 'active');
    const revoked = await s.call('POST', `/api/v1/open/authorizations/${listed.id}/revoke`, { token: owner });
    assert.deepEqual(revoked.json(), { ok: true });
    const after = (await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/open-authorizations`, { token: owner }))
      .json()
      .items.find((a: { id: string }) => a.id === listed.id);
    assert.equal(after?.status, 'revoked');
    assert.equal(s.app.contract.violations.length, 0);
  } finally {
    await s.close();
  }
});
