import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appealOf, completionDelta, emptyTally, tallyPage, uniform, VIEWING } from './ads-viewing.js';

test('viewing model: the same draws with and without ads; an ad only moves the organic items after it one place down', () => {
  assert.equal(uniform(1, 'x'), uniform(1, 'x'));
  assert.notEqual(uniform(1, 'x'), uniform(2, 'x'));
  const a = appealOf(1, 'v1');
  assert.ok(a >= VIEWING.minAppeal && a < VIEWING.minAppeal + VIEWING.appealSpread);
  const ids = Array.from({ length: 9 }, (_, i) => `v${i}`);
  const none = emptyTally();
  for (let p = 0; p < 2000; p++)
    tallyPage(
      none,
      1,
      `p${p}`,
      ids,
      ids.map(() => false),
    );
  assert.equal(completionDelta(none), 0, 'no ads, no difference');
  const some = emptyTally();
  for (let p = 0; p < 2000; p++)
    tallyPage(
      some,
      1,
      `p${p}`,
      ids,
      ids.map((_, k) => k === 2),
    );
  assert.equal(some.organicWith, 2000 * 8, 'the ad is not an organic item');
  assert.ok(some.completedWith <= some.completedWithout, 'pushed down, never up');
  const d = completionDelta(some);
  assert.ok(d < 0 && d > -0.02, `one ad at position 3 of 9 costs a little: ${d}`);
});
