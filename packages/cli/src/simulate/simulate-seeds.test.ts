import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CurvePoint } from './curve.js';
import type { SimulationReport } from './simulation.js';
import { spread, summariseSimulationSeeds } from './simulate-seeds.js';

const point = (from: number, purchases: number): CurvePoint => ({
  from,
  impressions: 100,
  completion_rate: 0.5,
  tap_rate: 0.1,
  purchases_per_100: purchases,
  purchases,
});

function report(seed: number, on: number[], off: number[]): SimulationReport {
  const curve = (xs: number[]) => xs.map((x, i) => point(i * 10, x));
  const lastOverPeak = (xs: number[]) => Math.round((xs[xs.length - 1]! / Math.max(...xs)) * 1000) / 1000;
  const after = (xs: number[]) => ({
    impressions: 100 * (xs.length - 1),
    completion_rate: 0.5,
    tap_rate: 0.1,
    purchases_per_100: xs.slice(1).reduce((a, b) => a + b, 0) / (xs.length - 1),
  });
  return {
    bench: 'simulate',
    users: 20,
    seed,
    steps: 40,
    minutes: null,
    rate: 0,
    bucket: 10,
    warmup: 10,
    seconds: 1,
    impressions: 800,
    events: 1600,
    likes: 0,
    purchases: [...on, ...off].reduce((a, b) => a + b, 0),
    requests: 0,
    requests_per_s: 0,
    events_per_s: 0,
    errors: 0,
    catalogue: { videos_seen: 100, categories: 3 },
    curve: { personalised: curve(on), non_personalised: curve(off) },
    last_bucket_ratio: {
      personalised: lastOverPeak(on),
      non_personalised: off.some((x) => x) ? lastOverPeak(off) : null,
    },
    last_bucket_ratio_smoothed: { personalised: 0.9, non_personalised: null },
    after_warmup: { personalised: after(on), non_personalised: after(off), purchase_ratio: null },
  };
}

test('a spread is the mean, sample deviation, least and most of the values that exist', () => {
  assert.deepEqual(spread([0.5, null, 0.7, 0.6]), { mean: 0.6, sd: 0.1, min: 0.5, max: 0.7, n: 3 });
  assert.deepEqual(spread([0.4]), { mean: 0.4, sd: 0, min: 0.4, max: 0.4, n: 1 });
  assert.equal(spread([null]), null);
});

test('seeds summarise per half: each seed, the spread, and the curve pooled over seeds with its ratios', () => {
  const r = summariseSimulationSeeds(
    [
      { seed: 5, report: report(5, [2, 8, 6, 4], [1, 1, 1, 1]) },
      { seed: 6, report: report(6, [2, 4, 8, 6], [0, 0, 0, 0]) },
    ],
    6000,
  );
  assert.deepEqual(r.seeds, [5, 6]);
  assert.equal(r.videos, 6000);
  assert.deepEqual(
    r.per_seed.map((s) => s.last_bucket_ratio.personalised),
    [0.5, 0.75],
  );
  const on = r.halves.personalised;
  assert.deepEqual(on.last_bucket_ratio, { mean: 0.625, sd: 0.177, min: 0.5, max: 0.75, n: 2 });
  assert.deepEqual(on.last_bucket_ratio_smoothed, { mean: 0.9, sd: 0, min: 0.9, max: 0.9, n: 2 });
  // Pooled: 4, 12, 14, 10 purchases per 200 impressions; peak 14 → 10/14; smoothed 8, 10, 12, 12 → 1.
  assert.deepEqual(
    on.pooled.curve.map((p) => p.purchases),
    [4, 12, 14, 10],
  );
  assert.equal(on.pooled.last_bucket_ratio, 0.714);
  assert.equal(on.pooled.last_bucket_ratio_smoothed, 1);
  const off = r.halves.non_personalised;
  assert.deepEqual(
    off.last_bucket_ratio,
    { mean: 1, sd: 0, min: 1, max: 1, n: 1 },
    'a seed without purchases has no ratio',
  );
  assert.equal(off.last_bucket_ratio_smoothed, null);
  assert.equal(off.purchases_per_100_after_warmup.mean, 0.5);
  assert.equal(r.purchases, 20 + 4 + 20 + 0);
  assert.throws(() => summariseSimulationSeeds([], 2000));
});
