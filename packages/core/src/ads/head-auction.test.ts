import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore, type TestCore } from '../test-support/index.js';
import { resetFeedCache } from '../feed/index.js';
import { feedWithAds, type AuctionTrace } from './auction.js';
import type { HeadSource } from './creative-heads.js';
import type { CreativeHeads } from './head-prior.js';
import { runningCampaign } from './test-support/scene.js';

let viewers = 0;
let both: string[] = [];
/** The first ad slot's auction, on a fresh anonymous viewer's first page, in which both campaigns bid (a creative already on the page sits out). */
async function firstAuction(
  core: TestCore,
  opts: { heads?: HeadSource; prior?: 'heads' | 'pool' },
): Promise<AuctionTrace> {
  for (let tries = 0; tries < 10; tries++) {
    resetFeedCache(core.ctx.db);
    const traces: AuctionTrace[] = [];
    await feedWithAds(
      core.ctx,
      null,
      { viewerId: `heads-viewer-${++viewers}` },
      { random: () => 0, onAuction: (a) => traces.push(a), ...opts },
    );
    const t = traces.find((x) => both.every((id) => x.bids.some((b) => b.campaignId === id)));
    if (t) return t;
  }
  throw new Error('no auction with both campaigns bidding');
}

const headsOf =
  (by: Map<string, CreativeHeads>, asked: string[][]): HeadSource =>
  async (_ctx, videoIds) => {
    asked.push([...videoIds]);
    return new Map(videoIds.flatMap((id) => (by.has(id) ? [[id, by.get(id)!] as const] : [])));
  };

test("at equal history, the campaign whose creative the engine's heads rate better is ranked higher and wins; with the pooled prior they tie", async () => {
  const core = await openTestCore();
  try {
    const a = await runningCampaign(core);
    const b = await runningCampaign(core);
    both = [a.campaignId, b.campaignId];
    const asked: string[][] = [];
    const score = (t: AuctionTrace, id: string) => t.bids.find((x) => x.campaignId === id)!;

    const aLiked = headsOf(
      new Map([
        [a.videoId, { engage: 0.05, purchase: 0.02 }],
        [b.videoId, { engage: 0.05, purchase: 0.01 }],
      ]),
      asked,
    );
    const t1 = await firstAuction(core, { heads: aLiked });
    assert.ok(score(t1, a.campaignId).score > score(t1, b.campaignId).score);
    assert.equal(t1.winner?.campaignId, a.campaignId);
    const ratio = score(t1, a.campaignId).priorCvr! / score(t1, b.campaignId).priorCvr!;
    assert.ok(Math.abs(ratio - 2) < 1e-9, `prior ratio ${ratio}`);

    const bLiked = headsOf(
      new Map([
        [a.videoId, { engage: 0.05, purchase: 0.01 }],
        [b.videoId, { engage: 0.05, purchase: 0.03 }],
      ]),
      asked,
    );
    const t2 = await firstAuction(core, { heads: bLiked });
    assert.ok(score(t2, b.campaignId).score > score(t2, a.campaignId).score);
    assert.equal(t2.winner?.campaignId, b.campaignId);

    // The heads are asked once a minute, not per page or per slot.
    const before = asked.length;
    await firstAuction(core, { heads: bLiked });
    await firstAuction(core, { heads: bLiked });
    assert.equal(asked.length, before, 'served from the heads held');
    core.clock.advance(61_000);
    await firstAuction(core, { heads: bLiked });
    assert.equal(asked.length, before + 1, 'asked again after a minute');
    // Only the creatives' video ids are asked about: nothing of the viewer.
    for (const ids of asked) assert.deepEqual([...ids].sort(), [a.videoId, b.videoId].sort());

    const pooled = await firstAuction(core, { heads: bLiked, prior: 'pool' });
    assert.equal(
      score(pooled, a.campaignId).score,
      score(pooled, b.campaignId).score,
      'the pooled prior cannot tell them apart',
    );

    // No heads (the engine not warm, or it does not know the creatives): the pooled prior.
    core.clock.advance(61_000);
    const none = await firstAuction(core, { heads: async () => null });
    assert.equal(score(none, a.campaignId).score, score(none, b.campaignId).score);
  } finally {
    await core.dispose();
  }
});
