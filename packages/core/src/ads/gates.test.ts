import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, openTestCore, type TestCore } from '../test-support/index.js';
import { resetFeedCache } from '../feed/index.js';
import { DomainError, newId } from '../platform/index.js';
import { shopOwner } from './ad-types.js';
import { createCampaign, setCampaignStatus } from './campaigns.js';
import { feedWithAds } from './auction.js';
import { putPersonSettings } from '../events/index.js';
import { reportImpressions } from './billing.js';
import { adsOverview } from './reports.js';
import { reviewCampaign } from './review.js';
import { runningCampaign } from './test-support/scene.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return 'none';
}

let viewers = 0;
/** Whether a fresh anonymous viewer's first page carries the campaign's ad. */
async function served(core: TestCore, campaignId: string): Promise<boolean> {
  resetFeedCache(core.ctx.db);
  const page = await feedWithAds(core.ctx, null, { viewerId: `review-viewer-${++viewers}` }, { random: () => 0 });
  return page.ads.some((a) => a?.campaignId === campaignId);
}

test('review of creatives: an admin takes a campaign down with a reason — out of the feed, the advertiser cannot resume it — and restores it paused', async () => {
  const core = await openTestCore();
  try {
    const { owner, campaignId } = await runningCampaign(core);
    const admin = await makePerson(core, 'review-admin', ['admin'], false);
    assert.ok(await served(core, campaignId), 'the running campaign is served');

    assert.equal(await codeOf(reviewCampaign(core.ctx, owner, campaignId, 'reject', '虚假宣传')), 'FORBIDDEN');
    assert.equal(await codeOf(reviewCampaign(core.ctx, admin, campaignId, 'reject', '   ')), 'VALIDATION_FAILED');
    assert.equal(await codeOf(reviewCampaign(core.ctx, admin, campaignId, 'reject')), 'VALIDATION_FAILED');
    assert.equal(await codeOf(reviewCampaign(core.ctx, admin, campaignId, 'restore')), 'AD_CAMPAIGN_NOT_REJECTED');
    assert.equal(
      await codeOf(reviewCampaign(core.ctx, admin, newId('adCampaign', core.clock.now()), 'reject', 'x')),
      'NOT_FOUND',
    );

    const down = await reviewCampaign(core.ctx, admin, campaignId, 'reject', ' 使用绝对化用语 ');
    assert.equal(down.status, 'rejected');
    assert.equal(down.review?.reason, '使用绝对化用语');
    assert.equal(await served(core, campaignId), false, 'a campaign taken down leaves the feed at once');
    assert.equal(await codeOf(setCampaignStatus(core.ctx, owner, campaignId, 'active')), 'AD_CAMPAIGN_REJECTED');
    assert.equal(await codeOf(setCampaignStatus(core.ctx, owner, campaignId, 'paused')), 'AD_CAMPAIGN_REJECTED');
    const overview = await adsOverview(core.ctx, admin);
    const row = overview.creatives.find((c) => c.campaignId === campaignId)!;
    assert.equal(row.status, 'rejected');
    assert.equal(row.reviewReason, '使用绝对化用语');

    const back = await reviewCampaign(core.ctx, admin, campaignId, 'restore');
    assert.equal(back.status, 'paused', 'restored paused: the advertiser decides when it runs again');
    assert.equal(await served(core, campaignId), false);
    assert.equal((await setCampaignStatus(core.ctx, owner, campaignId, 'active')).status, 'active');
    assert.ok(await served(core, campaignId), 'resumed by the advertiser, it is served again');
    assert.equal(
      (await adsOverview(core.ctx, admin)).creatives.find((c) => c.campaignId === campaignId)!.reviewReason,
      null,
    );
  } finally {
    await core.dispose();
  }
});

test('a shop whose experience score falls below the paid-traffic threshold after creating a campaign is left out of the auction until it recovers', async () => {
  const core = await openTestCore();
  try {
    const { shopId, campaignId } = await runningCampaign(core);
    assert.ok(await served(core, campaignId));
    const now = core.clock.now();
    const score = (day: string, total: number) => ({
      shop_id: shopId,
      day,
      computed_at: now,
      window_from: now - 1,
      window_to: now,
      orders: 100,
      category_id: null,
      status: 'scored',
      total,
      product: total,
      logistics: total,
      service: total,
      peers: 0,
      indicators: '[]',
    });
    await core.ctx.db.insertInto('experience_scores').values(score('2026-01-01', 50)).execute();
    assert.equal(await served(core, campaignId), false, 'a score of 50 (< 60) serves nothing');
    await core.ctx.db.insertInto('experience_scores').values(score('2026-01-02', 72)).execute();
    assert.ok(await served(core, campaignId), 'the latest score counts: 72 serves again');
  } finally {
    await core.dispose();
  }
});

