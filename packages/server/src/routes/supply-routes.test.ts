/**
 * Supply over HTTP: a merchant records a supplier, a base with a photo, a batch with a quality
 * check, receives it into stock; the buyer sees the origin card on the product and, once the
 * order ships, on its line; the supplier quality table. Other shops' ids answer 404 like unknown
 * ids; bad input answers 4xx with stable codes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { newId, type IdKind } from '@zhongcao/core';
import { startTestServer, type TestServer } from '../test-support/server-harness.js';
import { makeTenants, multipartBody, TINY_PNG, type Tenants } from '../test-support/tenants.js';

const DAY = 24 * 3600 * 1000;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

function expectError(res: LightMyRequestResponse, status: number, code: string, what: string): void {
  assert.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 300)}`);
  assert.equal((res.json() as { error: { code: string } }).error.code, code, what);
}

describe('supply routes', () => {
  let s: TestServer;
  let t: Tenants;
  const ids = { supplier: '', base: '', batch: '', photo: '' };

  const upload = (token: string, shopId: string, bytes: Buffer, contentType = 'image/png') =>
    s.app.inject({
      method: 'POST',
      url: `/api/v1/merchant/shops/${shopId}/supply-photos`,
      ...withToken(multipartBody({ name: 'photo.png', bytes, contentType }), token),
    });
  const withToken = (body: { payload: Buffer; headers: Record<string, string> }, token: string) => ({
    payload: body.payload,
    headers: { ...body.headers, authorization: `Bearer ${token}` },
  });

  before(async () => {
    s = await startTestServer();
    t = await makeTenants(s);
  });
  after(async () => {
    await s.close();
  });

  it('records a supplier, a base with a photo, a checked batch, and receives it into stock', async () => {
    const as = (method: Method, url: string, body?: unknown) => s.call(method, url, { token: t.ownerA.token, body });
    const supplier = await as('POST', `/api/v1/merchant/shops/${t.a.shopId}/suppliers`, {
      name: '宾川果农合作社',
      contactName: '李师傅',
      region: '云南·大理',
    });
    assert.equal(supplier.statusCode, 201, supplier.body);
    ids.supplier = supplier.json().id;
    const basePhoto = await upload(t.ownerA.token, t.a.shopId, TINY_PNG);
    assert.equal(basePhoto.statusCode, 201, basePhoto.body);
    const base = await as('POST', `/api/v1/merchant/shops/${t.a.shopId}/bases`, {
      name: '宾川柑橘园',
      kind: 'orchard',
      province: '云南',
      city: '大理',
      supplierId: ids.supplier,
      photoId: basePhoto.json().id,
    });
    assert.equal(base.statusCode, 201, base.body);
    ids.base = base.json().id;
    assert.equal(base.json().photo.url, basePhoto.json().url);
    assert.equal((await s.call('GET', basePhoto.json().url)).statusCode, 200, 'the photo is served');

    const harvestedAt = s.core.clock.now() - 2 * DAY;
    const batch = await as('POST', `/api/v1/merchant/shops/${t.a.shopId}/batches`, {
      skuId: t.a.skuIds[0],
      supplierId: ids.supplier,
      baseId: ids.base,
      code: 'BC-20261101',
      harvestedAt,
      quantity: 30,
      shelfLifeDays: 20,
    });
    assert.equal(batch.statusCode, 201, batch.body);
    ids.batch = batch.json().id;
    const qcPhoto = await upload(t.staffA.token, t.a.shopId, TINY_PNG);
    ids.photo = qcPhoto.json().id;
    const qc = await s.call('POST', `/api/v1/merchant/batches/${ids.batch}/qc-records`, {
      token: t.staffA.token,
      body: { result: 'pass', inspector: '王质检', notes: '糖度 13.5，无破损', photoIds: [ids.photo] },
    });
    assert.equal(qc.statusCode, 201, qc.body);
    assert.deepEqual(
      qc.json().qcRecords[0].photos.map((p: { id: string }) => p.id),
      [ids.photo],
    );

    const stockBefore = (await as('GET', `/api/v1/merchant/products/${t.a.productId}`)).json().skus[0].stock;
    const received = await as('POST', `/api/v1/merchant/batches/${ids.batch}/receive`);
    assert.equal(received.statusCode, 200, received.body);
    assert.equal(received.json().skuStock, stockBefore + 30);
    assert.equal(
      (await as('GET', `/api/v1/merchant/products/${t.a.productId}`)).json().skus[0].stock,
      stockBefore + 30,
    );
    expectError(
      await as('POST', `/api/v1/merchant/batches/${ids.batch}/receive`),
      409,
      'BATCH_ALREADY_RECEIVED',
      'receive twice',
    );

    const list = await as('GET', `/api/v1/merchant/shops/${t.a.shopId}/batches?status=received`);
    assert.deepEqual(
      list.json().items.map((b: { code: string; remaining: number }) => [b.code, b.remaining]),
      [['BC-20261101', 30]],
    );
    assert.equal((await as('GET', `/api/v1/merchant/shops/${t.a.shopId}/suppliers`)).json().items[0].batches, 1);
  });

  it('shows the origin card on the product, and on the order line once shipped; rolls up supplier quality', async () => {
    const origin = await s.call('GET', `/api/v1/products/${t.a.productId}/origin`);
    assert.equal(origin.statusCode, 200, origin.body);
    const card = origin.json().current;
    assert.equal(card.batch.code, 'BC-20261101');
    assert.equal(card.base.name, '宾川柑橘园');
    assert.equal(card.base.kind, 'orchard');
    assert.equal(card.supplier.name, '宾川果农合作社');
    assert.equal(card.qc.result, 'pass');
    assert.equal(card.photos.length, 2, 'the base photo and the check photo');
    assert.deepEqual(Object.keys(origin.json().bySku), [t.a.skuIds[0]]);

    const shipped = await s.call('POST', `/api/v1/merchant/orders/${t.orderA.id}/ship`, {
      token: t.ownerA.token,
      body: { parcels: [{ carrier: '顺丰速运', trackingNo: 'SF7000000001' }] },
    });
    assert.equal(shipped.statusCode, 200, shipped.body);
    const order = await s.call('GET', `/api/v1/orders/${t.orderA.id}`, { token: t.buyer.token });
    const line = order.json().lines[0];
    assert.deepEqual(
      line.origin.map((o: { batch: { code: string }; quantity: number }) => [o.batch.code, o.quantity]),
      [['BC-20261101', 1]],
    );
    const listed = await s.call('GET', '/api/v1/orders', { token: t.buyer.token });
    assert.equal(
      listed.json().items.find((o: { id: string }) => o.id === t.orderA.id).lines[0].origin[0].base.name,
      '宾川柑橘园',
      'the order list carries the origin too',
    );

    const quality = await s.call('GET', `/api/v1/merchant/shops/${t.a.shopId}/supplier-quality`, {
      token: t.ownerA.token,
    });
    assert.equal(quality.statusCode, 200, quality.body);
    assert.deepEqual(
      quality
        .json()
        .items.map((q: { supplierName: string; shippedUnits: number; score: number | null }) => [
          q.supplierName,
          q.shippedUnits,
          q.score,
        ]),
      [['宾川果农合作社', 1, 100]],
    );
    const batch = await s.call('GET', `/api/v1/merchant/batches/${ids.batch}`, { token: t.ownerA.token });
    assert.deepEqual([batch.json().remaining, batch.json().shipped], [29, { units: 1, lines: 1 }]);
  });

  it('answers bad input with 4xx and stable codes', async () => {
    const as = (method: Method, url: string, body?: unknown) => s.call(method, url, { token: t.ownerA.token, body });
    const batch = {
      skuId: t.a.skuIds[1],
      supplierId: ids.supplier,
      code: 'BAD-1',
      harvestedAt: s.core.clock.now() - DAY,
      quantity: 5,
    };
    const url = `/api/v1/merchant/shops/${t.a.shopId}/batches`;
    expectError(
      await as('POST', url, { ...batch, harvestedAt: s.core.clock.now() + DAY }),
      400,
      'DATE_IN_FUTURE',
      'harvest tomorrow',
    );
    expectError(await as('POST', url, { ...batch, quantity: -3 }), 400, 'VALIDATION_FAILED', 'negative quantity');
    expectError(await as('POST', url, { ...batch, quantity: 0 }), 400, 'VALIDATION_FAILED', 'zero quantity');
    expectError(await as('POST', url, { ...batch, code: 'BC-20261101' }), 409, 'BATCH_CODE_TAKEN', 'code taken');
    expectError(
      await as('POST', `/api/v1/merchant/batches/${ids.batch}/qc-records`, {
        result: 'pass',
        inspector: '王质检',
        checkedAt: s.core.clock.now() + DAY,
      }),
      400,
      'DATE_IN_FUTURE',
      'check tomorrow',
    );
    expectError(
      await upload(t.ownerA.token, t.a.shopId, Buffer.from('plain words, not a photo'), 'image/png'),
      415,
      'UNSUPPORTED_FILE_TYPE',
      'a text file called PNG',
    );
    expectError(
      await as('POST', `/api/v1/merchant/batches/${ids.batch}/qc-records`, {
        result: 'pass',
        inspector: '王质检',
        photoIds: [ids.photo],
      }),
      409,
      'PHOTO_IN_USE',
      'a photo used already',
    );
    expectError(
      await as('DELETE', `/api/v1/merchant/suppliers/${ids.supplier}`),
      409,
      'SUPPLIER_IN_USE',
      'delete a supplier in use',
    );
    expectError(
      await s.call('GET', `/api/v1/merchant/shops/${t.a.shopId}/suppliers`),
      401,
      'UNAUTHENTICATED',
      'anonymous',
    );
    const batches = await as('GET', `${url}`);
    assert.deepEqual(
      batches.json().items.map((b: { code: string }) => b.code),
      ['BC-20261101'],
      'nothing was written',
    );
  });

  it('another shop’s supply rows answer 404 NOT_FOUND exactly like unknown ids', async () => {
    const rows = async () => ({
      batches: await s.core.ctx.db.selectFrom('supply_batches').selectAll().orderBy('id').execute(),
      suppliers: await s.core.ctx.db.selectFrom('suppliers').selectAll().orderBy('id').execute(),
      bases: await s.core.ctx.db.selectFrom('production_bases').selectAll().orderBy('id').execute(),
      qc: await s.core.ctx.db.selectFrom('supply_qc_records').selectAll().orderBy('id').execute(),
    });
    const unchanged = await rows();
    const supplier = { name: '改名的供应商' };
    const base = { name: '改名的基地', kind: 'farm', province: '云南', city: '昆明' };
    const batchFields = {
      supplierId: ids.supplier,
      code: 'STOLEN-1',
      harvestedAt: s.core.clock.now() - DAY,
      quantity: 1,
    };
    const requests: Array<[string, Method, (id: string) => string, string, IdKind, unknown]> = [
      ['suppliers: list', 'GET', (id) => `/api/v1/merchant/shops/${id}/suppliers`, t.a.shopId, 'shop', undefined],
      ['suppliers: add', 'POST', (id) => `/api/v1/merchant/shops/${id}/suppliers`, t.a.shopId, 'shop', supplier],
      ['supplier: read', 'GET', (id) => `/api/v1/merchant/suppliers/${id}`, ids.supplier, 'supplier', undefined],
      ['supplier: edit', 'PUT', (id) => `/api/v1/merchant/suppliers/${id}`, ids.supplier, 'supplier', supplier],
      ['supplier: delete', 'DELETE', (id) => `/api/v1/merchant/suppliers/${id}`, ids.supplier, 'supplier', undefined],
      ['bases: list', 'GET', (id) => `/api/v1/merchant/shops/${id}/bases`, t.a.shopId, 'shop', undefined],
      ['bases: add', 'POST', (id) => `/api/v1/merchant/shops/${id}/bases`, t.a.shopId, 'shop', base],
      ['base: read', 'GET', (id) => `/api/v1/merchant/bases/${id}`, ids.base, 'productionBase', undefined],
      ['base: edit', 'PUT', (id) => `/api/v1/merchant/bases/${id}`, ids.base, 'productionBase', base],
      ['base: delete', 'DELETE', (id) => `/api/v1/merchant/bases/${id}`, ids.base, 'productionBase', undefined],
      ['batches: list', 'GET', (id) => `/api/v1/merchant/shops/${id}/batches`, t.a.shopId, 'shop', undefined],
      [
        'batches: add',
        'POST',
        (id) => `/api/v1/merchant/shops/${id}/batches`,
        t.a.shopId,
        'shop',
        { ...batchFields, skuId: t.a.skuIds[1] },
      ],
      ['batch: read', 'GET', (id) => `/api/v1/merchant/batches/${id}`, ids.batch, 'batch', undefined],
      ['batch: edit', 'PUT', (id) => `/api/v1/merchant/batches/${id}`, ids.batch, 'batch', batchFields],
      ['batch: delete', 'DELETE', (id) => `/api/v1/merchant/batches/${id}`, ids.batch, 'batch', undefined],
      ['batch: receive', 'POST', (id) => `/api/v1/merchant/batches/${id}/receive`, ids.batch, 'batch', undefined],
      [
        'batch: check',
        'POST',
        (id) => `/api/v1/merchant/batches/${id}/qc-records`,
        ids.batch,
        'batch',
        { result: 'fail', inspector: '冒充', notes: '假的' },
      ],
      ['quality', 'GET', (id) => `/api/v1/merchant/shops/${id}/supplier-quality`, t.a.shopId, 'shop', undefined],
      ['photo: upload', 'POST', (id) => `/api/v1/merchant/shops/${id}/supply-photos`, t.a.shopId, 'shop', 'png'],
    ];
    const send = (method: Method, url: string, body: unknown) =>
      body === 'png'
        ? s.app.inject({
            method,
            url,
            ...withToken(multipartBody({ name: 'p.png', bytes: TINY_PNG, contentType: 'image/png' }), t.ownerB.token),
          })
        : s.call(method, url, { token: t.ownerB.token, body });
    for (const [what, method, url, id, kind, body] of requests) {
      const res = await send(method, url(id), body);
      expectError(res, 404, 'NOT_FOUND', `owner B → ${what}`);
      const control = await send(method, url(newId(kind)), body);
      assert.equal(control.statusCode, 404, `${what}: an unknown id answers alike`);
      assert.deepEqual(
        Object.keys(res.json().error.details).sort(),
        Object.keys(control.json().error.details).sort(),
        `${what}: same details as for an unknown id`,
      );
    }
    // B's own batch may not use A's supplier, base or SKU either.
    const own = await s.call('POST', `/api/v1/merchant/shops/${t.b.shopId}/batches`, {
      token: t.ownerB.token,
      body: { ...batchFields, skuId: t.b.skuIds[0] },
    });
    expectError(own, 404, 'NOT_FOUND', 'B’s batch from A’s supplier');
    assert.deepEqual(await rows(), unchanged, 'shop A’s rows are untouched');
  });
});
