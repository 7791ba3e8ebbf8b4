import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadActor } from '@zhongcao/core';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';

test('favourites over HTTP: scoped to the person, idempotent, paged, counted on the product', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'fav-http');
    const ann = await s.tokenFor((await makePerson(s.core, 'fav-http-ann')).userId);
    const bob = await s.tokenFor((await makePerson(s.core, 'fav-http-bob')).userId);
    const url = `/api/v1/me/favourites/${shop.productId}`;

    assert.equal((await s.call('PUT', url)).statusCode, 401);
    for (let i = 0; i < 2; i++) {
      const put = await s.call('PUT', url, { token: ann });
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual(put.json(), { productId: shop.productId, favourited: true, favourites: 1 });
    }
    assert.deepEqual((await s.call('GET', url, { token: bob })).json(), {
      productId: shop.productId,
      favourited: false,
      favourites: 1,
    });
    assert.equal((await s.call('GET', `/api/v1/products/${shop.productId}`)).json().favourites, 1);
    const list = (await s.call('GET', '/api/v1/me/favourites?limit=10', { token: ann })).json();
    assert.deepEqual(
      list.items.map((x: { product: { id: string } }) => x.product.id),
      [shop.productId],
    );
    assert.equal(list.nextCursor, null);
    assert.deepEqual((await s.call('GET', '/api/v1/me/favourites', { token: bob })).json().items, []);

    assert.equal(
      (await s.call('DELETE', url, { token: bob })).json().favourites,
      1,
      'removing what is not there changes nothing',
    );
    assert.deepEqual((await s.call('DELETE', url, { token: ann })).json(), {
      productId: shop.productId,
      favourited: false,
      favourites: 0,
    });
    assert.equal(
      (await s.call('PUT', '/api/v1/me/favourites/prd_01aaaaaaaaaaaaaaaaaaaaaaaa', { token: ann })).json().error.code,
      'NOT_FOUND',
    );
    assert.equal((await s.call('PUT', '/api/v1/me/favourites/not-an-id', { token: ann })).statusCode, 400);
    assert.equal(
      (await s.call('GET', '/api/v1/me/favourites?cursor=zzz', { token: ann })).json().error.code,
      'INVALID_CURSOR',
    );
    assert.equal((await s.call('GET', '/api/v1/me/favourites?limit=500', { token: ann })).statusCode, 400);
  } finally {
    await s.close();
  }
});

test('the coupon wallet over HTTP: the room shows what I hold, the wallet lists it by tab', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'wal-http');
    const hostToken = await s.tokenFor((await loadActor(s.core.ctx.db, shop.owner.userId)).userId);
    const roomId = (
      await s.call('POST', '/api/v1/live/rooms', { token: hostToken, body: { title: '橙子专场', shopId: shop.shopId } })
    ).json().id as string;
    await s.call('POST', `/api/v1/live/rooms/${roomId}/open`, { token: hostToken });
    await s.call('POST', `/api/v1/live/rooms/${roomId}/bag`, { token: hostToken, body: { productId: shop.productId } });
    const coupon = (
      await s.call('POST', `/api/v1/live/rooms/${roomId}/coupons`, {
        token: hostToken,
        body: { amountFen: 500, minSpendFen: 2000, quantity: 5 },
      })
    ).json();
    const buyer = await s.tokenFor((await makePerson(s.core, 'wal-http-buyer')).userId);

    assert.deepEqual((await s.call('GET', `/api/v1/live/rooms/${roomId}/claimed-coupons`, { token: buyer })).json(), {
      couponIds: [],
    });
    assert.equal((await s.call('POST', `/api/v1/live/coupons/${coupon.id}/claim`, { token: buyer })).statusCode, 200);
    assert.deepEqual((await s.call('GET', `/api/v1/live/rooms/${roomId}/claimed-coupons`, { token: buyer })).json(), {
      couponIds: [coupon.id],
    });
    assert.equal((await s.call('GET', `/api/v1/live/rooms/${roomId}/claimed-coupons`)).statusCode, 401);
    assert.equal(
      (
        await s.call('GET', '/api/v1/live/rooms/lvr_01aaaaaaaaaaaaaaaaaaaaaaaa/claimed-coupons', { token: buyer })
      ).json().error.code,
      'ROOM_NOT_FOUND',
    );

    const usable = (await s.call('GET', '/api/v1/me/coupons?tab=usable', { token: buyer })).json();
    assert.equal(usable.items.length, 1);
    assert.deepEqual(
      [
        usable.items[0].amountFen,
        usable.items[0].minSpendFen,
        usable.items[0].scope.productCount,
        usable.items[0].scope.host.name,
      ],
      [500, 2000, 1, 'wal-http 的店'],
    );
    assert.deepEqual((await s.call('GET', '/api/v1/me/coupons?tab=used', { token: buyer })).json().items, []);
    assert.equal((await s.call('GET', '/api/v1/me/coupons?tab=mine', { token: buyer })).statusCode, 400);
    assert.equal((await s.call('GET', '/api/v1/me/coupons', { token: buyer })).statusCode, 400, 'the tab is required');
    assert.equal((await s.call('GET', '/api/v1/me/coupons?tab=usable')).statusCode, 401);
  } finally {
    await s.close();
  }
});

