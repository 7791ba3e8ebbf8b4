import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { makePerson, makeShop, withTestCore, type ShopFixture, type TestCore } from '../test-support/index.js';
import { insertTestVideos, resetFeedCache } from '../feed/index.js';
import { putPersonSettings } from '../events/index.js';
import { checkLedger, balanceOf, accountId, compareWithProviders } from '../ledger/index.js';
import { checkout } from '../checkout/index.js';
import { openCashier } from '../payments/index.js';
import { newId, DomainError } from '../platform/index.js';
import type { Actor } from '../context.js';
import { creatorOwner, shopOwner, type AdOwner } from './ad-types.js';
import { adAccount, receiveTopupNotification, startTopup, withdrawAdBalance } from './ad-account.js';
import { createCampaign, setCampaignStatus } from './campaigns.js';
import { feedWithAds, feedWithAdsToJson, type AuctionTrace } from './auction.js';
import { reportClick, reportImpressions } from './billing.js';
import { campaignReport, adsOverview } from './reports.js';
import { createRoom } from '../live/index.js';
import { adCreatives, campaignView, listCampaigns } from './campaigns.js';
import { debitSpend } from './ad-account.js';
import { receiveNotification } from '../orders/index.js';

const HOUR = 3_600_000;

const withCore = (fn: (core: TestCore) => Promise<void>): Promise<void> =>
  withTestCore(fn, { opened: (core) => resetFeedCache(core.ctx.db) });

/** Delivers the sandbox gateway's queued notifications: top-ups to the ads module, the rest to payments. */
async function deliver(core: TestCore): Promise<void> {
  await core.sandbox.deliverDue(100, async (url, body, headers) => {
    if (url.includes('/ads/topups/notify/')) await receiveTopupNotification(core.ctx, 'sandbox', headers, body);
    else await receiveNotification(core.ctx, 'sandbox', headers, body);
    return 200;
  });
}

async function topUp(core: TestCore, actor: Actor, owner: AdOwner, fen: number): Promise<string> {
  const { topupId, cashierUrl } = await startTopup(core.ctx, actor, owner, fen);
  await core.sandbox.complete(cashierUrl.split('/').pop()!, 'paid');
  await deliver(core);
  return topupId;
}

/** A shop with a published video carrying its product, and 20 organic videos of a creator. */
async function scene(core: TestCore): Promise<{ shop: ShopFixture; adVideo: string }> {
  const shop = await makeShop(core, `ad-shop-${Math.random().toString(36).slice(2, 7)}`);
  const creator = await makePerson(core, `creator-${Math.random().toString(36).slice(2, 7)}`, ['creator'], false);
  const now = core.clock.now();
  await insertTestVideos(
    core.ctx.db,
    Array.from({ length: 20 }, (_, i) => ({ ownerId: creator.userId, publishedAt: now - (i + 2) * HOUR })),
    now,
  );
  const [adVideo] = await insertTestVideos(
    core.ctx.db,
    [{ ownerId: shop.owner.userId, publishedAt: now - 30 * 24 * HOUR, title: '冰糖橙现摘' }],
    now,
  );
  await core.ctx.db
    .insertInto('video_anchors')
    .values({ video_id: adVideo!, product_id: shop.productId, position: 0 })
    .execute();
  return { shop, adVideo: adVideo! };
}

