/**
 * Tenant scoping and sessions: a shop's rows are visible only to its members (another shop's ids
 * answer 404 NOT_FOUND exactly like unknown ids), buyers see only their own orders and payments,
 * owner-only and admin-only routes refuse others with 403, and cookie sessions need the CSRF
 * token on mutations and end at logout.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { actOnCase, fileCase, newId, type IdKind } from '@zhongcao/core';
import { makePerson, TEST_PASSWORD } from '@zhongcao/core/test-support';
import { startTestServer, type TestServer } from './test-support/server-harness.js';
import { makeTenants, multipartBody, TINY_PNG, type Tenants } from './test-support/tenants.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function assertError(res: LightMyRequestResponse, status: number, code: string, what: string): void {
  assert.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 300)}`);
  assert.equal((res.json() as { error: { code: string } }).error.code, code, what);
}

/** A valid one-pixel PNG upload, signed in with a bearer token. */
function pngUpload(token: string): { payload: Buffer; headers: Record<string, string> } {
  const body = multipartBody({ name: 'pixel.png', bytes: TINY_PNG, contentType: 'image/png' });
  return { payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${token}` } };
}

describe('tenant scoping', () => {
  let s: TestServer;
  let t: Tenants;

  before(async () => {
    s = await startTestServer();
    t = await makeTenants(s);
  });
  after(async () => {
    await s.close();
  });

  /** Shop B's rows as stored, to prove that refused requests changed nothing. */
  async function shopBRows(): Promise<unknown> {
    const db = s.core.ctx.db;
    return {
      shop: await db.selectFrom('shops').selectAll().where('id', '=', t.b.shopId).execute(),
      members: await db
        .selectFrom('shop_members')
        .select(['user_id', 'role'])
        .where('shop_id', '=', t.b.shopId)
        .orderBy('user_id')
        .execute(),
      products: await db.selectFrom('products').selectAll().where('shop_id', '=', t.b.shopId).orderBy('id').execute(),
      skus: await db.selectFrom('skus').selectAll().where('shop_id', '=', t.b.shopId).orderBy('id').execute(),
      images: await db.selectFrom('product_images').select('id').where('shop_id', '=', t.b.shopId).execute(),
      orders: await db.selectFrom('orders').selectAll().where('shop_id', '=', t.b.shopId).orderBy('id').execute(),
      shipments: await db.selectFrom('shipments').selectAll().where('shop_id', '=', t.b.shopId).orderBy('id').execute(),
      refunds: await db.selectFrom('refunds').select('id').where('order_id', '=', t.orderB.id).execute(),
    };
  }

  it('the owner and a staff member of shop A read and edit its products, SKUs and orders', async () => {
    for (const [who, person] of [
      ['owner', t.ownerA],
      ['staff', t.staffA],
    ] as const) {
      const as = (method: Method, url: string, body?: unknown) => s.call(method, url, { token: person.token, body });

      const shops = await as('GET', '/api/v1/merchant/shops');
      assert.deepEqual(
        shops.json(),
        { items: [{ id: t.a.shopId, name: 'owner-a 的店', role: who }] },
        `${who}: my shops`,
      );
      assert.equal((await as('GET', `/api/v1/merchant/shops/${t.a.shopId}`)).statusCode, 200, `${who}: my shop`);

      const products = await as('GET', `/api/v1/merchant/shops/${t.a.shopId}/products`);
      assert.equal(products.statusCode, 200);
      assert.deepEqual(
        products.json().items.map((p: { id: string }) => p.id),
        [t.a.productId],
        `${who}: only shop A's products`,
      );
      assert.equal((await as('GET', `/api/v1/merchant/products/${t.a.productId}`)).statusCode, 200);

      const title = `${who} 改过的标题`;
      assert.equal((await as('PUT', `/api/v1/merchant/products/${t.a.productId}`, { title })).statusCode, 204);
      assert.equal((await as('GET', `/api/v1/merchant/products/${t.a.productId}`)).json().title, title);

      const price = await as('PUT', `/api/v1/merchant/skus/${t.a.skuIds[1]}/price`, {
        priceFen: who === 'owner' ? 4590 : 4490,
      });
      assert.equal(price.statusCode, 204, price.body);
      const before = (await as('GET', `/api/v1/merchant/products/${t.a.productId}`))
        .json()
        .skus.find((k: { id: string }) => k.id === t.a.skuIds[1]).stock;
      const stock = await as('POST', `/api/v1/merchant/skus/${t.a.skuIds[1]}/stock-adjustments`, { delta: 3 });
      assert.equal(stock.statusCode, 200, stock.body);
      assert.equal(stock.json().stock, before + 3);

      const image = await s.app.inject({
        method: 'POST',
        url: `/api/v1/merchant/products/${t.a.productId}/images`,
        ...pngUpload(person.token),
      });
      assert.equal(image.statusCode, 201, image.body);

      const orders = await as('GET', `/api/v1/merchant/shops/${t.a.shopId}/orders`);
      assert.equal(orders.statusCode, 200);
      assert.deepEqual(
        orders.json().items.map((o: { id: string }) => o.id),
        [t.orderA.id],
        `${who}: only shop A's orders`,
      );
      assert.equal((await as('GET', `/api/v1/orders/${t.orderA.id}`)).json().status, 'paid');
    }

    const shipped = await s.call('POST', `/api/v1/merchant/orders/${t.orderA.id}/ship`, {
      token: t.staffA.token,
      body: { parcels: [{ carrier: '中通快递', trackingNo: 'ZT1000000001' }] },
    });
    assert.equal(shipped.statusCode, 200, shipped.body);
    assert.equal(shipped.json().status, 'shipped');
    const delivered = await s.call('POST', `/api/v1/merchant/shipments/${shipped.json().shipmentIds[0]}/delivered`, {
      token: t.ownerA.token,
    });
    assert.equal(delivered.statusCode, 200, delivered.body);
    assert.equal(delivered.json().orderStatus, 'delivered');
  });

  it('merchant A (owner or staff) gets 404 NOT_FOUND, as for an unknown id, on every read and write of shop B', async () => {
    const unchanged = await shopBRows();
    const ids = {
      shop: t.b.shopId,
      product: t.b.productId,
      draft: t.b.draftProductId,
      sku: t.b.skuIds[0]!,
      order: t.orderB.id,
      shipment: t.orderB.shipmentId,
      payment: t.orderB.paymentId,
    };
    const unknown = (kind: IdKind) => newId(kind);
    const productBody = {
      categoryId: t.b.categoryId,
      title: '偷偷上架的商品',
      specOptions: [],
      skus: [{ specValues: [], priceFen: 100, stock: 1 }],
      status: 'listed',
    };
    // [what, method, url for an id, the id of shop B, the kind of id, body]
    const requests: Array<[string, Method, (id: string) => string, string, IdKind, unknown]> = [
      ['shop: read', 'GET', (id) => `/api/v1/merchant/shops/${id}`, ids.shop, 'shop', undefined],
      ['shop: edit', 'PUT', (id) => `/api/v1/merchant/shops/${id}`, ids.shop, 'shop', { name: '被改名的店' }],
      [
        'shop: add staff',
        'POST',
        (id) => `/api/v1/merchant/shops/${id}/staff`,
        ids.shop,
        'shop',
        { login: 'buyer-two' },
      ],
      ['products: list', 'GET', (id) => `/api/v1/merchant/shops/${id}/products`, ids.shop, 'shop', undefined],
      [
        'products: list drafts',
        'GET',
        (id) => `/api/v1/merchant/shops/${id}/products?status=draft`,
        ids.shop,
        'shop',
        undefined,
      ],
      ['products: create', 'POST', (id) => `/api/v1/merchant/shops/${id}/products`, ids.shop, 'shop', productBody],
      ['product: read', 'GET', (id) => `/api/v1/merchant/products/${id}`, ids.product, 'product', undefined],
      ['product: read a draft', 'GET', (id) => `/api/v1/merchant/products/${id}`, ids.draft, 'product', undefined],
      ['product: read a draft on the shelf', 'GET', (id) => `/api/v1/products/${id}`, ids.draft, 'product', undefined],
      [
        'product: edit',
        'PUT',
        (id) => `/api/v1/merchant/products/${id}`,
        ids.product,
        'product',
        { title: '被改的标题' },
      ],
      [
        'product: delist',
        'POST',
        (id) => `/api/v1/merchant/products/${id}/status`,
        ids.product,
        'product',
        { status: 'delisted' },
      ],
      [
        'product: list a draft',
        'POST',
        (id) => `/api/v1/merchant/products/${id}/status`,
        ids.draft,
        'product',
        { status: 'listed' },
      ],
      [
        'product image: upload',
        'POST',
        (id) => `/api/v1/merchant/products/${id}/images`,
        ids.product,
        'product',
        'png',
      ],
      ['sku: price', 'PUT', (id) => `/api/v1/merchant/skus/${id}/price`, ids.sku, 'sku', { priceFen: 1 }],
      [
        'sku: stock adjustment',
        'POST',
        (id) => `/api/v1/merchant/skus/${id}/stock-adjustments`,
        ids.sku,
        'sku',
        { delta: -1 },
      ],
      ['orders: list', 'GET', (id) => `/api/v1/merchant/shops/${id}/orders`, ids.shop, 'shop', undefined],
      ['order: detail', 'GET', (id) => `/api/v1/orders/${id}`, ids.order, 'order', undefined],
      [
        'order: ship',
        'POST',
        (id) => `/api/v1/merchant/orders/${id}/ship`,
        ids.order,
        'order',
        { parcels: [{ carrier: '圆通速递', trackingNo: 'YT2000000001' }] },
      ],
      ['order: cancel', 'POST', (id) => `/api/v1/orders/${id}/cancel`, ids.order, 'order', { reason: '商家取消' }],
      ['order: confirm receipt', 'POST', (id) => `/api/v1/orders/${id}/confirm-receipt`, ids.order, 'order', undefined],
      [
        'shipment: delivered',
        'POST',
        (id) => `/api/v1/merchant/shipments/${id}/delivered`,
        ids.shipment,
        'shipment',
        undefined,
      ],
      ['payment: read', 'GET', (id) => `/api/v1/payments/${id}`, ids.payment, 'payment', undefined],
      [
        'payment: cashier',
        'GET',
        (id) => `/api/v1/payments/${id}/cashier?format=json`,
        ids.payment,
        'payment',
        undefined,
      ],
    ];
    for (const person of [t.ownerA, t.staffA]) {
      const send = (method: Method, url: string, body: unknown) =>
        body === 'png'
          ? s.app.inject({ method, url, ...pngUpload(person.token) })
          : s.call(method, url, { token: person.token, body });
      for (const [what, method, url, id, kind, body] of requests) {
        const label = `${person.actor.login} → ${what}`;
        const res = await send(method, url(id), body);
        assertError(res, 404, 'NOT_FOUND', label);
        const control = await send(method, url(unknown(kind)), body);
        assert.equal(control.statusCode, res.statusCode, `${label}: an unknown id answers alike`);
        assert.deepEqual(
          Object.keys(res.json().error.details).sort(),
          Object.keys(control.json().error.details).sort(),
          `${label}: same details as for an unknown id`,
        );
      }
    }
    assert.deepEqual(await shopBRows(), unchanged, "shop B's rows are untouched");

    // Shop B's own owner still sees everything (the 404s above are about who asks, not about the rows).
    assert.equal(
      (await s.call('GET', `/api/v1/merchant/products/${ids.draft}`, { token: t.ownerB.token })).statusCode,
      200,
    );
    assert.deepEqual(
      (await s.call('GET', `/api/v1/merchant/shops/${ids.shop}/orders`, { token: t.ownerB.token }))
        .json()
        .items.map((o: { id: string }) => o.id),
      [ids.order],
    );
  });

  it("a buyer cannot read or act on another buyer's order or payment (404)", async () => {
    const mine = await s.call('GET', `/api/v1/orders/${t.orderB.id}`, { token: t.buyer.token });
    assert.equal(mine.statusCode, 200, 'the buyer reads their own order');
    assert.equal(
      (await s.call('GET', `/api/v1/payments/${t.orderB.paymentId}`, { token: t.buyer.token })).statusCode,
      200,
      'and their own payment',
    );

    const as = (method: Method, url: string, body?: unknown) =>
      s.call(method, url, { token: t.otherBuyer.token, body });
    assertError(await as('GET', `/api/v1/orders/${t.orderB.id}`), 404, 'NOT_FOUND', 'order detail');
    assertError(await as('GET', `/api/v1/payments/${t.orderB.paymentId}`), 404, 'NOT_FOUND', 'payment');
    assertError(
      await as('GET', `/api/v1/payments/${t.orderB.paymentId}/cashier?format=json`),
      404,
      'NOT_FOUND',
      'cashier',
    );
    assertError(
      await as('POST', `/api/v1/orders/${t.orderB.id}/cancel`, { reason: '不想要了' }),
      404,
      'NOT_FOUND',
      'cancel',
    );
    assertError(await as('POST', `/api/v1/orders/${t.orderB.id}/confirm-receipt`), 404, 'NOT_FOUND', 'confirm receipt');
    assert.deepEqual((await as('GET', '/api/v1/orders')).json().items, [], 'their own order list is empty');
    assert.equal(
      (await s.call('GET', `/api/v1/orders/${t.orderB.id}`, { token: t.buyer.token })).json().status,
      'shipped',
      'the order is untouched',
    );
  });

  it('a staff member cannot add staff or edit the shop (403); the owner can add staff', async () => {
    const members = () =>
      s.core.ctx.db
        .selectFrom('shop_members')
        .select(['user_id', 'role'])
        .where('shop_id', '=', t.a.shopId)
        .orderBy('user_id')
        .execute();
    const before = await members();
    assertError(
      await s.call('POST', `/api/v1/merchant/shops/${t.a.shopId}/staff`, {
        token: t.staffA.token,
        body: { login: 'buyer-two' },
      }),
      403,
      'FORBIDDEN',
      'staff adds staff',
    );
    assertError(
      await s.call('PUT', `/api/v1/merchant/shops/${t.a.shopId}`, {
        token: t.staffA.token,
        body: { name: '员工改的店名' },
      }),
      403,
      'FORBIDDEN',
      'staff edits the shop',
    );
    assert.deepEqual(await members(), before);
    assert.equal(
      (await s.call('GET', `/api/v1/merchant/shops/${t.a.shopId}`, { token: t.staffA.token })).json().name,
      'owner-a 的店',
    );

    await makePerson(s.core, 'new-staff', [], false);
    const added = await s.call('POST', `/api/v1/merchant/shops/${t.a.shopId}/staff`, {
      token: t.ownerA.token,
      body: { login: 'new-staff' },
    });
    assert.equal(added.statusCode, 204, added.body);
    assert.equal((await members()).length, before.length + 1);
    assertError(
      await s.call('POST', `/api/v1/merchant/shops/${t.a.shopId}/staff`, {
        token: t.ownerA.token,
        body: { login: 'new-staff' },
      }),
      409,
      'ALREADY_MEMBER',
      'added twice',
    );
    assertError(
      await s.call('POST', `/api/v1/merchant/shops/${t.a.shopId}/staff`, {
        token: t.ownerA.token,
        body: { login: 'nobody-here' },
      }),
      404,
      'NOT_FOUND',
      'unknown login',
    );
  });

  it("a shopper without a shop gets 404 on another shop's merchant routes", async () => {
    const shopper = await s.tokenFor((await makePerson(s.core, 'shopper-no-shop')).userId);
    assert.deepEqual((await s.call('GET', '/api/v1/merchant/shops', { token: shopper })).json(), { items: [] });
    assertError(
      await s.call('GET', `/api/v1/merchant/shops/${t.b.shopId}/orders`, { token: shopper }),
      404,
      'NOT_FOUND',
      'shop B orders',
    );
    assertError(
      await s.call('GET', `/api/v1/merchant/shops/${t.b.shopId}`, { token: shopper }),
      404,
      'NOT_FOUND',
      'shop B',
    );
    assertError(
      await s.call('GET', `/api/v1/merchant/shops/${t.b.shopId}/products`, { token: shopper }),
      404,
      'NOT_FOUND',
      'shop B products',
    );
    assertError(
      await s.call('GET', `/api/v1/merchant/products/${t.b.productId}`, { token: shopper }),
      404,
      'NOT_FOUND',
      'shop B product',
    );
  });

  it("ad accounts and campaigns: shop B's and another creator's answer 404 NOT_FOUND like unknown ids, and change nothing", async () => {
    const now = s.core.clock.now();
    const creatorA = await makePerson(s.core, 'scoping-creator-a', ['creator'], false);
    const creatorB = await makePerson(s.core, 'scoping-creator-b', ['creator'], false);
    const tokenA = await s.tokenFor(creatorA.userId);
    const campaign = async (ownerKind: 'shop' | 'creator', ownerId: string): Promise<string> => {
      const id = newId('adCampaign', now);
      await s.core.ctx.db
        .insertInto('ad_campaigns')
        .values({
          id,
          owner_kind: ownerKind,
          owner_id: ownerId,
          name: '推广',
          promote: 'video',
          video_id: null,
          product_id: null,
          live_room_id: null,
          goal: 'orders',
          bid_kind: 'cost_cap',
          cost_cap_fen: 3000,
          roi_target_centi: null,
          daily_budget_fen: 300_00,
          schedule: 'f'.repeat(84),
          pacing: 'even',
          target_categories: '[]',
          target_regions: '[]',
          target_lookalike: 0,
          audience_size: 0,
          audience_at: null,
          status: 'active',
          impressions: 0,
          clicks: 0,
          conversions: 0,
          gmv_fen: 0,
          spent_mfen: 0,
          created_by: ownerId,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return id;
    };
    const shopB = await campaign('shop', t.b.shopId);
    const ofCreatorB = await campaign('creator', creatorB.userId);
    const mine = await campaign('creator', creatorA.userId);
    const rows = () =>
      s.core.ctx.db.selectFrom('ad_campaigns').select(['id', 'status', 'updated_at']).orderBy('id').execute();
    const before = await rows();
    const requests: Array<[string, string, Method, (id: string) => string, string, unknown]> = [
      [
        "merchant A → shop B's campaign: status",
        t.ownerA.token,
        'POST',
        (id) => `/api/v1/merchant/ads/campaigns/${id}/status`,
        shopB,
        { status: 'paused' },
      ],
      [
        "merchant A → shop B's campaign: report",
        t.ownerA.token,
        'GET',
        (id) => `/api/v1/merchant/ads/campaigns/${id}/report`,
        shopB,
        undefined,
      ],
      [
        "merchant A → a creator's campaign: report",
        t.ownerA.token,
        'GET',
        (id) => `/api/v1/merchant/ads/campaigns/${id}/report`,
        ofCreatorB,
        undefined,
      ],
      [
        "creator A → creator B's campaign: status",
        tokenA,
        'POST',
        (id) => `/api/v1/creator/ads/campaigns/${id}/status`,
        ofCreatorB,
        { status: 'paused' },
      ],
      [
        "creator A → creator B's campaign: report",
        tokenA,
        'GET',
        (id) => `/api/v1/creator/ads/campaigns/${id}/report`,
        ofCreatorB,
        undefined,
      ],
      [
        "creator A → shop B's campaign: report",
        tokenA,
        'GET',
        (id) => `/api/v1/creator/ads/campaigns/${id}/report`,
        shopB,
        undefined,
      ],
      [
        "creator A → creator B's campaign on the merchant route",
        tokenA,
        'POST',
        (id) => `/api/v1/merchant/ads/campaigns/${id}/status`,
        ofCreatorB,
        { status: 'paused' },
      ],
    ];
    for (const [what, token, method, url, id, body] of requests) {
      const res = await s.call(method, url(id), { token, body });
      assertError(res, 404, 'NOT_FOUND', what);
      const control = await s.call(method, url(newId('adCampaign')), { token, body });
      assert.equal(control.statusCode, res.statusCode, `${what}: an unknown id answers alike`);
    }
    assert.deepEqual(await rows(), before, 'refused requests changed no campaign');
    assert.equal(
      (await s.call('GET', `/api/v1/creator/ads/campaigns/${mine}/report`, { token: tokenA })).statusCode,
      200,
      'creator A reads their own',
    );
    assert.deepEqual(
      (await s.call('GET', '/api/v1/creator/ads/campaigns', { token: tokenA }))
        .json()
        .items.map((c: { id: string }) => c.id),
      [mine],
      'creator A lists only their own',
    );
    assertError(
      await s.call('GET', '/api/v1/creator/ads/account', { token: t.buyer.token }),
      403,
      'FORBIDDEN',
      'a shopper has no creator ad account',
    );
    assertError(await s.call('GET', '/api/v1/creator/ads/account', {}), 401, 'UNAUTHENTICATED', 'anonymous');
  });

  it('admin-only routes answer 403 FORBIDDEN to everyone but admins', async () => {
    // An escalated after-sales case on order B for the arbitration route.
    const escalated = await fileCase(s.core.ctx, t.buyer.actor, t.orderB.id, {
      type: 'refund_only',
      orderLineId: t.orderB.lineIds[0]!,
      reasonCode: 'missing',
    });
    await actOnCase(s.core.ctx, t.ownerB.actor, escalated, { action: 'reject', reason: '已核实发货' });
    await actOnCase(s.core.ctx, t.buyer.actor, escalated, { action: 'escalate' });
    const bodies: Record<string, [string, unknown]> = {
      'POST /api/v1/admin/categories': [
        '/api/v1/admin/categories',
        { name: '新类目', shipByHours: 24, perishable: false, feeRateBp: 100 },
      ],
      'PUT /api/v1/admin/categories/{categoryId}': [
        `/api/v1/admin/categories/${t.a.categoryId}`,
        { name: '改名类目', shipByHours: 72, perishable: false, feeRateBp: 300 },
      ],
      'GET /api/v1/admin/users': ['/api/v1/admin/users?login=buyer', undefined],
      'GET /api/v1/admin/shops': ['/api/v1/admin/shops', undefined],
      'GET /api/v1/admin/rules/categories': ['/api/v1/admin/rules/categories', undefined],
      'GET /api/v1/admin/categories/{categoryId}/rules': [
        `/api/v1/admin/categories/${t.a.categoryId}/rules`,
        undefined,
      ],
      'PATCH /api/v1/admin/categories/{categoryId}/rules': [
        `/api/v1/admin/categories/${t.a.categoryId}/rules`,
        { shipByHours: 24 },
      ],
      'GET /api/v1/admin/timers': ['/api/v1/admin/timers', undefined],
      'PUT /api/v1/admin/users/{userId}/roles/{role}': [
        `/api/v1/admin/users/${t.otherBuyer.actor.userId}/roles/creator`,
        undefined,
      ],
      'DELETE /api/v1/admin/users/{userId}/roles/{role}': [
        `/api/v1/admin/users/${t.otherBuyer.actor.userId}/roles/creator`,
        undefined,
      ],
      'GET /api/v1/admin/aftersales': ['/api/v1/admin/aftersales', undefined],
      'GET /api/v1/admin/aftersales/{caseId}/conversation': [
        `/api/v1/admin/aftersales/${escalated}/conversation`,
        undefined,
      ],
      'POST /api/v1/admin/aftersales/{caseId}/arbitrate': [
        `/api/v1/admin/aftersales/${escalated}/arbitrate`,
        { decision: 'reject', reason: '证据不足' },
      ],
      'GET /api/v1/admin/recsys/models': ['/api/v1/admin/recsys/models', undefined],
      'POST /api/v1/admin/recsys/retrain': ['/api/v1/admin/recsys/retrain', undefined],
    };
    const doc = (await s.call('GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const adminOps = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags?.includes('admin'))
        .map(([m]) => `${m.toUpperCase()} ${path}`),
    );
    assert.deepEqual(
      adminOps.sort(),
      Object.keys(bodies).sort(),
      'every admin route in the OpenAPI document has a request here',
    );

    const categories = () => s.core.ctx.db.selectFrom('categories').selectAll().orderBy('id').execute();
    const roles = () =>
      s.core.ctx.db.selectFrom('user_roles').select(['user_id', 'role']).orderBy('user_id').orderBy('role').execute();
    const before = await categories();
    const rolesBefore = await roles();
    for (const [label, [url, body]] of Object.entries(bodies)) {
      const method = label.split(' ')[0] as Method;
      for (const [who, token] of [
        ['shopper', t.otherBuyer.token],
        ['owner', t.ownerA.token],
        ['staff', t.staffA.token],
      ] as const) {
        assertError(await s.call(method, url, { token, body }), 403, 'FORBIDDEN', `${who}: ${label}`);
      }
      assertError(await s.call(method, url, { body }), 401, 'UNAUTHENTICATED', `anonymous: ${label}`);
    }
    assert.deepEqual(await categories(), before, 'refused admin requests changed no category');
    assert.deepEqual(await roles(), rolesBefore, 'refused admin requests changed no role');
    for (const [label, [url, body]] of Object.entries(bodies)) {
      const res = await s.call(label.split(' ')[0] as Method, url, { token: t.admin.token, body });
      assert.ok([200, 201, 202, 204].includes(res.statusCode), `admin: ${label}: ${res.statusCode} ${res.body}`);
    }
  });
});

describe('cookie sessions', () => {
  let s: TestServer;
  let t: Tenants;

  before(async () => {
    s = await startTestServer();
    t = await makeTenants(s);
  });
  after(async () => {
    await s.close();
  });

  const address = {
    name: '王五',
    phone: '13700003333',
    province: '北京市',
    city: '北京市',
    district: '朝阳区',
    detail: '建国路 1 号',
  };
  const addressCount = async () =>
    (await s.core.ctx.db.selectFrom('addresses').select('id').where('user_id', '=', t.buyer.actor.userId).execute())
      .length;

  async function logIn(): Promise<{ cookie: string; csrf: string; setCookie: string }> {
    const res = await s.call('POST', '/api/v1/auth/login', { body: { login: 'buyer-one', password: TEST_PASSWORD } });
    assert.equal(res.statusCode, 200, res.body);
    const setCookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('zc_session='));
    assert.ok(setCookie, `a zc_session cookie is set: ${JSON.stringify(res.headers['set-cookie'])}`);
    const body = res.json() as { csrfToken?: string; token?: string };
    assert.equal(typeof body.csrfToken, 'string');
    assert.equal(body.token, undefined, 'the session token is never in the body of a cookie login');
    return { cookie: setCookie.split(';')[0]!, csrf: body.csrfToken!, setCookie };
  }

  it('login sets an httpOnly SameSite=Lax cookie; mutations need the x-csrf-token header; logout revokes the session', async () => {
    const { cookie, csrf, setCookie } = await logIn();
    const attrs = setCookie.split(';').map((a) => a.trim().toLowerCase());
    assert.ok(attrs.includes('httponly'), setCookie);
    assert.ok(attrs.includes('samesite=lax'), setCookie);
    assert.ok(attrs.includes('path=/'), setCookie);

    const me = await s.call('GET', '/api/v1/me', { headers: { cookie } });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().user.login, 'buyer-one');
    assert.equal(me.json().csrfToken, csrf, 'GET /api/v1/me gives the same CSRF token');

    const count = await addressCount();
    assertError(
      await s.call('POST', '/api/v1/me/addresses', { headers: { cookie }, body: address }),
      403,
      'CSRF_TOKEN_INVALID',
      'cookie without the CSRF header',
    );
    assertError(
      await s.call('POST', '/api/v1/me/addresses', { headers: { cookie, 'x-csrf-token': `${csrf}x` }, body: address }),
      403,
      'CSRF_TOKEN_INVALID',
      'cookie with a wrong CSRF token',
    );
    assertError(
      await s.call('PUT', '/api/v1/cart/items', { headers: { cookie }, body: { skuId: t.a.skuIds[0], quantity: 1 } }),
      403,
      'CSRF_TOKEN_INVALID',
      'cart without the CSRF header',
    );
    assert.equal(await addressCount(), count, 'refused mutations wrote nothing');

    const added = await s.call('POST', '/api/v1/me/addresses', {
      headers: { cookie, 'x-csrf-token': csrf },
      body: address,
    });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(await addressCount(), count + 1);

    assertError(
      await s.call('POST', '/api/v1/auth/logout', { headers: { cookie } }),
      403,
      'CSRF_TOKEN_INVALID',
      'logout without the CSRF header',
    );
    assert.equal(
      (await s.call('GET', '/api/v1/me', { headers: { cookie } })).statusCode,
      200,
      'a refused logout leaves the session alive',
    );

    const out = await s.call('POST', '/api/v1/auth/logout', { headers: { cookie, 'x-csrf-token': csrf } });
    assert.equal(out.statusCode, 204, out.body);
    const cleared = [out.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('zc_session='));
    assert.ok(cleared && /expires=thu, 01 jan 1970/i.test(cleared), `logout clears the cookie: ${cleared}`);

    assertError(
      await s.call('GET', '/api/v1/me', { headers: { cookie } }),
      401,
      'UNAUTHENTICATED',
      'the old cookie after logout',
    );
    assertError(
      await s.call('POST', '/api/v1/me/addresses', { headers: { cookie, 'x-csrf-token': csrf }, body: address }),
      401,
      'UNAUTHENTICATED',
      'a mutation with the old cookie',
    );
    assert.equal(await addressCount(), count + 1);
  });

  it('a cookie session still needs the CSRF token when some other Authorization header comes along', async () => {
    const { cookie, csrf } = await logIn();
    const count = await addressCount();
    for (const authorization of ['Basic YnV5ZXItb25lOnBhc3N3b3Jk', 'Token abc', 'bearer lowercase-scheme']) {
      const res = await s.call('POST', '/api/v1/me/addresses', { headers: { cookie, authorization }, body: address });
      assert.ok(res.statusCode === 403 || res.statusCode === 401, `${authorization}: ${res.statusCode} ${res.body}`);
    }
    assert.equal(await addressCount(), count, 'nothing was written without the CSRF token');
    const ok = await s.call('POST', '/api/v1/me/addresses', {
      headers: { cookie, 'x-csrf-token': csrf },
      body: address,
    });
    assert.equal(ok.statusCode, 201, ok.body);
  });
});
