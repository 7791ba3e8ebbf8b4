import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeShop } from '@zhongcao/core/test-support';
import { newId } from '@zhongcao/core';
import { startTestServer } from '../test-support/server-harness.js';

test('paid traffic over HTTP: top-up through the signed notification route, stable 4xx codes for bad campaigns, impressions and clicks, the admin page is for admins', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-ads-shop');
    const other = await makeShop(s.core, 'http-ads-other');
    const merchant = await s.tokenFor(shop.owner.userId);
    const otherMerchant = await s.tokenFor(other.owner.userId);
    const err = (res: { statusCode: number; json(): { error: { code: string } } }) => `${res.statusCode} ${res.json().error.code}`;
    const base = `/api/v1/merchant/shops/${shop.shopId}/ads`;

    const started = await s.call('POST', `${base}/topups`, { token: merchant, body: { amountFen: 300_00 } });
    assert.equal(started.statusCode, 200);
    await s.core.sandbox.complete(started.json().cashierUrl.split('/').pop(), 'paid');
    await s.deliverNotifications();
    assert.equal((await s.call('GET', `${base}/account`, { token: merchant })).json().balanceFen, 300_00);
    assert.equal(err(await s.call('GET', `${base}/account`, { token: otherMerchant })), '404 NOT_FOUND');
    assert.equal(err(await s.call('POST', `${base}/topups`, { token: merchant, body: { amountFen: 1 } })), '400 AD_AMOUNT_INVALID');
    assert.equal(err(await s.call('POST', `${base}/withdraw`, { token: merchant, body: { amountFen: 1_000_00 } })), '409 AD_BALANCE_INSUFFICIENT');
    const forged = s.signedNotification({ eventId: 'x1', kind: 'payment.succeeded', merchantRef: 'adt_00000000000000000000000000', txnId: 'sbx_00000000000000000000000000', amountFen: 100, at: s.core.clock.now() });
    const bad = await s.app.inject({ method: 'POST', url: '/api/v1/ads/topups/notify/sandbox', payload: forged.payload, headers: forged.headers });
    assert.equal(err(bad), '400 UNKNOWN_TOPUP');
    const unsigned = await s.app.inject({ method: 'POST', url: '/api/v1/ads/topups/notify/sandbox', payload: forged.payload, headers: { 'content-type': 'application/json' } });
    assert.equal(unsigned.statusCode >= 400 && unsigned.statusCode < 500, true);

    const now = s.core.clock.now();
    const [videoId] = [newId('video', now)];
    await s.core.ctx.db.insertInto('videos').values({ id: videoId!, owner_id: shop.owner.userId, host_kind: 'shop', shop_id: shop.shopId, title: '橙子', caption: '现摘', hashtags: '[]', status: 'published', file_name: 'x.mp4', content_type: 'video/mp4', bytes: 1, duration_ms: 1000, poster_file: null, views: 0, likes: 0, comments: 0, shares: 0, completions: 0, created_at: now, published_at: now, updated_at: now }).execute();
    await s.core.ctx.db.insertInto('video_anchors').values({ video_id: videoId!, product_id: shop.productId, position: 0 }).execute();
    const body = { name: '推广', promote: 'video', videoId, goal: 'orders', bidKind: 'cost_cap', costCapFen: 3000, dailyBudgetFen: 300_00, pacing: 'even' };
    assert.equal((await s.call('GET', `${base}/creatives`, { token: merchant })).json().items[0].videoId, videoId);
    assert.equal(err(await s.call('POST', `${base}/campaigns`, { token: merchant, body: { ...body, dailyBudgetFen: 10 } })), '400 AD_BUDGET_INVALID');
    assert.equal(err(await s.call('POST', `${base}/campaigns`, { token: merchant, body: { ...body, costCapFen: 5 } })), '400 AD_BID_INVALID');
    assert.equal(err(await s.call('POST', `${base}/campaigns`, { token: merchant, body: { ...body, schedule: 'zz' } })), '400 AD_SCHEDULE_INVALID');
    assert.equal(err(await s.call('POST', `${base}/campaigns`, { token: merchant, body: { ...body, pacing: 'slow' } })), '400 VALIDATION_FAILED');
    assert.equal(err(await s.call('POST', `/api/v1/merchant/shops/${other.shopId}/ads/campaigns`, { token: otherMerchant, body })), '400 AD_CREATIVE_INVALID');
    const created = await s.call('POST', `${base}/campaigns`, { token: merchant, body });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    assert.equal((await s.call('POST', `/api/v1/merchant/ads/campaigns/${id}/status`, { token: merchant, body: { status: 'paused' } })).json().status, 'paused');
    assert.equal(err(await s.call('GET', `/api/v1/merchant/ads/campaigns/${id}/report`, { token: otherMerchant })), '404 NOT_FOUND');
    assert.equal((await s.call('GET', `/api/v1/merchant/ads/campaigns/${id}/report`, { token: merchant })).json().total.impressions, 0);

    const unknown = newId('adServe', now);
    // Impressions and clicks of ads never served to this viewer: forged, answered as if they did not exist.
    assert.equal(err(await s.call('POST', '/api/v1/ads/impressions', { body: { impressionIds: [unknown] }, headers: { 'x-viewer-id': 'viewer-123456' } })), '404 NOT_FOUND');
    assert.equal(err(await s.call('POST', '/api/v1/ads/impressions', { body: { impressionIds: [unknown] } })), '401 UNAUTHENTICATED');
    assert.equal(err(await s.call('POST', '/api/v1/ads/clicks', { body: { impressionId: unknown }, headers: { 'x-viewer-id': 'viewer-123456' } })), '404 NOT_FOUND');
    assert.equal(err(await s.call('POST', '/api/v1/ads/entries', { body: { impressionId: unknown }, headers: { 'x-viewer-id': 'viewer-123456' } })), '404 NOT_FOUND');
    assert.equal(err(await s.call('POST', '/api/v1/ads/entries', { body: { impressionId: 'nope' }, headers: { 'x-viewer-id': 'viewer-123456' } })), '400 VALIDATION_FAILED');
    assert.equal(err(await s.call('GET', '/api/v1/admin/ads', { token: merchant })), '403 FORBIDDEN');
  } finally {
    await s.close();
  }
});