const campaign = (videoId: string) => ({
  name: '橙子推广',
  promote: 'video' as const,
  videoId,
  goal: 'orders' as const,
  bidKind: 'cost_cap' as const,
  costCapFen: 5000,
  dailyBudgetFen: 100_00,
  pacing: 'fast' as const,
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return 'none';
}

test('ad account: a top-up through the provider’s signed notification, once; spend and withdrawal move ledger money; the check passes', async () => {
  await withCore(async (core) => {
    const { shop } = await scene(core);
    const topupId = await topUp(core, shop.owner, shopOwner(shop.shopId), 200_00);
    let acct = await adAccount(core.ctx, shop.owner, shopOwner(shop.shopId));
    assert.equal(acct.balanceFen, 200_00);
    assert.equal(acct.topups[0]!.id, topupId);
    assert.equal(acct.topups[0]!.status, 'succeeded');
    assert.equal(await balanceOf(core.ctx.db, accountId('ad_balance', shop.shopId)), 200_00);
    // the gateway sends the same event again
    const txn = await core.ctx.db
      .selectFrom('sandbox_txns')
      .selectAll()
      .where('merchant_ref', '=', topupId)
      .executeTakeFirstOrThrow();
    const { sign, SIGNATURE_HEADER } = await import('../payments/index.js');
    const body = JSON.stringify({
      eventId: `${txn.id}:paid-again`,
      kind: 'payment.succeeded',
      merchantRef: topupId,
      txnId: txn.id,
      amountFen: 200_00,
      at: core.clock.now(),
    });
    assert.equal(
      (
        await receiveTopupNotification(
          core.ctx,
          'sandbox',
          { [SIGNATURE_HEADER]: sign(core.sandboxSecret, body, core.clock.now()) },
          body,
        )
      ).outcome,
      'ignored',
    );
    assert.equal((await adAccount(core.ctx, shop.owner, shopOwner(shop.shopId))).balanceFen, 200_00);
    // spend 2.5 fen three times: 7.5 fen spent, 7 fen in the ledger's ad revenue
    await core.ctx.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 3; i++)
        assert.ok(await debitSpend(tx, shopOwner(shop.shopId), 2500, `test-${i}`, core.clock.now()));
    });
    assert.equal(await balanceOf(core.ctx.db, accountId('ad_revenue')), 7);
    acct = await withdrawAdBalance(core.ctx, shop.owner, shopOwner(shop.shopId), 100_00);
    assert.equal(acct.balanceMfen, 200_00_000 - 7500 - 100_00_000);
    assert.equal(await balanceOf(core.ctx.db, accountId('merchant_available', shop.shopId)), 100_00);
    assert.equal(
      await codeOf(withdrawAdBalance(core.ctx, shop.owner, shopOwner(shop.shopId), 100_00)),
      'AD_BALANCE_INSUFFICIENT',
      'only what is unspent comes back',
    );
    assert.equal(await codeOf(startTopup(core.ctx, shop.owner, shopOwner(shop.shopId), 50)), 'AD_AMOUNT_INVALID');
    assert.ok((await checkLedger(core.ctx.db)).ok);
    const recon = await compareWithProviders(core.ctx, core.clock.now() + 1);
    assert.deepEqual(recon.mismatches, [], "the provider's statement and the ledger agree on the top-up");
  });
});

test('campaigns: creatives must be the shop’s published videos; low experience scores and suspensions are refused with 409', async () => {
  await withCore(async (core) => {
    const { shop, adVideo } = await scene(core);
    const other = await makeShop(core, 'other-shop');
    const c = await createCampaign(core.ctx, shop.owner, shopOwner(shop.shopId), campaign(adVideo));
    assert.equal(c.productId, shop.productId);
    assert.equal(c.status, 'active');
    assert.equal(
      await codeOf(createCampaign(core.ctx, other.owner, shopOwner(other.shopId), campaign(adVideo))),
      'AD_CREATIVE_INVALID',
    );
    assert.equal(
      await codeOf(
        createCampaign(core.ctx, shop.owner, shopOwner(shop.shopId), { ...campaign(adVideo), name: '全网第一的橙子' }),
      ),
      'AD_CREATIVE_REJECTED',
      'the red lines apply to ads',
    );
    assert.equal(
      await codeOf(
        createCampaign(core.ctx, shop.owner, shopOwner(shop.shopId), { ...campaign(adVideo), dailyBudgetFen: 10 }),
      ),
      'AD_BUDGET_INVALID',
    );
    const now = core.clock.now();
    await core.ctx.db
      .insertInto('violation_penalties')
      .values({
        id: newId('violationPenalty', now),
        subject_kind: 'shop',
        subject_id: shop.shopId,
        ledger: 'general',
        milestone: 12,
        kind: 'paid_traffic_suspension',
        multiplier_permille: null,
        status: 'active',
        starts_at: now - 1,
        ends_at: now + 24 * HOUR,
        lifted_at: null,
        lift_reason: null,
        created_at: now,
      })
      .execute();
    assert.equal(
      await codeOf(createCampaign(core.ctx, shop.owner, shopOwner(shop.shopId), campaign(adVideo))),
      'AD_PAID_TRAFFIC_SUSPENDED',
    );
    await core.ctx.db
      .insertInto('experience_scores')
      .values({
        shop_id: other.shopId,
        day: '2026-01-01',
        computed_at: now,
        window_from: now - 1,
        window_to: now,
        orders: 100,
        category_id: null,
        status: 'scored',
        total: 50,
        product: 50,
        logistics: 50,
        service: 50,
        peers: 0,
        indicators: '[]',
      })
      .execute();
    const [otherVideo] = await insertTestVideos(
      core.ctx.db,
      [{ ownerId: other.owner.userId, publishedAt: now - HOUR }],
      now,
    );
    await core.ctx.db
      .insertInto('video_anchors')
      .values({ video_id: otherVideo!, product_id: other.productId, position: 0 })
      .execute();
    assert.equal(
      await codeOf(createCampaign(core.ctx, other.owner, shopOwner(other.shopId), campaign(otherVideo!))),
      'AD_SCORE_TOO_LOW',
    );
    assert.equal(
      await codeOf(setCampaignStatus(core.ctx, shop.owner, c.id, 'active')),
      'AD_PAID_TRAFFIC_SUSPENDED',
      'resuming checks again',
    );
  });
});

