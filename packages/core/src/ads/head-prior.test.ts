import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bidderOf, pooledPrior, predict, PRIOR } from './ad-rules.js';
import { fitHeadCalibration, headPriors, MAX_HEAD_LIFT, pageHeads, type HeadCampaign } from './head-prior.js';

const campaign = (id: string, over: Partial<HeadCampaign> = {}): HeadCampaign => ({
  id,
  impressions: 0,
  clicks: 0,
  conversions: 0,
  goal: 'orders',
  heads: { engage: 0.05, purchase: 0.01 },
  ...over,
});

const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

test('heads at their mean give every campaign exactly the pooled prior', () => {
  const cs = [
    campaign('a', { impressions: 400, clicks: 16, conversions: 2 }),
    campaign('b', { impressions: 900, clicks: 30, conversions: 1 }),
    campaign('c'),
  ];
  const pooled = pooledPrior(cs);
  for (const [id, p] of headPriors(cs)) {
    close(p.ctr, pooled.ctr, `${id} ctr`);
    close(p.cvr, pooled.cvr, `${id} cvr`);
    close(p.liveCvr, pooled.liveCvr, `${id} live`);
  }
});

test("a creative the purchase head rates twice as likely to be bought starts from twice the other's conversion prior; the click prior follows the engage head", () => {
  const cs = [
    campaign('liked', { heads: { engage: 0.05, purchase: 0.02 } }),
    campaign('plain', { heads: { engage: 0.05, purchase: 0.01 } }),
    campaign('catchy', { heads: { engage: 0.1, purchase: 0.01 } }),
  ];
  const p = headPriors(cs);
  close(p.get('liked')!.cvr / p.get('plain')!.cvr, 2, 'purchase ratio');
  close(p.get('liked')!.ctr, p.get('plain')!.ctr, 'same engage, same click prior');
  close(p.get('catchy')!.ctr / p.get('plain')!.ctr, 2, 'engage ratio');
  // With no history the calibration is the fixed prior at the heads' mean.
  const cal = fitHeadCalibration(cs)!;
  close(cal.cvrPerPurchase * cal.meanPurchase, PRIOR.cvr, 'fixed cvr at the mean');
  close(cal.ctrPerEngage * cal.meanEngage, PRIOR.ctr, 'fixed ctr at the mean');
});

test('the calibration is fitted on the campaigns: with much history, clicks × prior conversion rate add up to the orders observed', () => {
  const cs = [
    campaign('a', {
      impressions: 200_000,
      clicks: 8_000,
      conversions: 1_120,
      heads: { engage: 0.05, purchase: 0.014 },
    }),
    campaign('b', { impressions: 200_000, clicks: 8_000, conversions: 800, heads: { engage: 0.05, purchase: 0.01 } }),
    campaign('c', { impressions: 200_000, clicks: 8_000, conversions: 480, heads: { engage: 0.05, purchase: 0.006 } }),
  ];
  const p = headPriors(cs);
  const expected = cs.reduce((s, c) => s + c.clicks * p.get(c.id)!.cvr, 0);
  const observed = cs.reduce((s, c) => s + c.conversions, 0);
  assert.ok(Math.abs(expected - observed) / observed < 0.01, `${expected} vs ${observed}`);
  // Heads proportional to the true rates: each prior lands on its campaign's own rate.
  for (const c of cs) assert.ok(Math.abs(p.get(c.id)!.cvr - c.conversions / c.clicks) < 0.002, c.id);
  const clicks = cs.reduce((s, c) => s + c.impressions * p.get(c.id)!.ctr, 0);
  assert.ok(Math.abs(clicks - 24_000) / 24_000 < 0.01);
});

