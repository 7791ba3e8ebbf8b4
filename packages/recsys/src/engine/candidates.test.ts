import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeCandidates, topK } from './candidates.js';

test('topK keeps the k best allowed scores, best first, positive only unless told otherwise', () => {
  const scores = Float32Array.from([0.5, 0, 3, -1, 2, 2, Number.NaN, 9]);
  assert.deepEqual(Array.from(topK(scores, 3, (i) => i === 7)), [2, 4, 5]);
  assert.deepEqual(Array.from(topK(scores, 10, () => false)), [7, 2, 4, 5, 0]);
  assert.deepEqual(Array.from(topK(scores, 8, () => false, false)), [7, 2, 4, 5, 0, 1, 3]);
  assert.deepEqual(Array.from(topK(new Float32Array(0), 3, () => false)), []);
});

test('merging keeps each item once, credited to the first source that produced it', () => {
  const merged = mergeCandidates([
    ['cooccurrence', Int32Array.from([4, 2])],
    ['embedding', Int32Array.from([2, 7])],
    ['trending', Int32Array.from([7, 1])],
  ]);
  assert.deepEqual(Array.from(merged.items), [4, 2, 7, 1]);
  assert.deepEqual(merged.sources, ['cooccurrence', 'cooccurrence', 'embedding', 'trending']);
});