test('the feed: an ad at position 3 labelled 广告, billed once per impression, click and purchase attributed, in the report', async () => {
  await withCore(async (core) => {
    const { shop, adVideo } = await scene(core);
    const buyer = await makePerson(core, 'ad-viewer');
    await putPersonSettings(core.ctx, buyer, { personalizedRecommendation: false });
    const c = await createCampaign(core.ctx, shop.owner, shopOwner(shop.shopId), campaign(adVideo));
    const none = await feedWithAds(core.ctx, buyer.userId, {});
    assert.ok(
      none.ads.every((a) => a === null),
      'an account with no balance serves nothing',
    );
    await topUp(core, shop.owner, shopOwner(shop.shopId), 100_00);
    resetFeedCache(core.ctx.db);
    const page = await feedWithAds(core.ctx, buyer.userId, {}, { random: () => 0 });
    assert.equal(page.ads[2]?.campaignId, c.id, 'first ad at position 3');
    assert.equal(page.items[2]!.id, adVideo);
    assert.equal(page.ads.filter(Boolean).length, 1);
    assert.match(feedWithAdsToJson(page), /"label":"广告"/);
    const impressionId = page.ads[2]!.impressionId;
    const who = { userId: buyer.userId, viewerId: null };
    assert.deepEqual(await reportImpressions(core.ctx, who, [impressionId, impressionId]), {
      [impressionId]: 'billed',
    });
    assert.deepEqual(await reportImpressions(core.ctx, who, [impressionId]), { [impressionId]: 'duplicate' });
    assert.equal(
      await codeOf(reportImpressions(core.ctx, { userId: null, viewerId: 'someone-else' }, [impressionId])),
      'NOT_FOUND',
      "someone else's impression: as if it did not exist",
    );
    assert.equal(
      await codeOf(reportClick(core.ctx, { userId: null, viewerId: 'someone-else' }, impressionId)),
      'NOT_FOUND',
      'a forged click',
    );
    assert.deepEqual(await reportClick(core.ctx, who, impressionId), { counted: true });
    assert.deepEqual(await reportClick(core.ctx, who, impressionId), { counted: false }, 'a click counts once');
    // a second page right away: the same campaign again within a minute is invalid traffic
    const next = await feedWithAds(core.ctx, buyer.userId, {}, { random: () => 0 });
    const again = next.ads.find(Boolean);
    if (again)
      assert.deepEqual(await reportImpressions(core.ctx, who, [again.impressionId]), {
        [again.impressionId]: 'invalid',
      });
    // the buyer buys the product
    const placed = await checkout(core.ctx, buyer, {
      items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'video', contentId: adVideo } }],
    });
    const { cashierUrl } = await openCashier(core.ctx, buyer, placed.body.payment.id);
    await core.sandbox.complete(cashierUrl.split('/').pop()!, 'paid');
    await deliver(core);
    await core.outbox.dispatchOnce();
    const report = await campaignReport(core.ctx, shop.owner, c.id);
    assert.equal(report.total.impressions, 1);
    assert.equal(report.total.clicks, 1);
    assert.equal(report.total.conversions, 1);
    assert.equal(report.total.gmvFen, 2990);
    assert.ok(report.total.spendFen >= 0 && report.total.cpmFen > 0);
    if (again) assert.equal(report.invalidByReason.repeat_viewer, 1);
    const admin = await makePerson(core, 'ad-admin', ['admin'], false);
    const overview = await adsOverview(core.ctx, admin);
    assert.equal(overview.creatives[0]!.campaignId, c.id);
    assert.ok((await checkLedger(core.ctx.db)).ok);
  });
});