test('invalid traffic: a burst from one device is filtered whoever is signed in on it; the same people on their own devices are billed', async () => {
  const core = await openTestCore();
  try {
    const { shopId, campaignId, videoId, productId } = await runningCampaign(core);
    const now = core.clock.now();
    const serve = async (viewerKey: string): Promise<string> => {
      const id = newId('adServe', now);
      await core.ctx.db
        .insertInto('ad_serves')
        .values({
          id,
          campaign_id: campaignId,
          owner_kind: 'shop',
          owner_id: shopId,
          viewer_key: viewerKey,
          video_id: videoId,
          product_id: productId,
          ecpm_fen: 1000,
          price_mfen: 1000,
          status: 'served',
          invalid_reason: null,
          billed_mfen: 0,
          served_at: now,
          seen_at: null,
          clicked_at: null,
          click_status: null,
        })
        .execute();
      return id;
    };
    // Twelve accounts, one device: each account's first impression, all within a minute.
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const userId = `usr_burst_${i}`;
      const id = await serve(userId);
      outcomes.push((await reportImpressions(core.ctx, { userId, viewerId: 'one-phone-0001' }, [id]))[id]!);
    }
    assert.deepEqual(outcomes, [...Array(10).fill('billed'), 'invalid', 'invalid']);
    const reasons = await core.ctx.db
      .selectFrom('ad_serves')
      .select(['invalid_reason', 'device_key'])
      .where('status', '=', 'invalid')
      .execute();
    assert.deepEqual(
      reasons.map((r) => [r.invalid_reason, r.device_key]),
      [
        ['device_burst', 'anon:one-phone-0001'],
        ['device_burst', 'anon:one-phone-0001'],
      ],
    );
    // Another account on its own device in the same minute is billed.
    const own = await serve('usr_burst_own');
    assert.deepEqual(
      await reportImpressions(core.ctx, { userId: 'usr_burst_own', viewerId: 'own-phone-0002' }, [own]),
      {
        [own]: 'billed',
      },
    );
    // A minute later the device is quiet again.
    core.clock.advance(61_000);
    const later = await serve('usr_burst_later');
    assert.deepEqual(
      await reportImpressions(core.ctx, { userId: 'usr_burst_later', viewerId: 'one-phone-0001' }, [later]),
      { [later]: 'billed' },
    );
  } finally {
    await core.dispose();
  }
});

test('the frequency cap: 3 a day per viewer and campaign; region targeting reads the person only while personalisation is on', async () => {
  const core = await openTestCore();
  try {
    const { owner, shopId, campaignId, videoId } = await runningCampaign(core);
    const pages = async (userId: string | null, viewerId: string | null, n: number, id: string): Promise<number> => {
      let shown = 0;
      for (let i = 0; i < n; i++) {
        resetFeedCache(core.ctx.db);
        const page = await feedWithAds(core.ctx, userId, viewerId ? { viewerId } : {}, { random: () => 0 });
        if (page.ads.some((a) => a?.campaignId === id)) shown++;
      }
      return shown;
    };
    assert.equal(await pages(null, 'cap-viewer-0001', 5, campaignId), 3, 'five first pages, the ad on three');
    assert.equal(await pages(null, 'cap-viewer-0002', 1, campaignId), 1, 'another viewer is not capped');

    await setCampaignStatus(core.ctx, owner, campaignId, 'paused');
    const regional = await createCampaign(core.ctx, owner, shopOwner(shopId), {
      name: '浙江推广',
      promote: 'video',
      videoId,
      goal: 'orders',
      bidKind: 'cost_cap',
      costCapFen: 5000,
      dailyBudgetFen: 100_00,
      pacing: 'fast',
      targetRegions: ['浙江省'],
    });
    const zj = await makePerson(core, 'region-viewer'); // a default address in 浙江省
    assert.equal(await pages(zj.userId, null, 1, regional.id), 1, 'personalised: the province of the address matches');
    assert.equal(await pages(null, 'region-anon-0001', 1, regional.id), 0, 'anonymous: no region is known');
    await putPersonSettings(core.ctx, zj, { personalizedRecommendation: false });
    assert.equal(
      await pages(zj.userId, null, 1, regional.id),
      0,
      'personalisation off: contextual only, never the address',
    );
  } finally {
    await core.dispose();
  }
});
