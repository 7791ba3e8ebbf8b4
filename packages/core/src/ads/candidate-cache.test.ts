import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withTestCore, type TestCore } from '../test-support/index.js';
import { resetFeedCache } from '../feed/index.js';
import { statementsExecuted } from '../storage/index.js';
import { adDay } from './ad-rules.js';
import { shopOwner } from './ad-types.js';
import { receiveTopupNotification, startTopup, withdrawAdBalance } from './ad-account.js';
import { setCampaignStatus } from './campaigns.js';
import { feedWithAds, liveCandidates, type AuctionTrace } from './auction.js';
import { reportImpressions } from './billing.js';
import {
  balanceNearZero,
  budgetReached,
  CANDIDATES_HOLD_MS,
  dropHeldCandidates,
  heldListServes,
  roomEventDrops,
} from './candidate-cache.js';
import { runningCampaign } from './test-support/scene.js';
import { removeVideo } from '../content/index.js';

let viewers = 0;

/** A fresh anonymous viewer's first page: the campaigns that bid in its auctions, those the throttle kept out, and its ads. */
async function page(core: TestCore): Promise<{
  viewerId: string;
  bids: Set<string>;
  throttled: Set<string>;
  ads: Array<{ impressionId: string; campaignId: string }>;
}> {
  resetFeedCache(core.ctx.db);
  const viewerId = `held-list-viewer-${++viewers}`;
  const bids = new Set<string>();
  const throttled = new Set<string>();
  const onAuction = (a: AuctionTrace): void => {
    for (const b of a.bids) bids.add(b.campaignId);
    for (const t of a.throttled) throttled.add(t.campaignId);
  };
  const p = await feedWithAds(core.ctx, null, { viewerId }, { random: () => 0, onAuction });
  return { viewerId, bids, throttled, ads: p.ads.flatMap((a) => (a ? [a] : [])) };
}

test('the held list: served for less than a second of the same ad day, never to a clock set back; what drops it', () => {
  const held = { at: 10_000, day: '2026-03-02' };
  assert.equal(heldListServes(null, 10_000, '2026-03-02'), false);
  assert.equal(heldListServes(held, 10_000, '2026-03-02'), true);
  assert.equal(heldListServes(held, 10_000 + CANDIDATES_HOLD_MS - 1, '2026-03-02'), true);
  assert.equal(heldListServes(held, 10_000 + CANDIDATES_HOLD_MS, '2026-03-02'), false);
  assert.equal(heldListServes(held, 10_500, '2026-03-03'), false, 'a new ad day reads again');
  assert.equal(heldListServes(held, 9_999, '2026-03-02'), false, 'a clock set back reads again');
  assert.equal(budgetReached(99_999, 100), false);
  assert.equal(budgetReached(100_000, 100), true);
  assert.equal(budgetReached(100_400, 100), true);
  assert.equal(balanceNearZero(0, 2_500), true);
  assert.equal(balanceNearZero(2_499, 2_500), true, 'the next impression at this price could not be paid');
  assert.equal(balanceNearZero(2_500, 2_500), false);
  assert.equal(balanceNearZero(0, 0), true);
  assert.equal(roomEventDrops({ roomId: 'r', kind: 'opened' }), true, 'a room went live');
  assert.equal(roomEventDrops({ roomId: 'r', kind: 'ended' }), true, 'a room ended');
  assert.equal(roomEventDrops({ roomId: 'r', kind: 'changed' }), false);
  assert.equal(roomEventDrops({ roomId: 'r', kind: 'pin', productId: null }), false);
});

test('pausing a campaign takes it out of the very next auction, resuming puts it back, the clock standing still', async () => {
  await withTestCore(async (core) => {
    const { owner, campaignId } = await runningCampaign(core);
    assert.ok((await page(core)).bids.has(campaignId), 'the running campaign bids (and the list is held)');
    await setCampaignStatus(core.ctx, owner, campaignId, 'paused');
    const paused = await page(core);
    assert.equal(paused.bids.has(campaignId), false);
    assert.equal(paused.ads.length, 0);
    await setCampaignStatus(core.ctx, owner, campaignId, 'active');
    assert.ok((await page(core)).bids.has(campaignId), 'resumed: back at once');
  });
});

test("billing that reaches a campaign's daily budget takes it out of the very next auction, the clock standing still", async () => {
  await withTestCore(async (core) => {
    const { campaignId } = await runningCampaign(core);
    const first = await page(core);
    const ad = first.ads.find((a) => a.campaignId === campaignId);
    assert.ok(ad, 'served, and the list is held');
    // Today's spend one milli-fen short of the budget, written past the held list (as another process would).
    const budgetMfen = 100_00 * 1000;
    await core.ctx.db
      .insertInto('ad_campaign_days')
      .values({ campaign_id: campaignId, day: adDay(core.clock.now()), spent_mfen: budgetMfen - 1, impressions: 0 })
      .execute();
    assert.ok((await page(core)).bids.has(campaignId), 'the held list does not know of that spend yet');
    const billed = await reportImpressions(core.ctx, { userId: null, viewerId: first.viewerId }, [ad.impressionId]);
    assert.equal(billed[ad.impressionId], 'billed');
    const after = await page(core);
    assert.equal(after.bids.has(campaignId), false, 'its budget spent, it bids no more');
    assert.ok(
      after.throttled.has(campaignId),
      'the pacing throttle keeps it out: the re-read list has the day’s spend',
    );
    assert.equal(after.ads.length, 0);
  });
});

