import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.js';
import { LinearRanker } from './ranker.js';

test('the pairwise fit finds which features mark the chosen item, whatever their scale', () => {
  // Feature 0 (scale 100) helps, feature 1 hurts, feature 2 is noise.
  const rng = new Rng(2);
  const groups = 300;
  const size = 6;
  const x = new Float32Array(groups * size * 3);
  for (let g = 0; g < groups; g++) {
    for (let k = 0; k < size; k++) {
      const o = (g * size + k) * 3;
      const chosen = k === 0;
      x[o] = 100 * (rng.next() + (chosen ? 0.6 : 0));
      x[o + 1] = rng.next() - (chosen ? 0.6 : 0);
      x[o + 2] = rng.next();
    }
  }
  const ranker = new LinearRanker(['good', 'bad', 'noise']);
  const loss = ranker.fit(x, groups, size);
  assert.ok(loss < Math.LN2, `loss ${loss}`);
  const [good, bad, noise] = ranker.weights as unknown as [number, number, number];
  assert.ok(good > 0 && bad < 0);
  assert.ok(Math.abs(noise) < Math.abs(bad) / 3);
  assert.equal(ranker.score(Float32Array.from([1, 1, 1])), good + bad + noise);
});
