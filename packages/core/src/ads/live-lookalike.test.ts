import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, withTestCore, type ShopFixture, type TestCore } from '../test-support/index.js';
import { insertTestVideos, resetFeedCache } from '../feed/index.js';
import { putPersonSettings, ingestEvents } from '../events/index.js';
import { checkLedger } from '../ledger/index.js';
import { checkout } from '../checkout/index.js';
import { openCashier } from '../payments/index.js';
import { loadActor } from '../accounts/index.js';
import { createRoom, openRoom, endLiveRoom } from '../live/index.js';
import { recommendService, runningRecommendService } from '../recommend/index.js';
import type { Actor } from '../context.js';
import { shopOwner } from './ad-types.js';
import { receiveTopupNotification, startTopup } from './ad-account.js';
import { createCampaign, campaignView } from './campaigns.js';
import { feedWithAds, feedWithAdsToJson } from './auction.js';
import { reportImpressions } from './billing.js';
import { reportRoomEntry } from './live-ads.js';
import { campaignReport } from './reports.js';
import { refreshAdAudiences } from './audiences.js';
import { nearestToCentroid, seedCentroid } from './audience-rules.js';
import { receiveNotification } from '../orders/index.js';

const HOUR = 3_600_000;

/** The engine's steps finished and its subscription dropped before the store goes. */
const stopEngine = async (core: TestCore): Promise<void> => {
  const service = runningRecommendService(core.ctx);
  await service?.flushSteps();
  service?.unsubscribe();
};
const withCore = (fn: (core: TestCore) => Promise<void>): Promise<void> =>
  withTestCore(fn, { opened: (core) => resetFeedCache(core.ctx.db), closing: stopEngine });

async function deliver(core: TestCore): Promise<void> {
  await core.sandbox.deliverDue(100, async (url, body, headers) => {
    if (url.includes('/ads/topups/notify/')) await receiveTopupNotification(core.ctx, 'sandbox', headers, body);
    else await receiveNotification(core.ctx, 'sandbox', headers, body);
    return 200;
  });
}

async function topUp(core: TestCore, owner: Actor, shopId: string, fen: number): Promise<void> {
  const { cashierUrl } = await startTopup(core.ctx, owner, shopOwner(shopId), fen);
  await core.sandbox.complete(cashierUrl.split('/').pop()!, 'paid');
  await deliver(core);
}

async function organic(core: TestCore, n = 20): Promise<string[]> {
  const creator = await makePerson(core, `creator-${Math.random().toString(36).slice(2, 7)}`, ['creator'], false);
  const now = core.clock.now();
  return insertTestVideos(
    core.ctx.db,
    Array.from({ length: n }, (_, i) => ({ ownerId: creator.userId, publishedAt: now - (i + 2) * HOUR })),
    now,
  );
}

const liveCampaign = (liveRoomId: string) => ({
  name: '直播间推广',
  promote: 'live_room' as const,
  liveRoomId,
  goal: 'live_entries' as const,
  bidKind: 'cost_cap' as const,
  costCapFen: 500,
  dailyBudgetFen: 100_00,
  pacing: 'fast' as const,
});

