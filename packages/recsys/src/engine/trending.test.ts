import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Trending } from './trending.js';

test('a count halves every half-life; newer interactions outrank older ones', () => {
  const t = new Trending(3, 10);
  t.add(0, 0);
  t.add(0, 0);
  t.add(1, 11);
  assert.ok(Math.abs(t.value(0, 10) - 1) < 1e-9);
  assert.ok(Math.abs(t.value(1, 11) - 1) < 1e-9);
  assert.ok(Math.abs(t.value(0, 20) - 0.5) < 1e-9);
  t.add(2, 15);
  assert.deepEqual(Array.from(t.top(3)), [2, 1, 0]);
  const all = new Float32Array(3);
  t.valuesAt(20, all);
  assert.ok(Math.abs(all[1]! - Math.pow(2, -0.9)) < 1e-6);
});

test('far-future times rebase instead of overflowing; unknown items grow the table', () => {
  const t = new Trending(1, 1);
  t.add(0, 0);
  t.add(0, 10_000);
  assert.ok(Math.abs(t.value(0, 10_000) - 1) < 1e-9);
  t.add(5, 10_000);
  assert.ok(Math.abs(t.value(5, 10_001) - 0.5) < 1e-9);
  assert.equal(t.value(99, 0), 0);
});
