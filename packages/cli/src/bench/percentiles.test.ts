import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencySummary, percentile } from './percentiles.js';

test('nearest-rank percentiles on 1..100', () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(xs, 50), 50);
  assert.equal(percentile(xs, 99), 99);
  assert.equal(percentile(xs, 100), 100);
  assert.equal(percentile(xs, 0), 1);
});

test('small and edge inputs', () => {
  assert.equal(percentile([7], 50), 7);
  assert.equal(percentile([7], 99), 7);
  assert.equal(percentile([1, 2], 50), 1);
  assert.equal(percentile([1, 2], 51), 2);
  assert.ok(Number.isNaN(percentile([], 50)));
  assert.throws(() => percentile([1], 101), RangeError);
});

test('latencySummary sorts numerically and rounds to 0.01 ms', () => {
  const samples = [10, 9, 2, 100, 1.23456, 3, 4, 5, 6, 7, 8];
  const { p50, p99 } = latencySummary(samples);
  assert.equal(p50, 6);
  assert.equal(p99, 100);
  assert.deepEqual(latencySummary([1.23456]), { p50: 1.23, p99: 1.23 });
  assert.ok(Number.isNaN(latencySummary([]).p50));
});