/** A creator with a published video of their own carrying the shop's product (promoted through affiliate). */
async function creatorScene(
  core: TestCore,
  shop: ShopFixture,
  login = `ad-creator-${Math.random().toString(36).slice(2, 7)}`,
): Promise<{ creator: Actor; video: string }> {
  const creator = await makePerson(core, login, ['creator'], false);
  const now = core.clock.now();
  const [video] = await insertTestVideos(
    core.ctx.db,
    [{ ownerId: creator.userId, publishedAt: now - 40 * 24 * HOUR, title: '我家的橙子测评' }],
    now,
  );
  await core.ctx.db
    .insertInto('video_anchors')
    .values({ video_id: video!, product_id: shop.productId, position: 0 })
    .execute();
  return { creator, video: video! };
}

test('the auction observer: an even campaign the throttle lets in bids and wins; one the throttle keeps out is reported with its spend and the pacing curve', async () => {
  await withCore(async (core) => {
    const { shop, adVideo } = await scene(core);
    const viewer = await makePerson(core, 'trace-viewer');
    await putPersonSettings(core.ctx, viewer, { personalizedRecommendation: false });
    const c = await createCampaign(core.ctx, shop.owner, shopOwner(shop.shopId), {
      ...campaign(adVideo),
      pacing: 'even',
    });
    await topUp(core, shop.owner, shopOwner(shop.shopId), 100_00);
    resetFeedCache(core.ctx.db);
    const open: AuctionTrace[] = [];
    const page = await feedWithAds(core.ctx, viewer.userId, {}, { random: () => 0, onAuction: (a) => open.push(a) });
    assert.equal(open.length, 1, 'one ad slot on the first page, one auction');
    assert.deepEqual(open[0]!.throttled, []);
    assert.equal(open[0]!.bids.length, 1);
    assert.equal(open[0]!.bids[0]!.campaignId, c.id);
    assert.ok(open[0]!.bids[0]!.score > 0);
    assert.equal(open[0]!.winner?.campaignId, c.id);
    assert.ok(open[0]!.winner!.priceMfen >= 1);
    assert.equal(page.ads[2]?.campaignId, c.id);
    // a throttle that keeps everyone out (a draw of 1 is never under the participation)
    const shut: AuctionTrace[] = [];
    const none = await feedWithAds(core.ctx, viewer.userId, {}, { random: () => 1, onAuction: (a) => shut.push(a) });
    assert.ok(none.ads.every((a) => a === null));
    assert.equal(shut.length, 1);
    assert.deepEqual(shut[0]!.bids, []);
    assert.equal(shut[0]!.winner, null);
    assert.equal(shut[0]!.throttled.length, 1);
    const t = shut[0]!.throttled[0]!;
    assert.equal(t.campaignId, c.id);
    assert.equal(t.spentMfen, 0, 'the served ad is not billed until its impression is reported');
    assert.ok(t.allowedMfen > 0 && t.allowedMfen <= 100_00 * 1000, `allowed ${t.allowedMfen}`);
  });
});

