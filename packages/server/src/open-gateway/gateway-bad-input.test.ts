/**
 * Bad input at the gateway: wrong or missing signatures, stale timestamps, expired or revoked
 * tokens, a token used for another shop, parameters of the wrong type or range, pages past the
 * limits, floods. Each answers its documented code and sub-code with HTTP 200, never a 5xx, and
 * never another shop's data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { signRequest, ACCESS_TOKEN_TTL_MS } from '@zhongcao/core';
import { startTestServer, type TestServer } from '../test-support/server-harness.js';
import { placePaidOrder } from '../test-support/tenants.js';
import { listen, selfUseApp, type OpenApp } from '../test-support/open-platform.js';
import type { OpenEnvelope } from './erp-client.js';

interface World {
  s: TestServer;
  base: string;
  a: OpenApp;
  b: OpenApp;
  tokenA: string;
  tokenB: string;
  orderB: string;
  ownerA: string;
}

async function world(s: TestServer): Promise<World> {
  const base = await listen(s);
  const shopA = await makeShop(s.core, 'gw-a', 20);
  const shopB = await makeShop(s.core, 'gw-b', 20);
  const admin = await s.tokenFor((await makePerson(s.core, 'gw-admin', ['admin'])).userId);
  const buyer = await s.tokenFor((await makePerson(s.core, 'gw-buyer')).userId);
  const ownerA = await s.tokenFor(shopA.owner.userId);
  const a = await selfUseApp(s, base, ownerA, admin, shopA.shopId);
  const b = await selfUseApp(s, base, await s.tokenFor(shopB.owner.userId), admin, shopB.shopId);
  const tokenA = (await a.client.call<{ access_token: string }>('token.create', { grant_type: 'authorization_self' }))
    .data.access_token;
  const tokenB = (await b.client.call<{ access_token: string }>('token.create', { grant_type: 'authorization_self' }))
    .data.access_token;
  await placePaidOrder(s, buyer, shopB.skuIds[0]!);
  const since = Math.floor(s.core.clock.now() / 1000) - 60;
  const listB = await b.client.call<{ shop_order_list: Array<{ order_id: string }> }>(
    'order.searchList',
    { page: 0, size: 10, create_time_start: since },
    tokenB,
  );
  return { s, base, a, b, tokenA, tokenB, orderB: listB.data.shop_order_list[0]!.order_id, ownerA };
}

async function raw(url: string, body: string, method = 'POST'): Promise<OpenEnvelope> {
  const res = await fetch(
    url,
    method === 'GET' ? {} : { method, body, headers: { 'content-type': 'application/json' } },
  );
  assert.equal(res.status, 200, `HTTP ${res.status} for ${url}`);
  const env = (await res.json()) as OpenEnvelope;
  for (const k of ['code', 'msg', 'sub_code', 'sub_msg', 'log_id', 'data', 'err_no', 'message'])
    assert.ok(k in env, `envelope has ${k}`);
  return env;
}

function expect(env: OpenEnvelope, code: number, subCode: string): void {
  assert.equal(env.code, code, JSON.stringify(env));
  assert.equal(env.sub_code, subCode, JSON.stringify(env));
}

test('signatures, timestamps, app keys and methods: each answers its code', async () => {
  const s = await startTestServer();
  try {
    const w = await world(s);
    const since = Math.floor(s.core.clock.now() / 1000) - 60;
    const params = { page: 0, size: 10, create_time_start: since };
    const { url, body } = w.a.client.build('order.searchList', params, w.tokenA);
    expect(await raw(url, body), 10000, '');
    // One byte changed in the body: the signature covers the exact bytes.
    expect(await raw(url, body.replace('"size":10', '"size":11')), 40003, 'isv.signature-invalid');
    // The same params with keys in another order: other bytes, another signature.
    expect(
      await raw(url, JSON.stringify({ size: 10, page: 0, create_time_start: since })),
      40003,
      'isv.signature-invalid',
    );
    expect(await raw(url.replace(/&sign=[0-9a-f]+/, ''), body), 40001, 'isv.signature-missing');
    expect(await raw(url.replace(/app_key=\d+&/, ''), body), 40001, 'isv.app-id-missing');
    expect(await raw(url.replace(/app_key=\d+/, 'app_key=123'), body), 40003, 'isv.app-id-invalid');
    expect(await raw(url.replace(/app_key=\d+/, 'app_key=7999999999999999999'), body), 40003, 'isv.app-id-invalid');
    expect(await raw(url.replace(/&access_token=[^&]+/, ''), body), 40001, 'isv.access-token-missing');
    expect(
      await raw(url.replace(/access_token=[^&]+/, 'access_token=nope'), body),
      40003,
      'isv.access-token-no-existed',
    );
    expect(await raw(`${w.base}/order/noSuchMethod?app_key=${w.a.appKey}`, '{}'), 70000, 'isp.api-service-off');
    // The upper-case path routes; the signed method is the literal value.
    const upper = w.a.client.build('order.searchList', params, w.tokenA);
    expect(await raw(upper.url.replace('/order/searchList', '/open/ORDER/SEARCHLIST'), upper.body), 10000, '');
    // Stale and malformed timestamps.
    const stale = new URL(url);
    const ts = String(Math.floor(s.core.clock.now() / 1000) - 3600);
    stale.searchParams.set('timestamp', ts);
    stale.searchParams.set(
      'sign',
      signRequest(w.a.secret, {
        appKey: w.a.appKey,
        method: 'order.searchList',
        paramJson: body,
        timestamp: ts,
        v: '2',
      }),
    );
    expect(await raw(stale.toString(), body), 40003, 'isv.timestamp-invalid');
    stale.searchParams.set('timestamp', '2023/11/15');
    expect(await raw(stale.toString(), body), 40003, 'isv.timestamp-format-error');
    // MD5 (the default when sign_method is absent), GMT+8 text timestamps, GET with param_json in the query.
    const md5 = w.a.client.build('order.searchList', params, w.tokenA, 'md5');
    expect(await raw(md5.url.replace('&sign_method=md5', ''), md5.body), 10000, '');
    const get = new URL(md5.url);
    get.searchParams.set('param_json', md5.body);
    expect(await raw(get.toString(), '', 'GET'), 10000, '');
    // A form body (older clients) under a JSON content type.
    const form = new URLSearchParams({ param_json: md5.body });
    expect(await raw(md5.url, form.toString()), 10000, '');
    // A NUL character in the query (refused before any handler) and a body over the limit: still the envelope.
    expect(await raw(`${url}&x=%00`, body), 40003, 'isv.parameter-format-invalid');
    expect(await raw(url, `{"pad":"${'x'.repeat(600 * 1024)}"}`), 40003, 'isv.parameter-format-invalid');
    // Not JSON at all, but signed: the parameter format.
    const junk = 'not json';
    const j = new URL(url);
    j.searchParams.set(
      'sign',
      signRequest(w.a.secret, {
        appKey: w.a.appKey,
        method: 'order.searchList',
        paramJson: junk,
        timestamp: j.searchParams.get('timestamp')!,
        v: '2',
      }),
    );
    expect(await raw(j.toString(), junk), 40003, 'isv.parameter-format-invalid');
  } finally {
    await s.close();
  }
});

test('tokens: another shop’s order, another app’s token, expiry, refresh, revocation', async () => {
  const s = await startTestServer();
  try {
    const w = await world(s);
    // Shop A's token never sees shop B's order: the same answer as an id that does not exist.
    const foreign = await w.a.client.call('order.orderDetail', { shop_order_id: w.orderB }, w.tokenA);
    expect(foreign, 40004, 'isv.parameter-invalid:10002');
    const missing = await w.a.client.call('order.orderDetail', { shop_order_id: '6999999999999999999' }, w.tokenA);
    expect(missing, 40004, 'isv.parameter-invalid:10002');
    assert.deepEqual(foreign.data, {});
    // App A's key with app B's token.
    expect(
      await w.a.client.call('order.orderDetail', { shop_order_id: w.orderB }, w.tokenB),
      40003,
      'isv.access-token-invalid',
    );
    // Shipping another shop's order changes nothing.
    expect(
      await w.a.client.call(
        'order.logisticsAdd',
        { order_id: w.orderB, company_code: 'zhongtong', logistics_code: '731062985471' },
        w.tokenA,
      ),
      40004,
      'isv.parameter-invalid:10002',
    );

    // Refresh more than an hour before expiry: the same tokens.
    const created = await w.a.client.call<{ access_token: string; refresh_token: string }>('token.create', {
      grant_type: 'authorization_self',
    });
    const same = await w.a.client.call<{ access_token: string; refresh_token: string }>('token.refresh', {
      grant_type: 'refresh_token',
      refresh_token: created.data.refresh_token,
    });
    assert.equal(same.code, 10000, JSON.stringify(same));
    assert.equal(same.data.access_token, created.data.access_token);
    // In the last hour: new tokens, the old still work for an hour.
    s.core.clock.advance(ACCESS_TOKEN_TTL_MS - 30 * 60_000);
    const renewed = await w.a.client.call<{ access_token: string; refresh_token: string; expires_in: number }>(
      'token.refresh',
      { grant_type: 'refresh_token', refresh_token: created.data.refresh_token },
    );
    assert.notEqual(renewed.data.access_token, created.data.access_token);
    assert.equal(renewed.data.expires_in, 604800);
    const since = Math.floor(s.core.clock.now() / 1000) - 60;
    expect(
      await w.a.client.call(
        'order.searchList',
        { page: 0, size: 1, create_time_start: since },
        created.data.access_token,
      ),
      10000,
      '',
    );
    // The old refresh token is spent.
    expect(
      await w.a.client.call('token.refresh', {
        grant_type: 'refresh_token',
        refresh_token: created.data.refresh_token,
      }),
      50001,
      'dop.token-generate-failed:token-invalid',
    );
    s.core.clock.advance(2 * 3600_000);
    expect(
      await w.a.client.call(
        'order.searchList',
        { page: 0, size: 1, create_time_start: since },
        created.data.access_token,
      ),
      40003,
      'isv.access-token-expired',
    );
    expect(
      await w.a.client.call(
        'order.searchList',
        { page: 0, size: 1, create_time_start: since },
        renewed.data.access_token,
      ),
      10000,
      '',
    );
    expect(
      await w.a.client.call('token.refresh', { grant_type: 'bad', refresh_token: renewed.data.refresh_token }),
      50001,
      'dop.token-generate-failed:grant-type-invalid',
    );

    // The owner revokes: every token stops at once; token.create is refused.
    const auths = await s.call(
      'GET',
      `/api/v1/merchant/shops/${(await s.core.ctx.db.selectFrom('open_apps').select('shop_id').where('id', '=', w.a.appId).executeTakeFirstOrThrow()).shop_id}/open-authorizations`,
      { token: w.ownerA },
    );
    const authId = (auths.json() as { items: Array<{ id: string }> }).items[0]!.id;
    assert.equal(
      (await s.call('POST', `/api/v1/open/authorizations/${authId}/revoke`, { token: w.ownerA })).statusCode,
      200,
    );
    expect(
      await w.a.client.call(
        'order.searchList',
        { page: 0, size: 1, create_time_start: since },
        renewed.data.access_token,
      ),
      30001,
      'dop.authorization-closed',
    );
    expect(
      await w.a.client.call('token.create', { grant_type: 'authorization_self' }),
      50001,
      'dop.token-generate-failed:no-authorization',
    );
    expect(
      await w.a.client.call('token.refresh', {
        grant_type: 'refresh_token',
        refresh_token: renewed.data.refresh_token,
      }),
      30001,
      'dop.authorization-closed',
    );
  } finally {
    await s.close();
  }
});

test('parameters of the wrong type or range and pages past the limits', async () => {
  const s = await startTestServer();
  try {
    const w = await world(s);
    const since = Math.floor(s.core.clock.now() / 1000) - 60;
    const call = (method: string, params: Record<string, unknown>) => w.a.client.call(method, params, w.tokenA);
    expect(
      await call('order.searchList', { page: 0, size: 101, create_time_start: since }),
      40004,
      'isv.parameter-invalid:20008',
    );
    expect(
      await call('order.searchList', { page: -1, size: 10, create_time_start: since }),
      40004,
      'isv.parameter-invalid:10035',
    );
    expect(await call('order.searchList', { page: 0, size: 10 }), 40004, 'isv.parameter-invalid:20011');
    expect(
      await call('order.searchList', { page: 0, size: 10, create_time_start: since - 91 * 86400 }),
      40004,
      'isv.parameter-invalid:20022',
    );
    expect(
      await call('order.searchList', { page: 500, size: 100, create_time_start: since }),
      40004,
      'isv.parameter-invalid:20013',
    );
    expect(
      await call('order.searchList', { page: 'zero', size: 10, create_time_start: since }),
      40004,
      'isv.parameter-invalid:10001',
    );
    expect(await call('order.searchList', { size: 10, create_time_start: since }), 40002, 'isv.missing-parameter');
    expect(
      await call('order.searchList', {
        page: 0,
        size: 10,
        create_time_start: since,
        combine_status: [{ order_status: '77' }],
      }),
      40004,
      'isv.parameter-invalid:10001',
    );
    expect(await call('product.listV2', { page: 0, size: 10 }), 40004, 'isv.parameter-invalid:10001');
    expect(await call('product.listV2', { page: 101, size: 100 }), 40004, 'isv.parameter-invalid:10001');
    const products = await call('product.listV2', { page: 1, size: 10 });
    assert.equal(products.code, 10000, JSON.stringify(products));
    expect(await call('afterSale.List', { page: -1, size: 10 }), 40004, 'isv.parameter-invalid:10001');
    expect(await call('sku.syncStock', { sku_id: 1, stock_num: 5 }), 40004, 'isv.parameter-invalid:10002');
    expect(await call('sku.syncStock', { sku_id: { x: 1 }, stock_num: 5 }), 40004, 'isv.parameter-invalid:10001');
    expect(await call('sku.syncStock', { sku_id: 1 }), 40002, 'isv.missing-parameter');
    expect(
      await call('sku.syncStock', { sku_id: 1, stock_num: 3, incremental: true }),
      40004,
      'isv.parameter-invalid:10002',
    );
    expect(
      await call('order.logisticsAdd', { order_id: w.orderB, company_code: 'nope', logistics_code: '1' }),
      40004,
      'isv.parameter-invalid:10002',
    );
    expect(
      await call('afterSale.operate', { type: 999, items: [{ aftersale_id: '7000000000000000000' }] }),
      40004,
      'isv.parameter-invalid:10001',
    );
  } finally {
    await s.close();
  }
});

test('a flood answers the rate-limit code; a suspended app and a missing group are refused', async () => {
  const { buildServer } = await import('../app.js');
  const s = await startTestServer();
  try {
    const w = await world(s);
    // A second server over the same store with a low limit.
    const limited = await buildServer({
      core: s.core,
      logLevel: 'silent',
      rateLimits: false,
      openGateway: { appQps: 5 },
    });
    await limited.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (limited.server.address() as { port: number }).port;
      const results = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const { url, body } = w.a.client.build('order.logisticsCompanyList', {}, w.tokenA);
          return raw(url.replace(w.base, `http://127.0.0.1:${port}`), body);
        }),
      );
      assert.ok(results.some((r) => r.code === 10000));
      const limitedOnes = results.filter((r) => r.code === 60000);
      assert.ok(limitedOnes.length >= 10, `${limitedOnes.length} limited`);
      assert.ok(limitedOnes.every((r) => r.sub_code === 'isv.traffic-limited'));
    } finally {
      await limited.close();
    }
    // An app without the stock group.
    const admin = await s.tokenFor((await makePerson(s.core, 'gw-admin2', ['admin'])).userId);
    const shopC = await makeShop(s.core, 'gw-c', 5);
    const c = await selfUseApp(s, w.base, await s.tokenFor(shopC.owner.userId), admin, shopC.shopId, {
      groups: ['orders'],
    });
    const tokenC = (await c.client.call<{ access_token: string }>('token.create', { grant_type: 'authorization_self' }))
      .data.access_token;
    expect(await c.client.call('sku.stockNum', { sku_id: 1 }, tokenC), 30001, 'isv.app-permissions-insufficient');
    // An IP allow-list without this address: 30002.
    const ownerC = await s.tokenFor(shopC.owner.userId);
    assert.equal(
      (await s.call('PATCH', `/api/v1/open/apps/${c.appId}`, { token: ownerC, body: { ipAllow: ['10.9.9.9'] } }))
        .statusCode,
      200,
    );
    s.core.clock.advance(2_000);
    expect(
      await c.client.call(
        'order.searchList',
        { page: 0, size: 1, create_time_start: Math.floor(s.core.clock.now() / 1000) - 60 },
        tokenC,
      ),
      30002,
      'isv.ip-not-whitelisted',
    );
    assert.equal(
      (await s.call('PATCH', `/api/v1/open/apps/${c.appId}`, { token: ownerC, body: { ipAllow: ['127.0.0.1'] } }))
        .statusCode,
      200,
    );
    s.core.clock.advance(2_000);
    expect(
      await c.client.call(
        'order.searchList',
        { page: 0, size: 1, create_time_start: Math.floor(s.core.clock.now() / 1000) - 60 },
        tokenC,
      ),
      10000,
      '',
    );
    // Suspended by the admin: refused.
    assert.equal(
      (
        await s.call('POST', `/api/v1/admin/open/apps/${c.appId}/review`, {
          token: admin,
          body: { decision: 'suspend' },
        })
      ).statusCode,
      200,
    );
    s.core.clock.advance(2_000); // the gateway keeps an app for a second
    expect(
      await c.client.call(
        'order.searchList',
        { page: 0, size: 1, create_time_start: Math.floor(s.core.clock.now() / 1000) - 60 },
        tokenC,
      ),
      30001,
      'dop.app-forbidden',
    );
  } finally {
    await s.close();
  }
});
