import { test } from 'node:test';
import assert from 'node:assert/strict';
import { curveTable, lastBucketRatio, LearningCurve } from './curve.js';

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
    { from: 0, impressions: 20, completion_rate: 0.5, tap_rate: 0.2, purchases_per_100: 0 },
    { from: 10, impressions: 20, completion_rate: 0.5, tap_rate: 0.2, purchases_per_100: 5 },
    { from: 20, impressions: 10, completion_rate: 0.6, tap_rate: 0.2, purchases_per_100: 10 },
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
  });
  assert.equal(lastBucketRatio([point(0, 2), point(10, 8), point(20, 6)]), 0.75);
  assert.equal(lastBucketRatio([point(0, 2), point(10, 4)]), 1);
  assert.equal(lastBucketRatio([point(0, 0), point(10, 0)]), null);
  assert.equal(lastBucketRatio([]), null);
});