test('creator ad account: top-up through the provider into creator_ad_balance, spend to ad revenue, unspent balance back to the commission balance; the ledger check covers it', async () => {
  await withCore(async (core) => {
    const { shop } = await scene(core);
    const { creator } = await creatorScene(core, shop);
    const me = creatorOwner(creator.userId);
    const topupId = await topUp(core, creator, me, 300_00);
    let acct = await adAccount(core.ctx, creator, me);
    assert.deepEqual(acct.owner, me);
    assert.equal(acct.balanceFen, 300_00);
    assert.equal(acct.topups[0]!.id, topupId);
    assert.equal(await balanceOf(core.ctx.db, accountId('creator_ad_balance', creator.userId)), 300_00);
    assert.equal(
      await balanceOf(core.ctx.db, accountId('ad_balance', creator.userId)),
      0,
      "a creator's money is not in a shop's kind of account",
    );
    await core.ctx.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 4; i++) assert.ok(await debitSpend(tx, me, 2500, `creator-test-${i}`, core.clock.now()));
    });
    assert.equal(await balanceOf(core.ctx.db, accountId('ad_revenue')), 10);
    assert.equal(await balanceOf(core.ctx.db, accountId('creator_ad_balance', creator.userId)), 300_00 - 10);
    acct = await withdrawAdBalance(core.ctx, creator, me, 200_00);
    assert.equal(acct.balanceMfen, 300_00_000 - 10_000 - 200_00_000);
    assert.equal(
      await balanceOf(core.ctx.db, accountId('creator_available', creator.userId)),
      200_00,
      'withdrawn to what creators are paid out from',
    );
    assert.equal(await codeOf(withdrawAdBalance(core.ctx, creator, me, 100_00)), 'AD_BALANCE_INSUFFICIENT');
    // another person: someone else's account is as if it did not exist; a non-creator cannot hold one
    const other = await makePerson(core, 'ad-other-creator', ['creator'], false);
    assert.equal(await codeOf(adAccount(core.ctx, other, me)), 'NOT_FOUND');
    assert.equal(await codeOf(withdrawAdBalance(core.ctx, other, me, 1)), 'NOT_FOUND');
    assert.equal(await codeOf(startTopup(core.ctx, other, me, 100_00)), 'NOT_FOUND');
    const shopper = await makePerson(core, 'ad-plain-shopper', [], false);
    assert.equal(await codeOf(startTopup(core.ctx, shopper, creatorOwner(shopper.userId), 100_00)), 'FORBIDDEN');
    let report = await checkLedger(core.ctx.db);
    assert.deepEqual(report.adBalanceProblems, []);
    assert.ok(report.ok);
    const recon = await compareWithProviders(core.ctx, core.clock.now() + 1);
    assert.deepEqual(recon.mismatches, [], "the provider's statement and the ledger agree on the creator's top-up");
    // the check sees an ad account that disagrees with its ledger balance
    await core.ctx.db
      .updateTable('ad_accounts')
      .set({ topped_up_fen: 301_00 })
      .where('owner_kind', '=', 'creator')
      .where('owner_id', '=', creator.userId)
      .execute();
    report = await checkLedger(core.ctx.db);
    assert.deepEqual(report.adBalanceProblems, [
      {
        accountId: accountId('creator_ad_balance', creator.userId),
        expectedFen: 100_00 - 10 + 1_00,
        ledgerFen: 100_00 - 10,
      },
    ]);
    assert.equal(report.ok, false);
  });
});

