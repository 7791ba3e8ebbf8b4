import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FACTS_PER_COMMIT, nextSpan } from './consumer.js';
import { DAY_MS } from './time-buckets.js';

test('the next window is sized to the last one’s rate of facts, within bounds', () => {
  // 5,000 facts in a second: the next window holds about FACTS_PER_COMMIT of them.
  assert.equal(nextSpan(1_000, 5_000), Math.floor((1_000 * FACTS_PER_COMMIT) / 5_000));
  // Nothing found: it grows, up to a day.
  assert.equal(nextSpan(1_000, 0), 4_000);
  assert.equal(nextSpan(DAY_MS, 0), DAY_MS);
  // A flood does not shrink it below the floor; a trickle does not grow it past a day.
  assert.equal(nextSpan(20, 1_000_000), 20);
  assert.equal(nextSpan(DAY_MS / 2, 1), DAY_MS);
});
