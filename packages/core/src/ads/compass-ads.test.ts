import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import { insertTestVideos, resetFeedCache } from '../feed/index.js';
import { putPersonSettings } from '../events/index.js';
import { checkout } from '../checkout/index.js';
import { openCashier } from '../payments/index.js';
import { receiveNotification } from '../orders/index.js';
import { DomainError } from '../platform/index.js';
import { shanghaiDate } from '../analytics/index.js';
import type { Actor } from '../context.js';
import { creatorOwner, shopOwner, type AdOwner } from './ad-types.js';
import { receiveTopupNotification, startTopup } from './ad-account.js';
import { createCampaign } from './campaigns.js';
import { feedWithAds } from './auction.js';
import { reportClick, reportImpressions } from './billing.js';
import { campaignReport } from './reports.js';
import { compassAds } from './compass-ads.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function deliver(core: TestCore): Promise<void> {
  await core.sandbox.deliverDue(100, async (url, body, headers) => {
    if (url.includes('/ads/topups/notify/')) await receiveTopupNotification(core.ctx, 'sandbox', headers, body);
    else await receiveNotification(core.ctx, 'sandbox', headers, body);
    return 200;
  });
}

async function topUp(core: TestCore, actor: Actor, owner: AdOwner, fen: number): Promise<void> {
  const { cashierUrl } = await startTopup(core.ctx, actor, owner, fen);
  await core.sandbox.complete(cashierUrl.split('/').pop()!, 'paid');
  await deliver(core);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return 'none';
}

const campaign = (videoId: string, name: string) => ({
  name,
  promote: 'video' as const,
  videoId,
  goal: 'orders' as const,
  bidKind: 'cost_cap' as const,
  costCapFen: 5000,
  dailyBudgetFen: 100_00,
  pacing: 'fast' as const,
});