test("creator campaigns: only their own published videos or live room, never someone else's video nor a product directly; suspension is refused; scoped to the creator", async () => {
  await withCore(async (core) => {
    const { shop, adVideo } = await scene(core);
    const { creator, video } = await creatorScene(core, shop);
    const rival = await creatorScene(core, shop);
    const me = creatorOwner(creator.userId);
    assert.deepEqual(
      (await adCreatives(core.ctx, creator, me)).map((c) => [c.videoId, c.productId]),
      [[video, shop.productId]],
    );
    const c = await createCampaign(core.ctx, creator, me, campaign(video));
    assert.deepEqual(c.owner, me);
    assert.equal(c.productId, shop.productId, 'the product the video carries is the one attributed');
    assert.equal(
      await codeOf(createCampaign(core.ctx, creator, me, campaign(rival.video))),
      'AD_CREATIVE_INVALID',
      "another creator's video",
    );
    assert.equal(
      await codeOf(createCampaign(core.ctx, creator, me, campaign(adVideo))),
      'AD_CREATIVE_INVALID',
      "the shop's video",
    );
    assert.equal(
      await codeOf(createCampaign(core.ctx, creator, me, { ...campaign(video), promote: 'product' })),
      'AD_CREATIVE_INVALID',
      'a product directly',
    );
    assert.equal(
      await codeOf(
        createCampaign(core.ctx, creator, me, {
          ...campaign(video),
          promote: 'live_room',
          liveRoomId: 'liveRoom_nope',
          goal: 'live_entries',
        }),
      ),
      'AD_CREATIVE_INVALID',
    );
    assert.equal(
      await codeOf(createCampaign(core.ctx, rival.creator, me, campaign(video))),
      'NOT_FOUND',
      "on someone else's behalf",
    );
    assert.equal(await codeOf(campaignView(core.ctx, rival.creator, c.id)), 'NOT_FOUND');
    assert.equal(await codeOf(setCampaignStatus(core.ctx, rival.creator, c.id, 'paused')), 'NOT_FOUND');
    assert.equal(await codeOf(campaignReport(core.ctx, rival.creator, c.id)), 'NOT_FOUND');
    assert.equal(
      await codeOf(campaignView(core.ctx, shop.owner, c.id)),
      'NOT_FOUND',
      "the shop whose product it carries does not see the creator's campaign",
    );
    assert.deepEqual(
      (await listCampaigns(core.ctx, creator, me)).map((x) => x.id),
      [c.id],
    );
    assert.deepEqual(await listCampaigns(core.ctx, shop.owner, shopOwner(shop.shopId)), []);
    assert.equal((await setCampaignStatus(core.ctx, creator, c.id, 'paused')).status, 'paused');
    const now = core.clock.now();
    await core.ctx.db
      .insertInto('violation_penalties')
      .values({
        id: newId('violationPenalty', now),
        subject_kind: 'creator',
        subject_id: creator.userId,
        ledger: 'general',
        milestone: 12,
        kind: 'paid_traffic_suspension',
        multiplier_permille: null,
        status: 'active',
        starts_at: now - 1,
        ends_at: now + 24 * HOUR,
        lifted_at: null,
        lift_reason: null,
        created_at: now,
      })
      .execute();
    assert.equal(await codeOf(createCampaign(core.ctx, creator, me, campaign(video))), 'AD_PAID_TRAFFIC_SUSPENDED');
    assert.equal(
      await codeOf(setCampaignStatus(core.ctx, creator, c.id, 'active')),
      'AD_PAID_TRAFFIC_SUSPENDED',
      'resuming checks again',
    );
    assert.equal(
      (await createCampaign(core.ctx, rival.creator, creatorOwner(rival.creator.userId), campaign(rival.video))).status,
      'active',
      'the other creator is not suspended',
    );
    // A live room: the creator's own, not another creator's nor a shop's.
    const { id: ownRoom } = await createRoom(core.ctx, rival.creator, { title: '达人直播间' });
    const { id: shopRoom } = await createRoom(core.ctx, shop.owner, { title: '店铺直播间', shopId: shop.shopId });
    const live = (liveRoomId: string) => ({
      ...campaign(rival.video),
      promote: 'live_room' as const,
      videoId: undefined,
      liveRoomId,
      goal: 'live_entries' as const,
    });
    const roomCampaign = await createCampaign(
      core.ctx,
      rival.creator,
      creatorOwner(rival.creator.userId),
      live(ownRoom),
    );
    assert.equal(roomCampaign.liveRoomId, ownRoom);
    assert.equal(roomCampaign.videoId, null);
    assert.equal(
      await codeOf(createCampaign(core.ctx, rival.creator, creatorOwner(rival.creator.userId), live(shopRoom))),
      'AD_CREATIVE_INVALID',
      "a shop's room",
    );
    const third = await creatorScene(core, shop);
    assert.equal(
      await codeOf(createCampaign(core.ctx, third.creator, creatorOwner(third.creator.userId), live(ownRoom))),
      'AD_CREATIVE_INVALID',
      "another creator's room",
    );
  });
});