test('the cart over HTTP: tick lines, count them, check out the ticked ones; the cashier returns to the order once paid', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'cart-http', 10);
    const token = await s.tokenFor((await makePerson(s.core, 'cart-http-buyer')).userId);
    for (const skuId of shop.skuIds)
      assert.equal(
        (await s.call('PUT', '/api/v1/cart/items', { token, body: { skuId, quantity: 1 } })).statusCode,
        200,
      );
    assert.deepEqual((await s.call('GET', '/api/v1/cart/count', { token })).json(), { count: 2 });

    const ticked = await s.call('PUT', '/api/v1/cart/selection', {
      token,
      body: { skuIds: [shop.skuIds[0]], selected: false },
    });
    assert.equal(ticked.statusCode, 200, ticked.body);
    assert.deepEqual([ticked.json().totalFen, ticked.json().selectedQuantity, ticked.json().count], [4990, 1, 2]);
    assert.equal(
      (await s.call('PUT', '/api/v1/cart/selection', { token, body: { skuIds: ['x'], selected: true } })).statusCode,
      400,
    );
    assert.equal(
      (
        await s.call('PUT', '/api/v1/cart/selection', {
          token,
          body: { skuIds: ['sku_01aaaaaaaaaaaaaaaaaaaaaaaa'], selected: true },
        })
      ).json().error.code,
      'NOT_FOUND',
      'a SKU not in the cart',
    );
    assert.equal((await s.call('PUT', '/api/v1/cart/selection', { token, body: { selected: 'yes' } })).statusCode, 400);

    const placed = await s.call('POST', '/api/v1/checkout', {
      token,
      headers: { 'idempotency-key': 'cart-http-0001' },
      body: {},
    });
    assert.equal(placed.statusCode, 201, placed.body);
    const order = placed.json().orders[0];
    assert.equal(order.itemsFen, 4990);
    assert.deepEqual(
      (await s.call('GET', '/api/v1/cart', { token })).json().items.map((i: { skuId: string }) => i.skuId),
      [shop.skuIds[0]],
    );
    assert.deepEqual((await s.call('GET', '/api/v1/cart/count', { token })).json(), { count: 1 });

    // The cashier: unpaid it offers 返回商城; paid it goes back to the order by itself.
    const txnId = String(
      (await s.call('GET', `/api/v1/payments/${placed.json().payment.id}/cashier`, { token })).headers.location,
    )
      .split('/')
      .pop()!;
    const before = await s.call('GET', `/sandbox/cashier/${txnId}`);
    assert.doesNotMatch(before.body, /location\.replace/);
    await s.app.inject({
      method: 'POST',
      url: `/sandbox/cashier/${txnId}`,
      payload: 'outcome=paid',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const after = await s.call('GET', `/sandbox/cashier/${txnId}`);
    assert.match(after.body, new RegExp(`id="back" href="/app/orders/${order.id}\\?from=cashier"`));
    assert.match(after.body, /location\.replace/);

    // Orders of two shops paid at once: the cashier returns to the list, which follows the payment.
    const other = await makeShop(s.core, 'cart-http-other', 10);
    await s.call('PUT', '/api/v1/cart/items', { token, body: { skuId: other.skuIds[0], quantity: 1 } });
    assert.equal(
      (await s.call('PUT', '/api/v1/cart/selection', { token, body: { selected: true } })).json().selectedQuantity,
      2,
      'tick all',
    );
    const both = (
      await s.call('POST', '/api/v1/checkout', { token, headers: { 'idempotency-key': 'cart-http-0002' }, body: {} })
    ).json();
    assert.equal(both.orders.length, 2);
    const txn2 = String(
      (await s.call('GET', `/api/v1/payments/${both.payment.id}/cashier`, { token })).headers.location,
    )
      .split('/')
      .pop()!;
    await s.app.inject({
      method: 'POST',
      url: `/sandbox/cashier/${txn2}`,
      payload: 'outcome=paid',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.match(
      (await s.call('GET', `/sandbox/cashier/${txn2}`)).body,
      new RegExp(`id="back" href="/app/orders\\?from=cashier&#38;payment=${both.payment.id}"`),
    );
    await s.deliverNotifications();
    assert.equal((await s.call('GET', `/api/v1/payments/${both.payment.id}`, { token })).json().status, 'succeeded');
  } finally {
    await s.close();
  }
});
