import { test } from 'node:test';
import assert from 'node:assert/strict';
import { featureHash, RANKING_FIELD } from '@zhongcao/recsys';
import { makePerson, openTestCore, type TestCore } from '../test-support/index.js';
import { insertTestVideos, resetFeedCache } from '../feed/index.js';
import { putPersonSettings } from '../events/index.js';
import { publishSignals } from '../signals/index.js';
import { recommendService } from '../recommend/index.js';
import type { Actor } from '../context.js';
import { feedWithAds, type AdsOptions, type AuctionTrace } from './auction.js';
import { runningCampaign } from './test-support/scene.js';

const HOUR = 3_600_000;

/** Three more videos of the campaign's product (so of its category), by a creator of their own. */
async function productVideos(core: TestCore, productId: string, tag: string): Promise<string[]> {
  const creator = await makePerson(core, `vh-creator-${tag}`, ['creator'], false);
  const now = core.clock.now();
  const ids = await insertTestVideos(
    core.ctx.db,
    Array.from({ length: 3 }, (_, i) => ({ ownerId: creator.userId, publishedAt: now - (40 + i) * HOUR })),
    now,
  );
  await core.ctx.db
    .insertInto('video_anchors')
    .values(ids.map((id) => ({ video_id: id, product_id: productId, position: 0 })))
    .execute();
  return ids;
}

/** The first auction in which the campaign bids, over up to five pages of the viewer's session. */
async function bidFor(
  core: TestCore,
  viewer: Actor,
  campaignId: string,
  opts: AdsOptions = {},
): Promise<{ trace: AuctionTrace; bid: AuctionTrace['bids'][number] }> {
  let cursor: string | undefined;
  for (let k = 0; k < 5; k++) {
    const traces: AuctionTrace[] = [];
    const page = await feedWithAds(
      core.ctx,
      viewer.userId,
      { ...(cursor ? { cursor } : {}) },
      { random: () => 0, onAuction: (a) => traces.push(a), ...opts },
    );
    for (const t of traces) {
      const bid = t.bids.find((b) => b.campaignId === campaignId);
      if (bid) return { trace: t, bid };
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  throw new Error('the campaign never bid');
}

test("per-viewer heads: with personalisation on the engine answers each creative's heads for the person with the page, and the viewer who likes the creative's category gets the higher predicted click; with it off nothing about the person is sent and two opposite histories get the same pCTR and pCVR", async () => {
  const core = await openTestCore();
  try {
    const x = await runningCampaign(core);
    const y = await runningCampaign(core);
    const xVideos = await productVideos(core, x.productId, 'x');
    const yVideos = await productVideos(core, y.productId, 'y');
    const likesX = await makePerson(core, 'vh-likes-x');
    const likesY = await makePerson(core, 'vh-likes-y');
    resetFeedCache(core.ctx.db);

    const service = recommendService(core.ctx);
    await service.ready;
    // Opposite histories: one likes the videos of x's product (x's category), the other y's.
    const at = core.clock.now();
    publishSignals(core.ctx.db, [
      ...xVideos.map((videoId, i) => ({ actor: likesX.userId, kind: 'like' as const, videoId, at: at + i })),
      ...yVideos.map((videoId, i) => ({ actor: likesY.userId, kind: 'like' as const, videoId, at: at + i })),
    ]);
    await service.host.settled();
    // A ranker that has learnt people click and buy in categories they like (affinity buckets 1–7), not elsewhere (0).
    const ranker = service.engine.ranker;
    const slots = new Int32Array(1);
    for (let b = 0; b <= 7; b++) {
      ranker.slots([featureHash(RANKING_FIELD.categoryAffinity, b)], slots);
      const hit = b > 0 ? 1 : 0;
      for (let k = 0; k < 200; k++) {
        ranker.update(slots, { complete: 0, engage: hit, purchase: 0 }, 'engage');
        ranker.update(slots, { complete: 0, engage: 0, purchase: hit }, 'purchase');
      }
    }

    // What the feed asks the engine for, page by page.
    const asked: Array<{ actor: string; creatives: readonly string[] | undefined }> = [];
    const page = service.page.bind(service);
    service.page = (actor, limit, shown, creatives) => {
      asked.push({ actor, creatives });
      return page(actor, limit, shown, creatives);
    };
    // The first page of the minute asks the item-level heads of the running creatives.
    await feedWithAds(core.ctx, null, { viewerId: 'vh-anon-viewer-1' }, { random: () => 0 });

    const on = { x: await bidFor(core, likesX, x.campaignId), y: await bidFor(core, likesY, x.campaignId) };
    assert.equal(on.x.trace.heads, 'viewer');
    assert.equal(on.y.trace.heads, 'viewer');
    assert.ok(
      on.x.bid.pctr! > on.y.bid.pctr!,
      `the viewer who likes x's category: pCTR ${on.x.bid.pctr} against ${on.y.bid.pctr}`,
    );
    assert.ok(on.x.bid.priorCvr! > on.y.bid.priorCvr!, `pCVR prior ${on.x.bid.priorCvr} against ${on.y.bid.priorCvr}`);
    const personal = asked.filter((a) => a.creatives?.length);
    assert.ok(personal.length >= 2);
    for (const a of personal) assert.deepEqual([...a.creatives!].sort(), [x.videoId, y.videoId].sort());
    // `viewerHeads: false` (the simulator's comparison) keeps the item-level heads and asks nothing about the person.
    asked.length = 0;
    const itemOnly = await bidFor(core, likesX, y.campaignId, { viewerHeads: false });
    assert.equal(itemOnly.trace.heads, 'item');
    assert.ok(asked.length > 0 && asked.every((a) => a.creatives === undefined));

    // Personalisation off: nothing is asked about the person, and both get the item-level heads' priors.
    await putPersonSettings(core.ctx, likesX, { personalizedRecommendation: false });
    await putPersonSettings(core.ctx, likesY, { personalizedRecommendation: false });
    asked.length = 0;
    const off = { x: await bidFor(core, likesX, y.campaignId), y: await bidFor(core, likesY, y.campaignId) };
    assert.equal(asked.length, 0, 'the engine is not asked for these people at all');
    assert.equal(off.x.trace.heads, 'item');
    assert.equal(off.y.trace.heads, 'item');
    const inputs = (t: AuctionTrace) =>
      t.bids
        .map(({ campaignId, pctr, pcvr, priorCvr }) => ({ campaignId, pctr, pcvr, priorCvr }))
        .sort((a, b) => a.campaignId.localeCompare(b.campaignId));
    assert.deepEqual(inputs(off.x.trace), inputs(off.y.trace));
    assert.notEqual(on.x.bid.pctr, on.y.bid.pctr);
  } finally {
    await core.dispose();
  }
});