test('a head far from the others counts at most MAX_HEAD_LIFT times the mean; live rooms, unknown creatives and unusable heads get the pooled prior', () => {
  const cs = [
    campaign('wild', { heads: { engage: 0.05, purchase: 10 } }),
    campaign('x', { heads: { engage: 0.05, purchase: 0.01 } }),
    campaign('y', { heads: { engage: 0.05, purchase: 0.01 } }),
    campaign('z', { heads: { engage: 0.05, purchase: 0.01 } }),
    campaign('w', { heads: { engage: 0.05, purchase: 0.01 } }),
    campaign('live', { goal: 'live_entries', impressions: 100, clicks: 10, conversions: 4 }),
    campaign('unknown', { heads: null }),
    campaign('broken', { heads: { engage: Number.NaN, purchase: 0 } }),
  ];
  const p = headPriors(cs);
  const cal = fitHeadCalibration(cs)!;
  close(p.get('wild')!.cvr, cal.cvrPerPurchase * cal.meanPurchase * MAX_HEAD_LIFT, 'lift capped');
  close(p.get('x')!.cvr, (cal.cvrPerPurchase * cal.meanPurchase) / MAX_HEAD_LIFT, 'and floored');
  const pooled = pooledPrior(cs);
  for (const id of ['live', 'unknown', 'broken']) assert.deepEqual(p.get(id), pooled, id);
  assert.equal(fitHeadCalibration([campaign('n', { heads: null })]), null);
});

test("at equal history the bidder whose creative the heads rate better scores higher; its own history still moves it, and the charge stays at the means' eCPM", () => {
  const history = { impressions: 300, clicks: 12, conversions: 1 };
  const cs = [
    campaign('liked', { ...history, heads: { engage: 0.05, purchase: 0.02 } }),
    campaign('plain', { ...history, heads: { engage: 0.05, purchase: 0.01 } }),
  ];
  const p = headPriors(cs);
  const base = {
    goal: 'orders' as const,
    bidKind: 'cost_cap' as const,
    costCapFen: 120_00,
    roiTargetCenti: null,
    gmvFen: 5990,
    priceFen: 5990,
    likes: 6,
    views: 100,
  };
  const liked = bidderOf({ ...base, ...history, id: 'liked' }, p.get('liked')!);
  const plain = bidderOf({ ...base, ...history, id: 'plain' }, p.get('plain')!);
  assert.ok(liked.bidEcpm > plain.bidEcpm, `${liked.bidEcpm} > ${plain.bidEcpm}`);
  assert.ok(liked.chargeCapEcpm! < liked.bidEcpm, 'ranked on the upper bound, charged at most the means');
  // Its own orders move the estimate off the prior: more conversions, higher pCVR.
  const more = predict({ ...history, conversions: 6, goal: 'orders' }, p.get('plain')!);
  assert.ok(more.pcvr > predict({ ...history, goal: 'orders' }, p.get('plain')!).pcvr);
});

test("a page's heads: the viewer's own in place of the item-level ones only when they cover every creative the item-level ones cover; never a mix", () => {
  const item = { engage: 0.05, purchase: 0.01 };
  const mine = { engage: 0.08, purchase: 0.02 };
  const cs = [
    { videoId: 'vid_a', heads: item },
    { videoId: 'vid_b', heads: item },
    { videoId: null, heads: null }, // a live room
    { videoId: 'vid_c', heads: null }, // unknown to the item-level answer
  ];
  assert.deepEqual(pageHeads(cs, null), { heads: [item, item, null, null], perViewer: false });
  assert.deepEqual(pageHeads(cs, new Map()), { heads: [item, item, null, null], perViewer: false });
  assert.deepEqual(
    pageHeads(cs, new Map([['vid_a', mine]])),
    { heads: [item, item, null, null], perViewer: false },
    'vid_b not covered: the item-level heads for all',
  );
  assert.deepEqual(
    pageHeads(
      cs,
      new Map([
        ['vid_a', mine],
        ['vid_b', mine],
        ['vid_c', mine],
      ]),
    ),
    { heads: [mine, mine, null, mine], perViewer: true },
  );
  // The viewer's heads go through the same calibration: at equal history, the one rated higher starts higher.
  const priors = headPriors([
    campaign('a', { heads: { engage: 0.1, purchase: 0.01 } }),
    campaign('b', { heads: { engage: 0.05, purchase: 0.01 } }),
  ]);
  assert.ok(priors.get('a')!.ctr > priors.get('b')!.ctr);
});
