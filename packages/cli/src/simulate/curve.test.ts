import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  curveTable,
  lastBucketRatio,
  LearningCurve,
  poolCurves,
  smoothedLastBucketRatio,
  smoothedPurchases,
} from './curve.js';

test('outcomes land in per-person impression buckets; purchases count in their impression’s bucket', () => {
  const curve = new LearningCurve(10);
  for (let person = 0; person < 2; person++) {
    for (let i = 0; i < 25; i++)
      curve.record('personalised', i, { completed: i % 2 === 0, tapped: i % 5 === 0, purchased: false });
  }
  curve.record('non_personalised', 3, { completed: false, tapped: false, purchased: false });
  curve.recordPurchase('personalised', 12);
  curve.recordPurchase('personalised', 24);
  assert.deepEqual(curve.points('personalised'), [
    { from: 0, impressions: 20, completion_rate: 0.5, tap_rate: 0.2, purchases_per_100: 0, purchases: 0 },
    { from: 10, impressions: 20, completion_rate: 0.5, tap_rate: 0.2, purchases_per_100: 5, purchases: 1 },
    { from: 20, impressions: 10, completion_rate: 0.6, tap_rate: 0.2, purchases_per_100: 10, purchases: 1 },
  ]);
  assert.deepEqual(curve.summary('personalised', 10), {
    impressions: 30,
    completion_rate: 0.5333,
    tap_rate: 0.2,
    purchases_per_100: 6.667,
  });
  assert.deepEqual(curve.summary('non_personalised', 0), {
    impressions: 1,
    completion_rate: 0,
    tap_rate: 0,
    purchases_per_100: 0,
  });
  assert.throws(() => curve.recordPurchase('non_personalised', 40), RangeError);
  assert.throws(() => new LearningCurve(0), RangeError);
  const table = curveTable(10, curve.points('personalised'), curve.points('non_personalised')).split('\n');
  assert.equal(table.length, 2 + 3);
  assert.match(table[4]!, /^21–30 .*60\.0%.*20\.00%.*10\.00 │\s*$/);
});

test('the last-bucket ratio is the last bucket over the peak bucket, null without purchases', () => {
  const point = (from: number, purchases_per_100: number) => ({
    from,
    impressions: 100,
    completion_rate: 0,
    tap_rate: 0,
    purchases_per_100,
    purchases: purchases_per_100,
  });
  assert.equal(lastBucketRatio([point(0, 2), point(10, 8), point(20, 6)]), 0.75);
  assert.equal(lastBucketRatio([point(0, 2), point(10, 4)]), 1);
  assert.equal(lastBucketRatio([point(0, 0), point(10, 0)]), null);
  assert.equal(lastBucketRatio([]), null);
});

test('the smoothed ratio pools each bucket with its neighbours, so one lucky bucket does not set the peak', () => {
  const point = (from: number, purchases: number, impressions = 100) => ({
    from,
    impressions,
    completion_rate: 0.5,
    tap_rate: 0.1,
    purchases_per_100: (100 * purchases) / impressions,
    purchases,
  });
  // A flat curve at 5 with one bucket at 9: the peak bucket says the end keeps 5/9 of it.
  const bumpy = [point(0, 5), point(100, 5), point(200, 9), point(300, 5), point(400, 5), point(500, 5)];
  assert.equal(lastBucketRatio(bumpy), 0.556);
  assert.deepEqual(
    smoothedPurchases(bumpy).map((x) => Math.round(x * 1000) / 1000),
    [5, 6.333, 6.333, 6.333, 5, 5],
  );
  assert.equal(smoothedLastBucketRatio(bumpy), 0.789);
  // Windows pool counts: a small bucket weighs by its impressions.
  assert.deepEqual(smoothedPurchases([point(0, 10), point(100, 0, 10)]), [(100 * 10) / 110, (100 * 10) / 110]);
  // A real decline stays a decline.
  assert.equal(
    smoothedLastBucketRatio([point(0, 8), point(100, 8), point(200, 8), point(300, 2), point(400, 2)]),
    0.25,
  );
  assert.equal(smoothedLastBucketRatio([point(0, 0)]), null);
  assert.equal(smoothedLastBucketRatio([]), null);
});

test('curves of several runs pool bucket by bucket from their counts', () => {
  const point = (from: number, impressions: number, purchases: number, completion_rate: number) => ({
    from,
    impressions,
    completion_rate,
    tap_rate: 0,
    purchases_per_100: (100 * purchases) / impressions,
    purchases,
  });
  const pooled = poolCurves([
    [point(0, 100, 2, 0.5), point(30, 100, 4, 0.25)],
    [point(0, 300, 6, 0.1), point(30, 300, 0, 0.5), point(60, 50, 1, 0)],
  ]);
  assert.deepEqual(pooled, [
    { from: 0, impressions: 400, completion_rate: 0.2, tap_rate: 0, purchases_per_100: 2, purchases: 8 },
    { from: 30, impressions: 400, completion_rate: 0.4375, tap_rate: 0, purchases_per_100: 1, purchases: 4 },
    { from: 60, impressions: 50, completion_rate: 0, tap_rate: 0, purchases_per_100: 2, purchases: 1 },
  ]);
  assert.deepEqual(poolCurves([]), []);
});
