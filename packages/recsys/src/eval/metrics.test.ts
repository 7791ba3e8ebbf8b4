import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fullRank, hitAt, MetricSum, ndcgAt, sampledRank } from './metrics.js';

test('sampled rank counts negatives scoring >= the held-out item (ties count against)', () => {
  assert.equal(sampledRank(Float32Array.from([5, 1, 2, 3])), 0);
  assert.equal(sampledRank(Float32Array.from([2, 1, 2, 3])), 2);
  assert.equal(sampledRank(Float32Array.from([0, 0, 0, 0])), 3);
  assert.equal(sampledRank(Float32Array.from([Number.NaN, 1, 2])), 2);
});

test('HR@10 and NDCG@10 by hand', () => {
  assert.equal(hitAt(0), 1);
  assert.equal(hitAt(9), 1);
  assert.equal(hitAt(10), 0);
  assert.equal(ndcgAt(0), 1);
  assert.ok(Math.abs(ndcgAt(1) - 1 / Math.log2(3)) < 1e-12);
  assert.ok(Math.abs(ndcgAt(9) - 1 / Math.log2(11)) < 1e-12);
  assert.equal(ndcgAt(10), 0);
  const sum = new MetricSum();
  [0, 1, 10, 3].forEach((r) => sum.add(r));
  const m = sum.mean();
  assert.equal(m.hr, 0.75);
  assert.ok(Math.abs(m.ndcg - (1 + 1 / Math.log2(3) + 0 + 1 / Math.log2(5)) / 4) < 1e-12);
});

test('full rank skips the target and the marked (interacted) items', () => {
  const scores = Float32Array.from([0.9, 0.5, 0.7, 0.5, 0.1, 0.8]);
  const marks = new Int32Array(6);
  // Target item 1 (0.5): items 0, 2, 3 (tie), 5 score >= 0.5; item 0 is marked as interacted.
  marks[0] = 7;
  marks[1] = 7;
  assert.equal(fullRank(scores, 1, marks, 7), 3);
  assert.equal(fullRank(scores, 1, marks, 8), 4);
  assert.equal(fullRank(Float32Array.from([Number.NaN, 1, 2]), 0, new Int32Array(3), 1), 2);
});