test("a creator's ad in the feed: billed from the creator's balance; the purchase keeps the creator's attribution and counts for the campaign", async () => {
  await withCore(async (core) => {
    const { shop } = await scene(core);
    const { creator, video } = await creatorScene(core, shop);
    const me = creatorOwner(creator.userId);
    const buyer = await makePerson(core, 'creator-ad-viewer');
    await putPersonSettings(core.ctx, buyer, { personalizedRecommendation: false });
    const c = await createCampaign(core.ctx, creator, me, campaign(video));
    assert.ok(
      (await feedWithAds(core.ctx, buyer.userId, {})).ads.every((a) => a === null),
      'no balance, no ads',
    );
    await topUp(core, creator, me, 100_00);
    resetFeedCache(core.ctx.db);
    const page = await feedWithAds(core.ctx, buyer.userId, {}, { random: () => 0 });
    assert.equal(page.ads[2]?.campaignId, c.id);
    assert.equal(page.items[2]!.id, video);
    assert.match(feedWithAdsToJson(page), /"label":"广告"/);
    const impressionId = page.ads[2]!.impressionId;
    const who = { userId: buyer.userId, viewerId: null };
    assert.deepEqual(await reportImpressions(core.ctx, who, [impressionId]), { [impressionId]: 'billed' });
    assert.deepEqual(await reportClick(core.ctx, who, impressionId), { counted: true });
    const serve = await core.ctx.db
      .selectFrom('ad_serves')
      .selectAll()
      .where('id', '=', impressionId)
      .executeTakeFirstOrThrow();
    const acct = await adAccount(core.ctx, creator, me);
    assert.equal(
      acct.balanceMfen,
      100_00_000 - Number(serve.billed_mfen),
      "the impression was paid from the creator's balance",
    );
    assert.ok(Number(serve.billed_mfen) > 0);
    const placed = await checkout(core.ctx, buyer, {
      items: [
        {
          skuId: shop.skuIds[0]!,
          quantity: 1,
          attribution: { source: 'video', contentId: video, creatorId: creator.userId },
        },
      ],
    });
    const line = await core.ctx.db
      .selectFrom('order_lines')
      .select(['attr_creator_id', 'attr_content_id'])
      .where('order_id', '=', placed.body.orders[0]!.id)
      .executeTakeFirstOrThrow();
    const { cashierUrl } = await openCashier(core.ctx, buyer, placed.body.payment.id);
    await core.sandbox.complete(cashierUrl.split('/').pop()!, 'paid');
    await deliver(core);
    await core.outbox.dispatchOnce();
    const after = await core.ctx.db
      .selectFrom('order_lines')
      .select(['attr_creator_id', 'attr_content_id'])
      .where('order_id', '=', placed.body.orders[0]!.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      after,
      line,
      "the ad leaves the order's own attribution (the creator's commission) as the checkout recorded it",
    );
    assert.equal(after.attr_content_id, video);
    assert.equal(after.attr_creator_id, creator.userId, 'the order credits the creator whose video sold it');
    const report = await campaignReport(core.ctx, creator, c.id);
    assert.equal(report.total.impressions, 1);
    assert.equal(report.total.clicks, 1);
    assert.equal(report.total.conversions, 1);
    assert.equal(report.total.gmvFen, 2990);
    assert.equal(report.total.spendFen, Math.floor(Number(serve.billed_mfen) / 1000));
    assert.ok((await checkLedger(core.ctx.db)).ok);
    // Suspended for violation points: the running campaign serves nothing meanwhile.
    const viewer = await makePerson(core, 'creator-ad-viewer-2');
    await putPersonSettings(core.ctx, viewer, { personalizedRecommendation: false });
    resetFeedCache(core.ctx.db);
    assert.equal(
      (await feedWithAds(core.ctx, viewer.userId, {}, { random: () => 0 })).ads[2]?.campaignId,
      c.id,
      'served before',
    );
    const now = core.clock.now();
    await core.ctx.db
      .insertInto('violation_penalties')
      .values({
        id: newId('violationPenalty', now),
        subject_kind: 'creator',
        subject_id: creator.userId,
        ledger: 'general',
        milestone: 12,
        kind: 'paid_traffic_suspension',
        multiplier_permille: null,
        status: 'active',
        starts_at: now - 1,
        ends_at: now + 24 * HOUR,
        lifted_at: null,
        lift_reason: null,
        created_at: now,
      })
      .execute();
    const other = await makePerson(core, 'creator-ad-viewer-3');
    await putPersonSettings(core.ctx, other, { personalizedRecommendation: false });
    resetFeedCache(core.ctx.db);
    assert.ok(
      (await feedWithAds(core.ctx, other.userId, {}, { random: () => 0 })).ads.every((a) => a === null),
      "a suspended creator's campaign is not served",
    );
  });
});

