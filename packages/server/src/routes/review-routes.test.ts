import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';
import { multipartBody, placePaidOrder, TINY_PNG } from '../test-support/tenants.js';

test('reviews over HTTP: a buyer reviews a completed line with a photo, the product shows it first; follow-up, reply and the 4xx codes, nothing half-written', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-rv-shop', 20);
    const owner = await s.tokenFor(shop.owner.userId);
    const buyer = await s.tokenFor((await makePerson(s.core, 'http-rv-buyer')).userId);
    const stranger = await s.tokenFor((await makePerson(s.core, 'http-rv-stranger')).userId);
    const err = (res: { statusCode: number; json(): { error: { code: string } } }) =>
      `${res.statusCode} ${res.json().error.code}`;
    const upload = (token: string | undefined, bytes: Buffer, contentType = 'image/png') => {
      const body = multipartBody({ bytes, contentType, name: 'p.png' });
      return s.app.inject({
        method: 'POST',
        url: '/api/v1/reviews/photos',
        payload: body.payload,
        headers: { ...body.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
    };

    const order = await placePaidOrder(s, buyer, shop.skuIds[0]!);
    const lineId = order.lineIds[0]!;
    const review = {
      orderLineId: lineId,
      productStars: 5,
      logisticsStars: 4,
      serviceStars: 5,
      text: '橙子很甜，包装完好',
    };
    // Not completed yet.
    assert.equal(
      err(await s.call('POST', '/api/v1/reviews', { token: buyer, body: review })),
      '422 ORDER_NOT_COMPLETED',
    );
    assert.equal(
      (
        await s.call('POST', `/api/v1/merchant/orders/${order.id}/ship`, {
          token: owner,
          body: { parcels: [{ carrier: '顺丰速运', trackingNo: 'SF1234567890' }] },
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (await s.call('POST', `/api/v1/orders/${order.id}/confirm-receipt`, { token: buyer })).statusCode,
      200,
    );

    const states = await s.call('GET', `/api/v1/orders/${order.id}/reviews`, { token: buyer });
    assert.equal(states.json().lines[0].canReview, true);
    assert.equal(err(await s.call('GET', `/api/v1/orders/${order.id}/reviews`, { token: stranger })), '404 NOT_FOUND');

    assert.equal(err(await upload(undefined, TINY_PNG)), '401 UNAUTHENTICATED');
    assert.equal(err(await upload(buyer, Buffer.from('not an image'), 'image/png')), '415 UNSUPPORTED_FILE_TYPE');
    const pic = await upload(buyer, TINY_PNG);
    assert.equal(pic.statusCode, 201);
    const photoId = pic.json().id as string;

    // Bad input: 400 with nothing written.
    for (const body of [
      { ...review, productStars: 0 },
      { ...review, productStars: '5' },
      { ...review, serviceStars: 6 },
      { ...review, text: 'x'.repeat(501) },
      { ...review, photoIds: Array.from({ length: 7 }, () => photoId) },
      { ...review, extra: true },
      { ...review, orderLineId: 'oln_x' },
    ])
      assert.equal(
        err(await s.call('POST', '/api/v1/reviews', { token: buyer, body })),
        '400 VALIDATION_FAILED',
        JSON.stringify(body).slice(0, 80),
      );
    assert.equal(
      err(await s.call('POST', '/api/v1/reviews', { token: buyer, body: { ...review, photoIds: [photoId, photoId] } })),
      '400 INVALID_INPUT',
    );
    const rejected = await s.call('POST', '/api/v1/reviews', {
      token: buyer,
      body: { ...review, text: '想要便宜点的加微信聊' },
    });
    assert.equal(err(rejected), '422 CONTENT_REJECTED');
    assert.ok(rejected.json().error.details.hits.some((h: { class: string }) => h.class === 'diversion'));
    assert.equal(err(await s.call('POST', '/api/v1/reviews', { token: stranger, body: review })), '404 NOT_FOUND');
    assert.equal(err(await s.call('POST', '/api/v1/reviews', { body: review })), '401 UNAUTHENTICATED');
    assert.equal((await s.call('GET', `/api/v1/products/${shop.productId}/reviews`)).json().summary.count, 0);

    const created = await s.call('POST', '/api/v1/reviews', { token: buyer, body: { ...review, photoIds: [photoId] } });
    assert.equal(created.statusCode, 201, created.body);
    const reviewId = created.json().id as string;
    assert.equal(err(await s.call('POST', '/api/v1/reviews', { token: buyer, body: review })), '409 REVIEW_EXISTS');

    const page = await s.call('GET', `/api/v1/products/${shop.productId}/reviews?filter=photos`);
    assert.equal(page.statusCode, 200);
    const body = page.json();
    assert.deepEqual([body.summary.count, body.summary.rating, body.summary.goodPercent], [1, 5, 100]);
    assert.equal(body.items[0].id, reviewId);
    assert.equal(body.items[0].photos.length, 1);
    assert.equal(
      (await s.app.inject({ method: 'GET', url: body.items[0].photos[0] })).statusCode,
      200,
      'the photo is served',
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/products/${shop.productId}/reviews?filter=great`)),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/products/${shop.productId}/reviews?cursor=abc`)),
      '400 VALIDATION_FAILED',
    );
    assert.equal(err(await s.call('GET', '/api/v1/products/prd_00000000000000000000000000/reviews')), '404 NOT_FOUND');

    assert.equal(
      err(await s.call('POST', `/api/v1/reviews/${reviewId}/followup`, { token: stranger, body: { text: '追评' } })),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(await s.call('POST', `/api/v1/reviews/${reviewId}/followup`, { token: buyer, body: { text: '' } })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      (
        await s.call('POST', `/api/v1/reviews/${reviewId}/followup`, {
          token: buyer,
          body: { text: '吃完了，每个都甜' },
        })
      ).statusCode,
      200,
    );
    assert.equal(
      err(await s.call('POST', `/api/v1/reviews/${reviewId}/followup`, { token: buyer, body: { text: '再追一次' } })),
      '409 FOLLOWUP_EXISTS',
    );

    assert.equal(
      err(await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/reviews`, { token: buyer })),
      '404 NOT_FOUND',
    );
    const listed = await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/reviews?stars=5&replied=false`, {
      token: owner,
    });
    assert.equal(listed.statusCode, 200);
    assert.deepEqual(
      listed.json().items.map((r: { id: string }) => r.id),
      [reviewId],
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/reviews?stars=9`, { token: owner })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(
        await s.call('POST', `/api/v1/merchant/reviews/${reviewId}/reply`, { token: stranger, body: { text: '谢谢' } }),
      ),
      '404 NOT_FOUND',
    );
    const replied = await s.call('POST', `/api/v1/merchant/reviews/${reviewId}/reply`, {
      token: owner,
      body: { text: '感谢支持，欢迎再来' },
    });
    assert.equal(replied.statusCode, 200, replied.body);
    assert.equal(
      err(
        await s.call('POST', `/api/v1/merchant/reviews/${reviewId}/reply`, {
          token: owner,
          body: { text: '再回一次' },
        }),
      ),
      '409 REPLY_EXISTS',
    );

    const mine = await s.call('GET', '/api/v1/me/reviews', { token: buyer });
    assert.equal(mine.json().items[0].reply.text, '感谢支持，欢迎再来');
    assert.equal(mine.json().items[0].followUp.text, '吃完了，每个都甜');

    // Past the 15 days: 422, nothing written.
    const late = await placePaidOrder(s, buyer, shop.skuIds[1]!);
    await s.call('POST', `/api/v1/merchant/orders/${late.id}/ship`, {
      token: owner,
      body: { parcels: [{ carrier: '顺丰速运', trackingNo: 'SF1234567891' }] },
    });
    await s.call('POST', `/api/v1/orders/${late.id}/confirm-receipt`, { token: buyer });
    s.core.clock.advance(15 * 24 * 3600 * 1000 + 1);
    assert.equal(
      err(await s.call('POST', '/api/v1/reviews', { token: buyer, body: { ...review, orderLineId: late.lineIds[0] } })),
      '422 REVIEW_WINDOW_CLOSED',
    );
    assert.equal((await s.call('GET', `/api/v1/products/${shop.productId}/reviews`)).json().summary.count, 1);
  } finally {
    await s.close();
  }
});
