import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { accountId, balanceOf, checkLedger, newId } from '@zhongcao/core';
import { startTestServer } from '../test-support/server-harness.js';

test('paid traffic over HTTP: top-up through the signed notification route, stable 4xx codes for bad campaigns, impressions and clicks, the admin page is for admins', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-ads-shop');
    const other = await makeShop(s.core, 'http-ads-other');
    const merchant = await s.tokenFor(shop.owner.userId);
    const otherMerchant = await s.tokenFor(other.owner.userId);
    const err = (res: { statusCode: number; json(): { error: { code: string } } }) =>
      `${res.statusCode} ${res.json().error.code}`;
    const base = `/api/v1/merchant/shops/${shop.shopId}/ads`;

    const started = await s.call('POST', `${base}/topups`, { token: merchant, body: { amountFen: 300_00 } });
    assert.equal(started.statusCode, 200);
    await s.core.sandbox.complete(started.json().cashierUrl.split('/').pop(), 'paid');
    await s.deliverNotifications();
    assert.equal((await s.call('GET', `${base}/account`, { token: merchant })).json().balanceFen, 300_00);
    assert.equal(err(await s.call('GET', `${base}/account`, { token: otherMerchant })), '404 NOT_FOUND');
    assert.equal(
      err(await s.call('POST', `${base}/topups`, { token: merchant, body: { amountFen: 1 } })),
      '400 AD_AMOUNT_INVALID',
    );
    assert.equal(
      err(await s.call('POST', `${base}/withdraw`, { token: merchant, body: { amountFen: 1_000_00 } })),
      '409 AD_BALANCE_INSUFFICIENT',
    );
    const forged = s.signedNotification({
      eventId: 'x1',
      kind: 'payment.succeeded',
      merchantRef: 'adt_00000000000000000000000000',
      txnId: 'sbx_00000000000000000000000000',
      amountFen: 100,
      at: s.core.clock.now(),
    });
    const bad = await s.app.inject({
      method: 'POST',
      url: '/api/v1/ads/topups/notify/sandbox',
      payload: forged.payload,
      headers: forged.headers,
    });
    assert.equal(err(bad), '400 UNKNOWN_TOPUP');
    const unsigned = await s.app.inject({
      method: 'POST',
      url: '/api/v1/ads/topups/notify/sandbox',
      payload: forged.payload,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(unsigned.statusCode >= 400 && unsigned.statusCode < 500, true);

    const now = s.core.clock.now();
    const [videoId] = [newId('video', now)];
    await s.core.ctx.db
      .insertInto('videos')
      .values({
        id: videoId!,
        owner_id: shop.owner.userId,
        host_kind: 'shop',
        shop_id: shop.shopId,
        title: '橙子',
        caption: '现摘',
        hashtags: '[]',
        status: 'published',
        file_name: 'x.mp4',
        content_type: 'video/mp4',
        bytes: 1,
        duration_ms: 1000,
        poster_file: null,
        views: 0,
        likes: 0,
        comments: 0,
        shares: 0,
        completions: 0,
        created_at: now,
        published_at: now,
        updated_at: now,
      })
      .execute();
    await s.core.ctx.db
      .insertInto('video_anchors')
      .values({ video_id: videoId!, product_id: shop.productId, position: 0 })
      .execute();
    const body = {
      name: '推广',
      promote: 'video',
      videoId,
      goal: 'orders',
      bidKind: 'cost_cap',
      costCapFen: 3000,
      dailyBudgetFen: 300_00,
      pacing: 'even',
    };
    assert.equal((await s.call('GET', `${base}/creatives`, { token: merchant })).json().items[0].videoId, videoId);
    assert.equal(
      err(await s.call('POST', `${base}/campaigns`, { token: merchant, body: { ...body, dailyBudgetFen: 10 } })),
      '400 AD_BUDGET_INVALID',
    );
    assert.equal(
      err(await s.call('POST', `${base}/campaigns`, { token: merchant, body: { ...body, costCapFen: 5 } })),
      '400 AD_BID_INVALID',
    );
    assert.equal(
      err(await s.call('POST', `${base}/campaigns`, { token: merchant, body: { ...body, schedule: 'zz' } })),
      '400 AD_SCHEDULE_INVALID',
    );
    assert.equal(
      err(await s.call('POST', `${base}/campaigns`, { token: merchant, body: { ...body, pacing: 'slow' } })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(await s.call('POST', `/api/v1/merchant/shops/${other.shopId}/ads/campaigns`, { token: otherMerchant, body })),
      '400 AD_CREATIVE_INVALID',
    );
    const created = await s.call('POST', `${base}/campaigns`, { token: merchant, body });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    assert.equal(
      (
        await s.call('POST', `/api/v1/merchant/ads/campaigns/${id}/status`, {
          token: merchant,
          body: { status: 'paused' },
        })
      ).json().status,
      'paused',
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/merchant/ads/campaigns/${id}/report`, { token: otherMerchant })),
      '404 NOT_FOUND',
    );
    assert.equal(
      (await s.call('GET', `/api/v1/merchant/ads/campaigns/${id}/report`, { token: merchant })).json().total
        .impressions,
      0,
    );

    const unknown = newId('adServe', now);
    // Impressions and clicks of ads never served to this viewer: forged, answered as if they did not exist.
    assert.equal(
      err(
        await s.call('POST', '/api/v1/ads/impressions', {
          body: { impressionIds: [unknown] },
          headers: { 'x-viewer-id': 'viewer-123456' },
        }),
      ),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(await s.call('POST', '/api/v1/ads/impressions', { body: { impressionIds: [unknown] } })),
      '401 UNAUTHENTICATED',
    );
    assert.equal(
      err(
        await s.call('POST', '/api/v1/ads/clicks', {
          body: { impressionId: unknown },
          headers: { 'x-viewer-id': 'viewer-123456' },
        }),
      ),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(
        await s.call('POST', '/api/v1/ads/entries', {
          body: { impressionId: unknown },
          headers: { 'x-viewer-id': 'viewer-123456' },
        }),
      ),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(
        await s.call('POST', '/api/v1/ads/entries', {
          body: { impressionId: 'nope' },
          headers: { 'x-viewer-id': 'viewer-123456' },
        }),
      ),
      '400 VALIDATION_FAILED',
    );
    assert.equal(err(await s.call('GET', '/api/v1/admin/ads', { token: merchant })), '403 FORBIDDEN');
  } finally {
    await s.close();
  }
});

test("a creator's paid traffic over HTTP: own account, top-up, campaigns only for their own videos, status and report; others' ids are 404", async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-creator-ads-shop');
    const creator = await makePerson(s.core, 'http-ads-creator', ['creator'], false);
    const rival = await makePerson(s.core, 'http-ads-rival', ['creator'], false);
    const token = await s.tokenFor(creator.userId);
    const rivalToken = await s.tokenFor(rival.userId);
    const merchant = await s.tokenFor(shop.owner.userId);
    const err = (res: { statusCode: number; json(): { error: { code: string } } }) =>
      `${res.statusCode} ${res.json().error.code}`;
    const base = '/api/v1/creator/ads';

    const started = await s.call('POST', `${base}/topups`, {
      token,
      body: { amountFen: 200_00, returnUrl: '/creator/ads?from=cashier' },
    });
    assert.equal(started.statusCode, 200, started.body);
    assert.match(started.json().topupId, /^adt_/);
    await s.core.sandbox.complete(started.json().cashierUrl.split('/').pop(), 'paid');
    await s.deliverNotifications();
    const account = (await s.call('GET', `${base}/account`, { token })).json();
    assert.deepEqual(account.owner, { kind: 'creator', id: creator.userId });
    assert.equal(account.balanceFen, 200_00);
    assert.equal(account.topups[0].status, 'succeeded');
    assert.equal(
      (await s.call('GET', `${base}/account`, { token: rivalToken })).json().balanceFen,
      0,
      'the rival sees only their own (empty) account',
    );
    assert.equal(
      err(await s.call('GET', `${base}/account`, { token: merchant })),
      '403 FORBIDDEN',
      'a merchant without the creator role',
    );
    assert.equal(
      err(await s.call('POST', `${base}/topups`, { token, body: { amountFen: 1 } })),
      '400 AD_AMOUNT_INVALID',
    );
    assert.equal(
      err(await s.call('POST', `${base}/topups`, { token, body: { amountFen: 100_00, shopId: shop.shopId } })),
      '400 VALIDATION_FAILED',
    );

    const now = s.core.clock.now();
    const video = async (ownerId: string): Promise<string> => {
      const id = newId('video', now);
      await s.core.ctx.db
        .insertInto('videos')
        .values({
          id,
          owner_id: ownerId,
          host_kind: 'creator',
          shop_id: null,
          title: '橙子测评',
          caption: '好吃',
          hashtags: '[]',
          status: 'published',
          file_name: 'x.mp4',
          content_type: 'video/mp4',
          bytes: 1,
          duration_ms: 1000,
          poster_file: null,
          views: 0,
          likes: 0,
          comments: 0,
          shares: 0,
          completions: 0,
          created_at: now,
          published_at: now,
          updated_at: now,
        })
        .execute();
      await s.core.ctx.db
        .insertInto('video_anchors')
        .values({ video_id: id, product_id: shop.productId, position: 0 })
        .execute();
      return id;
    };
    const mine = await video(creator.userId);
    const theirs = await video(rival.userId);
    assert.deepEqual(
      (await s.call('GET', `${base}/creatives`, { token })).json().items.map((c: { videoId: string }) => c.videoId),
      [mine],
    );
    const body = {
      name: '测评推广',
      promote: 'video',
      videoId: mine,
      goal: 'orders',
      bidKind: 'cost_cap',
      costCapFen: 3000,
      dailyBudgetFen: 300_00,
      pacing: 'even',
    };
    assert.equal(
      err(await s.call('POST', `${base}/campaigns`, { token, body: { ...body, videoId: theirs } })),
      '400 AD_CREATIVE_INVALID',
    );
    assert.equal(
      err(await s.call('POST', `${base}/campaigns`, { token, body: { ...body, promote: 'product' } })),
      '400 AD_CREATIVE_INVALID',
    );
    assert.equal(
      err(await s.call('POST', `${base}/campaigns`, { token, body: { ...body, dailyBudgetFen: 10 } })),
      '400 AD_BUDGET_INVALID',
    );
    assert.equal(
      err(await s.call('POST', `${base}/campaigns`, { token, body: { ...body, owner: 'x' } })),
      '400 VALIDATION_FAILED',
    );
    const created = await s.call('POST', `${base}/campaigns`, { token, body });
    assert.equal(created.statusCode, 201, created.body);
    const c = created.json();
    assert.deepEqual(c.owner, { kind: 'creator', id: creator.userId });
    assert.equal(c.productId, shop.productId);
    assert.equal(c.creativeTitle, '橙子测评');
    assert.equal(
      (await s.call('POST', `${base}/campaigns/${c.id}/status`, { token, body: { status: 'paused' } })).json().status,
      'paused',
    );
    assert.equal(
      err(await s.call('POST', `${base}/campaigns/${c.id}/status`, { token, body: { status: 'gone' } })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(await s.call('POST', `${base}/campaigns/${c.id}/status`, { token: rivalToken, body: { status: 'active' } })),
      '404 NOT_FOUND',
    );
    assert.equal(err(await s.call('GET', `${base}/campaigns/${c.id}/report`, { token: rivalToken })), '404 NOT_FOUND');
    assert.equal(
      err(await s.call('GET', `/api/v1/merchant/ads/campaigns/${c.id}/report`, { token: merchant })),
      '404 NOT_FOUND',
      'the shop whose product the video carries',
    );
    const report = (await s.call('GET', `${base}/campaigns/${c.id}/report`, { token })).json();
    assert.equal(report.campaign.id, c.id);
    assert.equal(report.total.impressions, 0);
    assert.deepEqual((await s.call('GET', `${base}/campaigns`, { token: rivalToken })).json().items, []);

    const withdrawn = await s.call('POST', `${base}/withdraw`, { token, body: { amountFen: 50_00 } });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.equal(withdrawn.json().balanceFen, 150_00);
    assert.equal(withdrawn.json().withdrawnFen, 50_00);
    assert.equal(
      err(await s.call('POST', `${base}/withdraw`, { token, body: { amountFen: 1_000_00 } })),
      '409 AD_BALANCE_INSUFFICIENT',
    );
    assert.equal(await balanceOf(s.core.ctx.db, accountId('creator_available', creator.userId)), 50_00);
    assert.ok((await checkLedger(s.core.ctx.db)).ok);
  } finally {
    await s.close();
  }
});

test('campaign bad input answers stable 4xx codes; an admin takes a creative down and restores it, and the advertiser cannot resume it meanwhile', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-ads-review-shop');
    const merchant = await s.tokenFor(shop.owner.userId);
    const admin = await makePerson(s.core, 'http-ads-review-admin', ['admin'], false);
    const adminToken = await s.tokenFor(admin.userId);
    const err = (res: { statusCode: number; json(): { error: { code: string } } }) =>
      `${res.statusCode} ${res.json().error.code}`;
    const now = s.core.clock.now();
    const videoId = newId('video', now);
    await s.core.ctx.db
      .insertInto('videos')
      .values({
        id: videoId,
        owner_id: shop.owner.userId,
        host_kind: 'shop',
        shop_id: shop.shopId,
        title: '橙子',
        caption: '现摘',
        hashtags: '[]',
        status: 'published',
        file_name: 'x.mp4',
        content_type: 'video/mp4',
        bytes: 1,
        duration_ms: 1000,
        poster_file: null,
        views: 0,
        likes: 0,
        comments: 0,
        shares: 0,
        completions: 0,
        created_at: now,
        published_at: now,
        updated_at: now,
      })
      .execute();
    await s.core.ctx.db
      .insertInto('video_anchors')
      .values({ video_id: videoId, product_id: shop.productId, position: 0 })
      .execute();
    const url = `/api/v1/merchant/shops/${shop.shopId}/ads/campaigns`;
    const body = {
      name: '推广',
      promote: 'video',
      videoId,
      goal: 'orders',
      bidKind: 'cost_cap',
      costCapFen: 3000,
      dailyBudgetFen: 300_00,
      pacing: 'even',
    };
    const roi = { ...body, goal: 'gmv', bidKind: 'target_roi', costCapFen: undefined };
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['a cost cap above ¥10,000', { costCapFen: 10_000_01 }, '400 AD_BID_INVALID'],
      ['a cost cap of a fraction of a fen', { costCapFen: 1.5 }, '400 VALIDATION_FAILED'],
      ['no cost cap', { costCapFen: null }, '400 AD_BID_INVALID'],
      ['a GMV goal with a cost cap', { goal: 'gmv' }, '400 AD_BID_INVALID'],
      ['a target ROI of 0', { ...roi, roiTarget: 0 }, '400 AD_BID_INVALID'],
      ['a target ROI above 100', { ...roi, roiTarget: 100.01 }, '400 AD_BID_INVALID'],
      ['a target ROI with three decimals', { ...roi, roiTarget: 2.345 }, '400 AD_BID_INVALID'],
      ['a target ROI as text', { ...roi, roiTarget: '2' }, '400 VALIDATION_FAILED'],
      ['a budget above ¥1,000,000,000', { dailyBudgetFen: 1_000_000_000_01 }, '400 AD_BUDGET_INVALID'],
      ['a negative budget', { dailyBudgetFen: -1 }, '400 VALIDATION_FAILED'],
      ['a schedule with no half-hour on', { schedule: '0'.repeat(84) }, '400 AD_SCHEDULE_INVALID'],
      ['a schedule one digit short', { schedule: 'f'.repeat(83) }, '400 AD_SCHEDULE_INVALID'],
      ['a schedule in capitals', { schedule: 'F'.repeat(84) }, '400 AD_SCHEDULE_INVALID'],
      ['a schedule far too long', { schedule: 'f'.repeat(101) }, '400 VALIDATION_FAILED'],
      ['an empty category', { targetCategories: [''] }, '400 AD_TARGETING_INVALID'],
      ['51 regions', { targetRegions: Array.from({ length: 51 }, (_, i) => `r${i}`) }, '400 VALIDATION_FAILED'],
      ['live-room entries for a video', { goal: 'live_entries' }, '400 AD_GOAL_INVALID'],
      [
        'a live room that is not the shop’s',
        { promote: 'live_room', goal: 'live_entries', videoId: undefined, liveRoomId: newId('liveRoom', now) },
        '400 AD_CREATIVE_INVALID',
      ],
      ['a blank name', { name: '   ' }, '400 VALIDATION_FAILED'],
    ];
    for (const [what, change, expected] of cases) {
      const res = await s.call('POST', url, { token: merchant, body: { ...body, ...change } });
      assert.equal(err(res), expected, what);
    }
    assert.equal((await s.call('GET', url, { token: merchant })).json().items.length, 0, 'nothing was created');

    const created = await s.call('POST', url, { token: merchant, body });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    const review = `/api/v1/admin/ads/campaigns/${id}/review`;
    assert.equal(
      err(await s.call('POST', review, { token: merchant, body: { decision: 'reject', reason: 'x' } })),
      '403 FORBIDDEN',
    );
    assert.equal(
      err(await s.call('POST', review, { token: adminToken, body: { decision: 'reject' } })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(await s.call('POST', review, { token: adminToken, body: { decision: 'reject', reason: 'x'.repeat(201) } })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(await s.call('POST', review, { token: adminToken, body: { decision: 'ban' } })),
      '400 VALIDATION_FAILED',
    );
    assert.equal(
      err(await s.call('POST', review, { token: adminToken, body: { decision: 'restore' } })),
      '409 AD_CAMPAIGN_NOT_REJECTED',
    );
    assert.equal(
      err(
        await s.call('POST', `/api/v1/admin/ads/campaigns/${newId('adCampaign', now)}/review`, {
          token: adminToken,
          body: { decision: 'reject', reason: 'x' },
        }),
      ),
      '404 NOT_FOUND',
    );
    const down = await s.call('POST', review, {
      token: adminToken,
      body: { decision: 'reject', reason: '绝对化用语' },
    });
    assert.equal(down.statusCode, 200, down.body);
    assert.equal(down.json().status, 'rejected');
    assert.equal(down.json().review.reason, '绝对化用语');
    const status = `/api/v1/merchant/ads/campaigns/${id}/status`;
    assert.equal(
      err(await s.call('POST', status, { token: merchant, body: { status: 'active' } })),
      '409 AD_CAMPAIGN_REJECTED',
    );
    const mine = (await s.call('GET', url, { token: merchant })).json().items[0];
    assert.deepEqual([mine.status, mine.review.reason], ['rejected', '绝对化用语'], 'the advertiser sees why');
    const overview = (await s.call('GET', '/api/v1/admin/ads', { token: adminToken })).json();
    assert.equal(overview.creatives[0].reviewReason, '绝对化用语');
    const back = await s.call('POST', review, { token: adminToken, body: { decision: 'restore' } });
    assert.equal(back.json().status, 'paused');
    assert.equal(
      (await s.call('POST', status, { token: merchant, body: { status: 'active' } })).json().status,
      'active',
    );
  } finally {
    await s.close();
  }
});
