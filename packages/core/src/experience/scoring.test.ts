/** The experience score's pure rules: indicator scores, peer benchmarks, dimensions, the order threshold, what it decides, weights. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchmarkFrom, improvements, indicatorScore, scoreShops, type ShopCounts } from './scoring.js';
import { engineMultiplier, gatesOf, marketplaceAllowed, paidTrafficAllowed, settleCapDays } from './gates.js';
import { indicatorDef, MIN_ORDERS, MIN_PEERS } from './indicators.js';
import { defaultWeights, mergeWeights, weightsProblem } from './weights.js';

test('an indicator scores 100 at its excellent value, 60 at poor, linear between, falling to 0 at three times the distance; both directions', () => {
  const lower = { excellent: 0.01, poor: 0.06 };
  assert.equal(indicatorScore(0, lower), 100);
  assert.equal(indicatorScore(0.01, lower), 100);
  assert.equal(indicatorScore(0.035, lower), 80);
  assert.equal(indicatorScore(0.06, lower), 60);
  assert.equal(indicatorScore(0.11, lower), 30);
  assert.equal(indicatorScore(0.16, lower), 0);
  assert.equal(indicatorScore(0.9, lower), 0);
  const higher = { excellent: 0.98, poor: 0.85 };
  assert.equal(indicatorScore(1, higher), 100);
  assert.equal(indicatorScore(0.85, higher), 60);
  assert.equal(indicatorScore(0.915, higher), 80);
});

test('peers give the benchmark (best and worst decile) once there are enough of them; otherwise the platform default', () => {
  const def = indicatorDef('bad_review_rate');
  assert.deepEqual(benchmarkFrom(def, [0.01, 0.02]), {
    excellent: def.excellent,
    poor: def.poor,
    source: 'platform',
    peerMedian: null,
  });
  const peers = [0.0, 0.01, 0.02, 0.03, 0.04, 0.05];
  assert.equal(peers.length >= MIN_PEERS, true);
  const b = benchmarkFrom(def, peers);
  assert.equal(b.source, 'peers');
  assert.ok(Math.abs(b.excellent - 0.005) < 1e-9 && Math.abs(b.poor - 0.045) < 1e-9, JSON.stringify(b));
  assert.ok(Math.abs(b.peerMedian! - 0.025) < 1e-9);
  // All peers equal: no spread to score against, so the platform benchmark.
  assert.equal(benchmarkFrom(def, [0.02, 0.02, 0.02, 0.02, 0.02]).source, 'platform');
  // Higher is better: the best decile is the high end.
  const pickup = benchmarkFrom(indicatorDef('pickup_on_time_rate'), [0.8, 0.85, 0.9, 0.95, 1]);
  assert.ok(pickup.excellent > pickup.poor);
});

const shop = (shopId: string, orders: number, ratios: ShopCounts['ratios'], categoryId = 'cat_a'): ShopCounts => ({
  shopId,
  categoryId,
  orders,
  ratios,
});

test('no score below the order threshold (never zero); dimensions drop unmeasured indicators; the total weighs the dimensions', () => {
  const perfect: ShopCounts['ratios'] = {
    bad_review_rate: { num: 0, den: 20 },
    quality_return_rate: { num: 0, den: 40 },
    complaint_rate: { num: 0, den: 40 },
    pickup_on_time_rate: { num: 40, den: 40 },
    delivery_on_time_rate: { num: 30, den: 30 },
    transport_return_rate: { num: 0, den: 40 },
    aftersales_on_time_rate: { num: 3, den: 3 },
    disputes_lost_rate: { num: 0, den: 40 },
  };
  const [few, good, late] = scoreShops(
    [
      shop('s1', MIN_ORDERS - 1, perfect),
      shop('s2', 40, perfect),
      shop('s3', 40, { ...perfect, pickup_on_time_rate: { num: 34, den: 40 }, bad_review_rate: { num: 4, den: 20 } }),
    ],
    () => defaultWeights(),
  );
  assert.equal(few!.status, 'not_enough_orders');
  assert.equal(few!.total, null);
  assert.deepEqual(few!.dimensions, { product: null, logistics: null, service: null });
  assert.equal(good!.status, 'scored');
  assert.deepEqual(good!.dimensions, { product: 100, logistics: 100, service: 100 });
  assert.equal(good!.total, 100);
  const imReply = good!.indicators.find((i) => i.key === 'im_reply_rate_3min')!;
  assert.equal(imReply.value, null, 'no buyer messages: not measured');
  assert.equal(imReply.score, null);
  // 85 % picked up in time scores 60; 20 % bad reviews is far past poor.
  const pickup = late!.indicators.find((i) => i.key === 'pickup_on_time_rate')!;
  assert.equal(pickup.score, 60);
  assert.ok(late!.dimensions.product! < 60 && late!.total! < good!.total!);
  assert.deepEqual(improvements(late!).slice(0, 2).sort(), ['bad_review_rate', 'pickup_on_time_rate']);
});

test("shops are compared with peers of their own category only, and shops below the threshold are nobody's peer", () => {
  const r = (bad: number): ShopCounts['ratios'] => ({ bad_review_rate: { num: bad, den: 100 } });
  const peers = [0, 1, 2, 3, 4, 5].map((i) => shop(`p${i}`, 50, r(i)));
  const other = shop('x', 50, r(2), 'cat_b');
  const tiny = shop('t', 5, r(50));
  const scores = scoreShops([...peers, other, tiny], () => defaultWeights());
  const p2 = scores.find((s) => s.shopId === 'p2')!;
  assert.equal(p2.peers, 5);
  assert.equal(p2.indicators[0]!.benchmark.source, 'peers');
  const x = scores.find((s) => s.shopId === 'x')!;
  assert.equal(x.peers, 0);
  assert.equal(x.indicators[0]!.benchmark.source, 'platform');
});

test('weights per category change the total; invalid weights are refused', () => {
  const ratios: ShopCounts['ratios'] = {
    bad_review_rate: { num: 0, den: 10 },
    pickup_on_time_rate: { num: 80, den: 100 },
  };
  const base = scoreShops([shop('s', 40, ratios)], () => defaultWeights())[0]!;
  const w = defaultWeights();
  w.dimensions = { product: 1, logistics: 0, service: 0 };
  const productOnly = scoreShops([shop('s', 40, ratios)], () => w)[0]!;
  assert.equal(productOnly.total, 100);
  assert.ok(base.total! < 100);
  assert.equal(weightsProblem(defaultWeights()), null);
  assert.match(weightsProblem({ ...w, dimensions: { product: 0, logistics: 0, service: 0 } })!, /dimensions/);
  assert.match(weightsProblem({ ...w, dimensions: { product: 2, logistics: 0, service: 0 } })!, /0 to 1/);
  assert.equal(mergeWeights({ dimensions: { product: 0.5 } }).dimensions.product, 0.5);
  assert.equal(
    mergeWeights({ dimensions: { product: 0.5 } }).dimensions.logistics,
    defaultWeights().dimensions.logistics,
  );
});

test('what the score decides: ×1.2 at 90 and above, ×0.7 below 60; marketplace and paid traffic from 60; faster settlement at 90; no score is neutral', () => {
  assert.deepEqual(
    [
      engineMultiplier(null),
      engineMultiplier(95),
      engineMultiplier(90),
      engineMultiplier(89),
      engineMultiplier(60),
      engineMultiplier(59),
    ],
    [1, 1.2, 1.2, 1, 1, 0.7],
  );
  assert.deepEqual([marketplaceAllowed(null), marketplaceAllowed(60), marketplaceAllowed(59)], [true, true, false]);
  assert.deepEqual([paidTrafficAllowed(null), paidTrafficAllowed(59)], [true, false]);
  assert.deepEqual([settleCapDays(null), settleCapDays(89), settleCapDays(90)], [null, null, 3]);
  assert.deepEqual(gatesOf(40), { engineMultiplier: 0.7, marketplace: false, paidTraffic: false, settleCapDays: null });
});