test('罗盘 · 推广: a shop’s and a creator’s paid traffic by hour and by campaign agree with the campaigns’ own reports; scoped like the Compass', async () => {
  const core = await openTestCore();
  try {
    resetFeedCache(core.ctx.db);
    const shop = await makeShop(core, 'compass-ad-shop');
    const creator = await makePerson(core, 'compass-ad-creator', ['creator'], false);
    const now = core.clock.now();
    await insertTestVideos(
      core.ctx.db,
      Array.from({ length: 20 }, (_, i) => ({ ownerId: creator.userId, publishedAt: now - (i + 50) * HOUR })),
      now,
    );
    const [shopVideo, creatorVideo] = await insertTestVideos(
      core.ctx.db,
      [
        { ownerId: shop.owner.userId, publishedAt: now - 30 * DAY, title: '冰糖橙现摘' },
        { ownerId: creator.userId, publishedAt: now - 31 * DAY, title: '我家的橙子测评' },
      ],
      now,
    );
    await core.ctx.db
      .insertInto('video_anchors')
      .values([
        { video_id: shopVideo!, product_id: shop.productId, position: 0 },
        { video_id: creatorVideo!, product_id: shop.productId, position: 0 },
      ])
      .execute();
    const shopCampaign = await createCampaign(
      core.ctx,
      shop.owner,
      shopOwner(shop.shopId),
      campaign(shopVideo!, '店铺推广'),
    );
    const creatorCampaign = await createCampaign(
      core.ctx,
      creator,
      creatorOwner(creator.userId),
      campaign(creatorVideo!, '达人推广'),
    );
    await topUp(core, shop.owner, shopOwner(shop.shopId), 200_00);
    await topUp(core, creator, creatorOwner(creator.userId), 200_00);

    // Three hours of traffic: viewers see ads, some click, one sees the same campaign again within a minute (invalid), one buys.
    const from = shanghaiDate(core.clock.now());
    let buyerOf: { actor: Actor; videoId: string } | null = null;
    for (let hour = 0; hour < 3; hour++) {
      for (let v = 0; v < 4; v++) {
        const viewer = await makePerson(core, `compass-ad-viewer-${hour}-${v}`);
        await putPersonSettings(core.ctx, viewer, { personalizedRecommendation: false });
        resetFeedCache(core.ctx.db);
        const page = await feedWithAds(core.ctx, viewer.userId, { limit: 16 }, { random: () => 0 });
        const ads = page.ads.flatMap((a, i) => (a ? [{ ...a, videoId: page.items[i]!.id }] : []));
        const who = { userId: viewer.userId, viewerId: null };
        for (const ad of ads) {
          await reportImpressions(core.ctx, who, [ad.impressionId]);
          if (v % 2 === 0) await reportClick(core.ctx, who, ad.impressionId);
          if (!buyerOf && hour === 1 && v === 0) buyerOf = { actor: viewer, videoId: ad.videoId };
        }
        if (hour === 2 && v === 3) {
          resetFeedCache(core.ctx.db);
          const again = await feedWithAds(core.ctx, viewer.userId, { limit: 16 }, { random: () => 0 });
          const repeat = again.ads.filter((a) => a !== null);
          await reportImpressions(
            core.ctx,
            who,
            repeat.map((a) => a.impressionId),
          );
        }
        core.clock.advance(5 * 60_000);
      }
      if (hour === 1 && buyerOf) {
        const placed = await checkout(core.ctx, buyerOf.actor, {
          items: [
            { skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'video', contentId: buyerOf.videoId } },
          ],
        });
        const { cashierUrl } = await openCashier(core.ctx, buyerOf.actor, placed.body.payment.id);
        await core.sandbox.complete(cashierUrl.split('/').pop()!, 'paid');
        await deliver(core);
        await core.outbox.dispatchOnce();
      }
      core.clock.advance(HOUR);
    }
    const to = shanghaiDate(core.clock.now());

    const shopCompass = await compassAds(core.ctx, shop.owner, { shopId: shop.shopId, from, to });
    const range = { from: shopCompass.range.start, to: shopCompass.range.end };
    const shopReport = await campaignReport(core.ctx, shop.owner, shopCampaign.id, range);
    assert.ok(shopReport.total.impressions >= 3, `the shop's ad was seen (${shopReport.total.impressions})`);
    assert.ok(shopReport.total.clicks >= 1);
    assert.deepEqual(shopCompass.total, shopReport.total, 'the Compass total is the 推广 report’s');
    assert.deepEqual(shopCompass.hours, shopReport.hours, 'hour by hour');
    assert.deepEqual(shopCompass.invalidByReason, shopReport.invalidByReason);
    assert.deepEqual(
      shopCompass.campaigns.map((c) => [c.id, c.name, c.total]),
      [[shopCampaign.id, '店铺推广', shopReport.total]],
      "only the shop's own campaign",
    );
    assert.ok(shopCompass.hours.length >= 3, 'three hours of traffic');

    const creatorCompass = await compassAds(core.ctx, creator, { scope: 'creator', from, to });
    const creatorReport = await campaignReport(core.ctx, creator, creatorCampaign.id, range);
    assert.ok(creatorReport.total.impressions >= 1, "the creator's ad was seen");
    assert.deepEqual(creatorCompass.total, creatorReport.total);
    assert.deepEqual(creatorCompass.hours, creatorReport.hours);
    assert.deepEqual(
      creatorCompass.campaigns.map((c) => c.id),
      [creatorCampaign.id],
    );

    // The platform: both, summed.
    const admin = await makePerson(core, 'compass-ad-admin', ['admin'], false);
    const all = await compassAds(core.ctx, admin, { scope: 'platform', from, to });
    assert.equal(all.total.impressions, shopReport.total.impressions + creatorReport.total.impressions);
    assert.equal(all.total.spendMfen, shopReport.total.spendMfen + creatorReport.total.spendMfen);
    assert.equal(all.total.conversions, shopReport.total.conversions + creatorReport.total.conversions);
    assert.equal(all.total.gmvFen, shopReport.total.gmvFen + creatorReport.total.gmvFen);
    assert.equal(shopReport.total.conversions + creatorReport.total.conversions, 1, 'the purchase counts once');

    // Scoped like the rest of the Compass; a day before anything was served is empty; bad dates are 400s.
    const stranger = await makePerson(core, 'compass-ad-stranger', ['creator'], false);
    assert.equal(await codeOf(compassAds(core.ctx, stranger, { shopId: shop.shopId, from, to })), 'NOT_FOUND');
    assert.equal((await compassAds(core.ctx, stranger, { scope: 'creator', from, to })).total.impressions, 0);
    const shopper = await makePerson(core, 'compass-ad-shopper');
    assert.equal(await codeOf(compassAds(core.ctx, shopper, { scope: 'creator', from, to })), 'FORBIDDEN');
    assert.equal(await codeOf(compassAds(core.ctx, shopper, { scope: 'platform', from, to })), 'FORBIDDEN');
    const before = shanghaiDate(core.clock.now() - 10 * DAY);
    const empty = await compassAds(core.ctx, shop.owner, { shopId: shop.shopId, from: before, to: before });
    assert.deepEqual([empty.total.impressions, empty.hours, empty.campaigns], [0, [], []]);
    assert.equal(
      await codeOf(compassAds(core.ctx, shop.owner, { shopId: shop.shopId, from: 'x', to })),
      'INVALID_DATE',
    );
    assert.equal(
      await codeOf(compassAds(core.ctx, shop.owner, { shopId: shop.shopId, from: to, to: before })),
      'DATE_RANGE_REVERSED',
    );
  } finally {
    await core.dispose();
  }
});