for (const kind of ['shop', 'creator'] as const) {
  test(`property (${kind}): concurrent impressions never take the balance below zero nor the day over budget by more than one price`, async () => {
    await withCore(async (core) => {
      const { shop, adVideo } = await scene(core);
      const creatorSide = kind === 'creator' ? await creatorScene(core, shop) : null;
      const owner = creatorSide ? creatorOwner(creatorSide.creator.userId) : shopOwner(shop.shopId);
      const actor = creatorSide ? creatorSide.creator : shop.owner;
      const video = creatorSide ? creatorSide.video : adVideo;
      await topUp(core, actor, owner, 1_00);
      const c = await createCampaign(core.ctx, actor, owner, campaign(video));
      let round = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 40_000 }), { minLength: 1, maxLength: 12 }),
          async (prices) => {
            round++;
            const now = core.clock.now();
            const ids = prices.map(() => newId('adServe', now));
            await core.ctx.db
              .insertInto('ad_serves')
              .values(
                prices.map((p, i) => ({
                  id: ids[i]!,
                  campaign_id: c.id,
                  owner_kind: owner.kind,
                  owner_id: owner.id,
                  viewer_key: `anon:viewer-${round}-${i}`,
                  video_id: video,
                  product_id: shop.productId,
                  ecpm_fen: p,
                  price_mfen: p,
                  status: 'served',
                  invalid_reason: null,
                  billed_mfen: 0,
                  served_at: now,
                  seen_at: null,
                  clicked_at: null,
                  click_status: null,
                })),
              )
              .execute();
            await Promise.all(
              ids.map((id, i) => reportImpressions(core.ctx, { userId: null, viewerId: `viewer-${round}-${i}` }, [id])),
            );
            const a = await core.ctx.db
              .selectFrom('ad_accounts')
              .selectAll()
              .where('owner_kind', '=', owner.kind)
              .where('owner_id', '=', owner.id)
              .executeTakeFirstOrThrow();
            assert.ok(Number(a.balance_mfen) >= 0, 'the balance never goes below zero');
            const billed = await core.ctx.db
              .selectFrom('ad_serves')
              .select((eb) => eb.fn.sum<number | string>('billed_mfen').as('s'))
              .where('owner_kind', '=', owner.kind)
              .where('owner_id', '=', owner.id)
              .executeTakeFirstOrThrow();
            assert.equal(Number(a.spent_mfen), Number(billed.s ?? 0), 'what was billed is what was spent');
            assert.equal(Number(a.balance_mfen) + Number(a.spent_mfen), 1_00_000, 'top-up = balance + spend');
            const day = await core.ctx.db
              .selectFrom('ad_campaign_days')
              .select('spent_mfen')
              .where('campaign_id', '=', c.id)
              .execute();
            for (const d of day)
              assert.ok(
                Number(d.spent_mfen) <= 100_00 * 1000 + 40_000,
                "the day's budget is passed by at most one price",
              );
            const check = await checkLedger(core.ctx.db);
            assert.deepEqual(check.adBalanceProblems, []);
            assert.ok(check.ok);
          },
        ),
        { numRuns: 15 },
      );
    });
  });
}