test('live-room campaigns: served as the room’s card while the room is live, billed per impression, converting on room entry; not served once the room ends', async () => {
  await withCore(async (core) => {
    await organic(core);
    const shop = await makeShop(core, 'live-ad-shop');
    const host = await loadActor(core.ctx.db, shop.owner.userId);
    const { id: roomId } = await createRoom(core.ctx, host, { title: '橙子产地直播', shopId: shop.shopId });
    await topUp(core, shop.owner, shop.shopId, 100_00);
    const c = await createCampaign(core.ctx, host, shopOwner(shop.shopId), liveCampaign(roomId));
    assert.equal(c.liveRoomId, roomId);
    assert.equal(c.creativeTitle, '橙子产地直播');
    const viewer = await makePerson(core, 'live-ad-viewer');

    const scheduled = await feedWithAds(core.ctx, viewer.userId, {}, { random: () => 0 });
    assert.ok(
      scheduled.ads.every((a) => a === null),
      'a room that is not live is not served',
    );

    await openRoom(core.ctx, host, roomId);
    resetFeedCache(core.ctx.db);
    const page = await feedWithAds(core.ctx, viewer.userId, {}, { random: () => 0 });
    const ad = page.ads[2];
    assert.equal(ad?.campaignId, c.id, 'the live room wins the first ad slot');
    assert.equal(ad?.liveRoom?.id, roomId);
    assert.equal(page.items[2]!.id, roomId, 'the feed item is the live room’s card');
    assert.equal(page.items[2]!.title, '橙子产地直播');
    const json = JSON.parse(feedWithAdsToJson(page)) as {
      items: Array<{ id: string; ad?: { label: string; liveRoom?: { id: string } } }>;
    };
    assert.equal(json.items[2]!.ad?.label, '广告');
    assert.equal(json.items[2]!.ad?.liveRoom?.id, roomId);

    const who = { userId: viewer.userId, viewerId: null };
    assert.equal(
      await reportRoomEntry(core.ctx, who, ad!.impressionId).then((r) => r.outcome),
      'not_billed',
      'an entry before the impression is billed does not count',
    );
    assert.deepEqual(await reportImpressions(core.ctx, who, [ad!.impressionId]), { [ad!.impressionId]: 'billed' });
    assert.deepEqual(await reportRoomEntry(core.ctx, who, ad!.impressionId), { outcome: 'converted' });
    assert.deepEqual(
      await reportRoomEntry(core.ctx, who, ad!.impressionId),
      { outcome: 'duplicate' },
      'an entry counts once',
    );
    await assert.rejects(
      reportRoomEntry(core.ctx, { userId: null, viewerId: 'someone-else' }, ad!.impressionId),
      /not found/i,
      'someone else’s impression: as if it did not exist',
    );

    const report = await campaignReport(core.ctx, host, c.id);
    assert.equal(report.total.impressions, 1);
    assert.equal(report.total.conversions, 1);
    assert.ok(report.total.spendFen >= 0 && report.total.cpmFen > 0, 'billed per impression');
    assert.ok(report.total.costPerConversionFen !== null);
    assert.equal((await campaignView(core.ctx, host, c.id)).conversions, 1);

    // a second impression, then the room ends: the entry no longer converts, and the room is not served
    core.clock.advance(2 * 60_000);
    const other = await makePerson(core, 'live-ad-viewer-2');
    const page2 = await feedWithAds(core.ctx, other.userId, {}, { random: () => 0 });
    const ad2 = page2.ads.find(Boolean)!;
    assert.equal(ad2.liveRoom?.id, roomId);
    const who2 = { userId: other.userId, viewerId: null };
    await reportImpressions(core.ctx, who2, [ad2.impressionId]);
    await endLiveRoom(core.ctx, host, roomId);
    assert.deepEqual(await reportRoomEntry(core.ctx, who2, ad2.impressionId), { outcome: 'room_not_live' });
    resetFeedCache(core.ctx.db);
    const after = await feedWithAds(
      core.ctx,
      (await makePerson(core, 'live-ad-viewer-3')).userId,
      {},
      { random: () => 0 },
    );
    assert.ok(
      after.ads.every((a) => a === null),
      'an ended room is not served',
    );
    assert.ok((await checkLedger(core.ctx.db)).ok);
  });
});

test('lookalike rules: the audience is the candidates nearest the seeds’ centroid, above the floor, closest first', () => {
  const dim = 3;
  const seeds = new Float32Array([1, 0, 0, 0.9, 0.1, 0, 0, 0, 0]);
  const centroid = seedCentroid(dim, seeds, new Uint8Array([1, 1, 0]))!;
  assert.ok(centroid[0]! > 0.99);
  const people = new Float32Array([0, 1, 0, 2, 0.1, 0, 0.7, 0.7, 0, 5, 0, 0]);
  const near = nearestToCentroid(centroid, people, new Uint8Array([1, 1, 1, 0]), { minSimilarity: 0.5, maxSize: 10 });
  assert.deepEqual(
    near.map((n) => n.index),
    [1, 2],
    'the orthogonal one is out, the one without a vector is out',
  );
  assert.equal(seedCentroid(dim, seeds, new Uint8Array([0, 0, 0])), null);
  assert.equal(
    nearestToCentroid(centroid, people, new Uint8Array([1, 1, 1, 1]), { minSimilarity: 0, maxSize: 1 }).length,
    1,
  );
});

/** Two shops in two categories, videos of each anchored to its product. */
async function twoCategories(
  core: TestCore,
): Promise<{ fruit: ShopFixture; beauty: ShopFixture; fruitVideos: string[]; beautyVideos: string[] }> {
  const creator = await makePerson(core, 'la-creator', ['creator'], false);
  const fruit = await makeShop(core, 'la-fruit');
  const beauty = await makeShop(core, 'la-beauty');
  const now = core.clock.now();
  const videos = (offset: number) =>
    Array.from({ length: 12 }, (_, i) => ({
      ownerId: creator.userId,
      publishedAt: now - 10 * 24 * HOUR - (2 * i + offset) * 60_000,
    }));
  const fruitVideos = await insertTestVideos(core.ctx.db, videos(0), now);
  const beautyVideos = await insertTestVideos(core.ctx.db, videos(1), now);
  await core.ctx.db
    .insertInto('video_anchors')
    .values([
      ...fruitVideos.map((v) => ({ video_id: v, product_id: fruit.productId, position: 0 })),
      ...beautyVideos.map((v) => ({ video_id: v, product_id: beauty.productId, position: 0 })),
    ])
    .execute();
  return { fruit, beauty, fruitVideos, beautyVideos };
}

async function watch(core: TestCore, who: Actor, videos: readonly string[], tag: string): Promise<void> {
  const now = core.clock.now();
  await ingestEvents(
    core.ctx,
    { userId: who.userId },
    videos.map((v, i) => ({
      type: 'complete' as const,
      videoId: v,
      at: now - (videos.length - i) * 1000,
      clientEventId: `${tag}-${i}`,
    })),
  );
}