test('an account withdrawn to zero, or spent to zero by billing, takes its campaigns out of the very next auction; a top-up brings them back', async () => {
  await withTestCore(async (core) => {
    const { owner, shopId, campaignId } = await runningCampaign(core);
    assert.ok((await page(core)).bids.has(campaignId));
    await withdrawAdBalance(core.ctx, owner, shopOwner(shopId), 100_00);
    assert.equal((await page(core)).bids.has(campaignId), false, 'withdrawn to zero');
    const { cashierUrl } = await startTopup(core.ctx, owner, shopOwner(shopId), 50_00);
    await core.sandbox.complete(cashierUrl.split('/').pop()!, 'paid');
    await core.sandbox.deliverDue(100, async (_url, body, headers) => {
      await receiveTopupNotification(core.ctx, 'sandbox', headers, body);
      return 200;
    });
    const topped = await page(core);
    assert.ok(topped.bids.has(campaignId), 'topped up: back at once');
    const ad = topped.ads.find((a) => a.campaignId === campaignId)!;
    const serve = await core.ctx.db
      .selectFrom('ad_serves')
      .select('price_mfen')
      .where('id', '=', ad.impressionId)
      .executeTakeFirstOrThrow();
    // The balance down to exactly this impression's price, written past the held list.
    await core.ctx.db
      .updateTable('ad_accounts')
      .set({ balance_mfen: Number(serve.price_mfen) })
      .where('owner_kind', '=', 'shop')
      .where('owner_id', '=', shopId)
      .execute();
    assert.ok((await page(core)).bids.has(campaignId), 'the held list does not know of that balance yet');
    const billed = await reportImpressions(core.ctx, { userId: null, viewerId: topped.viewerId }, [ad.impressionId]);
    assert.equal(billed[ad.impressionId], 'billed');
    const after = await page(core);
    assert.equal(after.bids.has(campaignId), false, 'spent to zero: out at once');
    assert.equal(after.ads.length, 0);
  });
});

test('a change made past this process (directly in the store) is seen once the second is over', async () => {
  await withTestCore(async (core) => {
    const { campaignId } = await runningCampaign(core);
    assert.ok((await page(core)).bids.has(campaignId));
    await core.ctx.db.updateTable('ad_campaigns').set({ status: 'paused' }).where('id', '=', campaignId).execute();
    assert.ok((await page(core)).bids.has(campaignId), 'held: the same instant');
    core.clock.advance(CANDIDATES_HOLD_MS - 1);
    assert.ok((await page(core)).bids.has(campaignId), 'held: still within the second');
    core.clock.advance(1);
    assert.equal((await page(core)).bids.has(campaignId), false, 'read again after a second');
  });
});

test('with nothing changed, pages within the second do not run the join again; pages arriving during a read share it', async () => {
  await withTestCore(async (core) => {
    const { campaignId } = await runningCampaign(core);
    const counted = async <T>(work: () => Promise<T>): Promise<{ value: T; statements: number }> => {
      const before = statementsExecuted();
      const value = await work();
      return { value, statements: statementsExecuted() - before };
    };
    const now = core.clock.now();
    dropHeldCandidates(core.ctx.db);
    const read = await counted(() => liveCandidates(core.ctx, now));
    assert.deepEqual(
      read.value.map((c) => c.id),
      [campaignId],
    );
    // The join, then the two uncached lookups (paid-traffic suspensions, the shop's experience score).
    assert.equal(read.statements, 3);
    const held = await counted(() => liveCandidates(core.ctx, now + 500));
    assert.deepEqual(held.value, read.value);
    assert.equal(held.statements, 2, 'held: only the suspensions and the scores');
    assert.equal((await counted(() => liveCandidates(core.ctx, now + CANDIDATES_HOLD_MS))).statements, 3);
    dropHeldCandidates(core.ctx.db);
    const both = await counted(() => Promise.all([liveCandidates(core.ctx, now), liveCandidates(core.ctx, now + 1)]));
    assert.equal(both.statements, 3 + 2, 'two pages during one read: one join');
    assert.deepEqual(both.value[0], both.value[1]);

    // Whole pages (after a few that warm the feed's own caches): a fresh viewer's page on the held
    // list runs as many statements as the one before it, and exactly one fewer than the same page after a drop.
    for (let i = 0; i < 3; i++) await page(core);
    const before = await counted(() => page(core));
    const onHeld = await counted(() => page(core));
    assert.equal(onHeld.statements, before.statements);
    dropHeldCandidates(core.ctx.db);
    const afterDrop = await counted(() => page(core));
    assert.ok(onHeld.value.bids.has(campaignId) && afterDrop.value.bids.has(campaignId));
    assert.equal(afterDrop.statements - onHeld.statements, 1);
  });
});

test('a video creative taken down is not shown nor recorded as served on the very next page, though the held list still has it', async () => {
  await withTestCore(async (core) => {
    const { owner, campaignId, videoId } = await runningCampaign(core);
    assert.ok((await page(core)).ads.some((a) => a.campaignId === campaignId));
    await removeVideo(core.ctx, owner, videoId);
    const next = await page(core);
    assert.ok(
      next.bids.has(campaignId),
      'the held list still has it (the take-down was written by the content module)',
    );
    assert.equal(next.ads.length, 0, 'its card says it is no longer published: not shown');
    const served = await core.ctx.db
      .selectFrom('ad_serves')
      .select('id')
      .where('viewer_key', '=', `anon:${next.viewerId}`)
      .execute();
    assert.deepEqual(served, [], 'nor recorded as served');
    core.clock.advance(CANDIDATES_HOLD_MS);
    assert.equal((await page(core)).bids.has(campaignId), false, 'a second later it is out of the list');
  });
});
