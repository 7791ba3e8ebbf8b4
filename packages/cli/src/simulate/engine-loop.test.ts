import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runEngineLoop } from './engine-loop.js';

// The simulator's shoppers (hidden tastes that drift, as `zhongcao simulate` draws them) on the
// interest engine in this process: the same run with the engine's drift handling on and off.
// A large enough catalogue that no shopper runs out of unseen videos of their tastes, so what
// the curve loses towards the end is the drift. Deterministic: seeded shoppers and catalogue.
const RUN = { seed: 1, shoppers: 24, steps: 500, bucket: 50, videos: 6000, categories: 12 } as const;

test('with drift handling the personalised curve keeps more of its peak at the end than without', () => {
  const on = runEngineLoop(RUN);
  const off = runEngineLoop({ ...RUN, engine: { drift: null } });
  assert.ok(on.lastBucketRatio !== null && off.lastBucketRatio !== null);
  assert.ok(
    on.lastBucketRatio > off.lastBucketRatio,
    `last bucket over peak: ${on.lastBucketRatio} with drift handling, ${off.lastBucketRatio} without`,
  );
  assert.ok(on.purchases >= off.purchases, `purchases: ${on.purchases} with, ${off.purchases} without`);
  assert.ok(on.exploreShare > 0.03 && on.exploreShare < 0.07, `exploration share ${on.exploreShare}`);
  assert.equal(off.exploreShare, 0);
});
