import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveSeed, Rng } from './random.js';

test('the same seed gives the same stream; another seed another one', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const c = new Rng(43);
  const xs = Array.from({ length: 20 }, () => a.nextU32());
  assert.deepEqual(
    xs,
    Array.from({ length: 20 }, () => b.nextU32()),
  );
  assert.notDeepEqual(
    xs,
    Array.from({ length: 20 }, () => c.nextU32()),
  );
});

test('int(n) stays in [0, n) and covers it roughly uniformly', () => {
  const rng = new Rng(1);
  const counts = new Array(10).fill(0);
  for (let k = 0; k < 20_000; k++) {
    const x = rng.int(10);
    assert.ok(Number.isInteger(x) && x >= 0 && x < 10);
    counts[x]++;
  }
  for (const c of counts) assert.ok(c > 1700 && c < 2300, `bucket count ${c}`);
});

test('shuffle permutes; derived seeds differ by stream name', () => {
  const arr = Int32Array.from({ length: 50 }, (_, i) => i);
  new Rng(3).shuffle(arr);
  assert.deepEqual(
    Array.from(arr).sort((a, b) => a - b),
    Array.from({ length: 50 }, (_, i) => i),
  );
  assert.notDeepEqual(
    Array.from(arr),
    Array.from({ length: 50 }, (_, i) => i),
  );
  assert.notEqual(deriveSeed(42, 'users'), deriveSeed(42, 'negatives-test'));
  assert.equal(deriveSeed(42, 'users'), deriveSeed(42, 'users'));
});
