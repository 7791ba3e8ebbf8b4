import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../test-support/server-harness.js';
import { makeTenants, multipartBody, placePaidOrder } from '../test-support/tenants.js';

test('dashboard: members of the shop only; figures for today', async () => {
  const s = await startTestServer();
  try {
    const t = await makeTenants(s);
    const res = await s.call('GET', `/api/v1/merchant/shops/${t.a.shopId}/dashboard`, { token: t.staffA.token });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json() as {
      today: { paidOrders: number; toShip: number; gmvFen: number };
      last7Days: unknown[];
      toShipOldest: Array<{ orderId: string }>;
    };
    assert.equal(d.today.toShip, 1);
    assert.equal(d.last7Days.length, 7);
    assert.deepEqual(
      d.toShipOldest.map((o) => o.orderId),
      [t.orderA.id],
    );
    assert.equal(
      (await s.call('GET', `/api/v1/merchant/shops/${t.a.shopId}/dashboard`, { token: t.ownerB.token })).statusCode,
      404,
    );
    assert.equal((await s.call('GET', `/api/v1/merchant/shops/${t.a.shopId}/dashboard`)).statusCode, 401);
  } finally {
    await s.close();
  }
});

test('batch shipping by text/csv and by multipart; per-row results; whole-file errors are 400', async () => {
  const s = await startTestServer();
  try {
    const t = await makeTenants(s);
    const second = await placePaidOrder(s, t.buyer.token, t.a.skuIds[0]!, 1);
    const csv = `\uFEFForderId,carrier,trackingNo\r\n${t.orderA.id},顺丰速运,SF7000000001\r\n\r\n${t.orderB.id},顺丰速运,SF7000000002\r\n`;
    const res = await s.call('POST', `/api/v1/merchant/shops/${t.a.shopId}/shipments/batch`, {
      token: t.ownerA.token,
      body: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json() as {
      results: Array<{ row: number; ok: boolean; code?: string; shipmentId?: string }>;
      shipped: number;
      failed: number;
    };
    assert.deepEqual(
      report.results.map((r) => [r.row, r.ok, r.code ?? null]),
      [
        [2, true, null],
        [4, false, 'NOT_FOUND'],
      ],
    );
    assert.match(report.results[0]!.shipmentId!, /^shm_/);
    assert.deepEqual([report.shipped, report.failed], [1, 1]);

    const upload = multipartBody({
      name: 'ship.csv',
      bytes: Buffer.from(`orderId,carrier,trackingNo\n"${second.id}",中通快递,ZT7000000003\n`),
      contentType: 'text/csv',
    });
    const viaFile = await s.app.inject({
      method: 'POST',
      url: `/api/v1/merchant/shops/${t.a.shopId}/shipments/batch`,
      payload: upload.payload,
      headers: { ...upload.headers, authorization: `Bearer ${t.ownerA.token}` },
    });
    assert.equal(viaFile.statusCode, 200, viaFile.body);
    assert.equal((viaFile.json() as { shipped: number }).shipped, 1);
    const order = await s.call('GET', `/api/v1/orders/${second.id}`, { token: t.buyer.token });
    assert.equal((order.json() as { status: string }).status, 'shipped');

    const post = (body: string, headers: Record<string, string>, token = t.ownerA.token) =>
      s.call('POST', `/api/v1/merchant/shops/${t.a.shopId}/shipments/batch`, { token, body, headers });
    const code = (r: { json(): unknown }) => (r.json() as { error: { code: string } }).error.code;
    const bad = await post('order,carrier\nx,y\n', { 'content-type': 'text/csv' });
    assert.deepEqual([bad.statusCode, code(bad)], [400, 'CSV_HEADER_INVALID']);
    const open = await post('orderId,carrier,trackingNo\n"ord_x,a,b\n', { 'content-type': 'text/csv' });
    assert.deepEqual([open.statusCode, code(open)], [400, 'CSV_MALFORMED']);
    const json = await post('"orderId,carrier,trackingNo"', { 'content-type': 'application/json' });
    assert.deepEqual([json.statusCode, code(json)], [415, 'UNSUPPORTED_MEDIA_TYPE']);
    const big = await post(`orderId,carrier,trackingNo\n${'x'.repeat(600 * 1024)}\n`, { 'content-type': 'text/csv' });
    assert.equal(big.statusCode, 413);
    const many = ['orderId,carrier,trackingNo', ...Array.from({ length: 501 }, (_, i) => `ord_${i},c,t`)].join('\n');
    const tooMany = await post(many, { 'content-type': 'text/csv' });
    assert.deepEqual([tooMany.statusCode, code(tooMany)], [400, 'TOO_MANY_ROWS']);
    const foreign = await post(csv, { 'content-type': 'text/csv' }, t.ownerB.token);
    assert.equal(foreign.statusCode, 404);
  } finally {
    await s.close();
  }
});

test('batch shipping reads GBK files as Excel saves them; the template lists orders to ship, for Excel', async () => {
  const s = await startTestServer();
  try {
    const t = await makeTenants(s);
    const template = await s.call('GET', `/api/v1/merchant/shops/${t.a.shopId}/shipments/batch/template.csv`, {
      token: t.ownerA.token,
    });
    assert.equal(template.statusCode, 200, template.body);
    assert.match(String(template.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(template.headers['content-disposition']), /attachment; filename="batch-ship-template.csv"/);
    const raw = template.rawPayload;
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
    const lines = template.body.replace(/^\uFEFF/, '').split('\r\n');
    assert.match(lines[0]!, /^orderId,carrier,trackingNo,收件人 recipient/);
    assert.ok(lines[1]!.startsWith(`${t.orderA.id},,,`), lines[1]);
    assert.equal(lines.at(-1), '', 'every row ends with CRLF');
    assert.ok(!/[^\r]\n/.test(template.body), 'no bare LF line ends');
    assert.equal(
      (
        await s.call('GET', `/api/v1/merchant/shops/${t.a.shopId}/shipments/batch/template.csv`, {
          token: t.ownerB.token,
        })
      ).statusCode,
      404,
    );

    // 订单号,快递公司,运单号 / <id>,顺丰速运,SF7000000009 in GBK bytes (an independent encoder's output).
    const gbk = Buffer.concat([
      Buffer.from('b6a9b5a5bac52cbfecb5ddb9abcbbe2cd4cbb5a5bac50d0a', 'hex'),
      Buffer.from(t.orderA.id),
      Buffer.from('2ccbb3b7e1cbd9d4cb2c5346373030303030303030390d0a', 'hex'),
    ]);
    const res = await s.app.inject({
      method: 'POST',
      url: `/api/v1/merchant/shops/${t.a.shopId}/shipments/batch`,
      payload: gbk,
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${t.ownerA.token}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as { shipped: number }).shipped, 1);
    const order = await s.call('GET', `/api/v1/orders/${t.orderA.id}`, { token: t.buyer.token });
    const parcels = order.json() as { status: string; shipments?: Array<{ carrier: string }> };
    assert.equal(parcels.status, 'shipped');
    assert.equal(JSON.stringify(parcels).includes('顺丰速运'), true, 'the carrier name arrives ungarbled');
    // The same bytes as a multipart upload.
    const second = await placePaidOrder(s, t.buyer.token, t.a.skuIds[0]!, 1);
    const file = Buffer.concat([
      Buffer.from('b6a9b5a5bac52cbfecb5ddb9abcbbe2cd4cbb5a5bac50d0a', 'hex'),
      Buffer.from(second.id),
      Buffer.from('2cd6d0cda8bfecb5dd2c5a54373030303030303031300d0a', 'hex'),
    ]);
    const upload = multipartBody({ name: 'ship-gbk.csv', bytes: file, contentType: 'text/csv' });
    const viaFile = await s.app.inject({
      method: 'POST',
      url: `/api/v1/merchant/shops/${t.a.shopId}/shipments/batch`,
      payload: upload.payload,
      headers: { ...upload.headers, authorization: `Bearer ${t.ownerA.token}` },
    });
    assert.equal(viaFile.statusCode, 200, viaFile.body);
    assert.equal((viaFile.json() as { shipped: number }).shipped, 1);
    const secondView = await s.call('GET', `/api/v1/orders/${second.id}`, { token: t.buyer.token });
    assert.equal(secondView.body.includes('中通快递'), true);
  } finally {
    await s.close();
  }
});

test('admin shops: admins only, with owner login and counts', async () => {
  const s = await startTestServer();
  try {
    const t = await makeTenants(s);
    assert.equal((await s.call('GET', '/api/v1/admin/shops', { token: t.ownerA.token })).statusCode, 403);
    assert.equal((await s.call('GET', '/api/v1/admin/shops')).statusCode, 401);
    const res = await s.call('GET', '/api/v1/admin/shops?limit=100', { token: t.admin.token });
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json() as {
      items: Array<{ id: string; ownerLogin: string; products: number; orders: number }>;
      nextCursor: string | null;
    };
    const a = page.items.find((x) => x.id === t.a.shopId)!;
    const b = page.items.find((x) => x.id === t.b.shopId)!;
    assert.deepEqual([a.ownerLogin, a.products, a.orders], ['owner-a', 1, 1]);
    assert.deepEqual([b.ownerLogin, b.products, b.orders], ['owner-b', 2, 1]);
    assert.equal(page.nextCursor, null);
  } finally {
    await s.close();
  }
});
