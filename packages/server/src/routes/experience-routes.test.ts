import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { dailyExperienceScoring, defaultWeights, shanghaiDay } from '@zhongcao/core';
import { startTestServer } from '../test-support/server-harness.js';

test('the experience score over HTTP: the merchant sees their own shop (not enough orders yet), recomputes at most every few minutes; admins list and set weights; bad weights are refused', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-xp-shop');
    const other = await makeShop(s.core, 'http-xp-other');
    const adminP = await makePerson(s.core, 'http-xp-admin', ['admin'], false);
    const admin = await s.tokenFor(adminP.userId);
    const merchant = await s.tokenFor(shop.owner.userId);
    const otherMerchant = await s.tokenFor(other.owner.userId);
    const err = (res: { statusCode: number; json(): { error: { code: string } } }) =>
      `${res.statusCode} ${res.json().error.code}`;

    const before = await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/experience`, { token: merchant });
    assert.deepEqual([before.statusCode, before.json().status, before.json().day], [200, 'not_computed', null]);
    const computed = await s.call('POST', `/api/v1/merchant/shops/${shop.shopId}/experience/recompute`, {
      token: merchant,
    });
    assert.equal(computed.statusCode, 200);
    assert.deepEqual(
      [
        computed.json().status,
        computed.json().total,
        computed.json().orders,
        computed.json().minOrders,
        computed.json().day,
      ],
      ['not_enough_orders', null, 0, 30, shanghaiDay(s.core.clock.now())],
    );
    assert.equal(
      err(await s.call('POST', `/api/v1/merchant/shops/${shop.shopId}/experience/recompute`, { token: merchant })),
      '429 EXPERIENCE_RECOMPUTE_TOO_SOON',
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/experience`, { token: otherMerchant })),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(await s.call('GET', '/api/v1/merchant/shops/nope/experience', { token: merchant })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(err(await s.call('GET', '/api/v1/admin/experience', { token: merchant })), '403 FORBIDDEN');

    const all = await s.call('POST', '/api/v1/admin/experience/recompute', { token: admin });
    assert.deepEqual([all.statusCode, all.json().shops], [200, 2]);
    const list = await s.call('GET', '/api/v1/admin/experience', { token: admin });
    assert.equal(list.json().items.length, 2);

    const w = defaultWeights();
    const url = `/api/v1/admin/experience/weights/${shop.categoryId}`;
    assert.equal((await s.call('GET', url, { token: admin })).json().custom, false);
    assert.equal(
      err(await s.call('PUT', url, { token: admin, body: { ...w, dimensions: { ...w.dimensions, product: 2 } } })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(await s.call('PUT', url, { token: admin, body: { ...w, dimensions: { ...w.dimensions, speed: 1 } } })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(
        await s.call('PUT', url, {
          token: admin,
          body: { ...w, dimensions: { product: 0, logistics: 0, service: 0 } },
        }),
      ),
      '400 EXPERIENCE_WEIGHTS_INVALID',
    );
    assert.equal(err(await s.call('PUT', url, { token: merchant, body: w })), '403 FORBIDDEN');
    assert.equal(
      err(
        await s.call('PUT', '/api/v1/admin/experience/weights/cat_00000000000000000000000000', {
          token: admin,
          body: w,
        }),
      ),
      '404 NOT_FOUND',
    );
    const saved = await s.call('PUT', url, {
      token: admin,
      body: { ...w, dimensions: { product: 0.5, logistics: 0.25, service: 0.25 } },
    });
    assert.deepEqual(
      [saved.statusCode, saved.json().custom, saved.json().weights.dimensions.product],
      [200, true, 0.5],
    );
  } finally {
    await s.close();
  }
});

test('right after a start the score is read by the request, not computed on its path; the background round computes the day, and the answers name it', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-xp-daily');
    const adminP = await makePerson(s.core, 'http-xp-daily-admin', ['admin'], false);
    const merchant = await s.tokenFor(shop.owner.userId);
    const admin = await s.tokenFor(adminP.userId);
    const url = `/api/v1/merchant/shops/${shop.shopId}/experience`;

    const first = await s.call('GET', url, { token: merchant });
    assert.deepEqual([first.statusCode, first.json().status, first.json().day], [200, 'not_computed', null]);
    assert.deepEqual((await s.call('GET', '/api/v1/admin/experience', { token: admin })).json().items, []);
    assert.deepEqual(await s.core.ctx.db.selectFrom('experience_scores').select('shop_id').execute(), []);
    assert.equal(dailyExperienceScoring(s.core.ctx).runs, 0, 'no computation ran');

    await s.core.tick(); // the background loop's round (the worker role's, in scaled mode)
    const today = shanghaiDay(s.core.clock.now());
    const after = await s.call('GET', url, { token: merchant });
    assert.deepEqual([after.json().status, after.json().day], ['not_enough_orders', today]);
    const list = (await s.call('GET', '/api/v1/admin/experience', { token: admin })).json().items as Array<{
      shopId: string;
      day: string;
    }>;
    assert.deepEqual(
      list.map((i) => [i.shopId, i.day]),
      [[shop.shopId, today]],
    );
    assert.equal(dailyExperienceScoring(s.core.ctx).runs, 1);
  } finally {
    await s.close();
  }
});