async function buy(core: TestCore, buyer: Actor, skuId: string): Promise<void> {
  const placed = await checkout(core.ctx, buyer, { items: [{ skuId, quantity: 1, attribution: { source: 'shelf' } }] });
  const { cashierUrl } = await openCashier(core.ctx, buyer, placed.body.payment.id);
  await core.sandbox.complete(cashierUrl.split('/').pop()!, 'paid');
  await deliver(core);
}

test('"people like my buyers": the audience is precomputed from the engine’s person vectors of the shop’s buyers, served only to it, and never with personalisation off', async () => {
  await withCore(async (core) => {
    const cat = await twoCategories(core);
    const service = recommendService(core.ctx);
    await service.ready;
    const taste = cat.fruitVideos.slice(0, 6);
    const seeds = [await makePerson(core, 'la-seed-1'), await makePerson(core, 'la-seed-2')];
    for (const [k, s] of seeds.entries()) {
      await watch(core, s, taste, `seed${k}`);
      await buy(core, s, cat.fruit.skuIds[0]!);
    }
    const alike = await makePerson(core, 'la-alike');
    await watch(core, alike, taste, 'alike');
    const unlike = await makePerson(core, 'la-unlike');
    await watch(core, unlike, cat.beautyVideos.slice(0, 6), 'unlike');
    const private_ = await makePerson(core, 'la-private');
    await watch(core, private_, taste, 'private');
    await putPersonSettings(core.ctx, private_, { personalizedRecommendation: false });

    await topUp(core, cat.fruit.owner, cat.fruit.shopId, 100_00);
    const [adVideo] = await insertTestVideos(
      core.ctx.db,
      [{ ownerId: cat.fruit.owner.userId, publishedAt: core.clock.now() - 30 * 24 * HOUR, title: '冰糖橙现摘' }],
      core.clock.now(),
    );
    await core.ctx.db
      .insertInto('video_anchors')
      .values({ video_id: adVideo!, product_id: cat.fruit.productId, position: 0 })
      .execute();
    const c = await createCampaign(core.ctx, cat.fruit.owner, shopOwner(cat.fruit.shopId), {
      name: '相似人群',
      promote: 'video',
      videoId: adVideo!,
      goal: 'orders',
      bidKind: 'cost_cap',
      costCapFen: 5000,
      dailyBudgetFen: 100_00,
      pacing: 'fast',
      targetLookalike: true,
    });
    assert.equal(c.targetLookalike, true);
    assert.equal(c.audienceAt, null);

    const before = await feedWithAds(core.ctx, alike.userId, {}, { random: () => 0 });
    assert.ok(
      before.ads.every((a) => a === null),
      'no audience computed yet: not served',
    );

    const done = await refreshAdAudiences(core.ctx, service);
    assert.equal(done.campaigns, 1);
    const members = await core.ctx.db
      .selectFrom('ad_audiences')
      .select(['actor_key', 'similarity'])
      .where('campaign_id', '=', c.id)
      .orderBy('similarity', 'desc')
      .execute();
    const keys = members.map((m) => m.actor_key);
    assert.ok(keys.includes(alike.userId), 'a person with the buyers’ taste is in the audience');
    assert.ok(!keys.includes(private_.userId), 'a person with personalisation off is never in it');
    assert.ok(!seeds.some((s) => keys.includes(s.userId)), 'the buyers themselves are the seeds, not the audience');
    const sim = (id: string) => members.find((m) => m.actor_key === id)?.similarity ?? -1;
    assert.ok(sim(alike.userId) > sim(unlike.userId), 'the buyers’ taste is closer than another category’s');
    assert.equal((await campaignView(core.ctx, cat.fruit.owner, c.id)).audienceSize, members.length);
    assert.equal(
      (await refreshAdAudiences(core.ctx, service)).campaigns,
      0,
      'not due again within the hour: computed periodically, not per request',
    );

    resetFeedCache(core.ctx.db);
    // The engine may pick the ad's own video organically for a viewer (an ad never repeats an item of its page): then it would come on the next page.
    const servedTo = async (userId: string): Promise<boolean> => {
      const first = await feedWithAds(core.ctx, userId, {}, { random: () => 0 });
      const second = first.nextCursor
        ? await feedWithAds(core.ctx, userId, { cursor: first.nextCursor }, { random: () => 0 })
        : null;
      return [...first.ads, ...(second?.ads ?? [])].some((a) => a?.campaignId === c.id);
    };
    assert.ok(await servedTo(alike.userId), 'served to its audience');
    assert.ok(!(await servedTo((await makePerson(core, 'la-outsider')).userId)), 'not served outside the audience');
    assert.ok(!(await servedTo(private_.userId)), 'not served with personalisation off');
    await putPersonSettings(core.ctx, alike, { personalizedRecommendation: false });
    core.clock.advance(2 * 60_000);
    assert.ok(
      !(await servedTo(alike.userId)),
      'turning personalisation off stops it at once, before the next computation',
    );
  });
});
