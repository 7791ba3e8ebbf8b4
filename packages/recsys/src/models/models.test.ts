import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../eval/evaluate.js';
import { buildProtocol } from '../eval/protocol.js';
import { leaveOneOut } from '../eval/split.js';
import { Rng } from '../random.js';
import { synthetic } from '../test-support/synthetic.js';
import { Cooccurrence, CooccurrenceModel } from './cooccurrence.js';
import type { Recommender } from './model.js';
import { itemCounts, PopularModel } from './popular.js';

const split = leaveOneOut(synthetic({ users: 500, numItems: 300, clusters: 10 }));
const plan = buildProtocol(split, { seed: 4 }).test;

function randomModel(seed: number): Recommender {
  const rng = new Rng(seed);
  return {
    name: 'random',
    forUser: () => ({
      score: (items, out) => items.forEach((_, k) => (out[k] = rng.next())),
      scoreAll: (out) => out.forEach((_, k) => (out[k] = rng.next())),
    }),
  };
}

test('most-popular scores train counts and beats random ranking on skewed data', () => {
  const skewed = leaveOneOut(synthetic({ users: 500, numItems: 300, sequential: 0.1 }));
  const skewedPlan = buildProtocol(skewed, { seed: 4 }).test;
  const counts = itemCounts(skewed.train, skewed.numItems);
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    skewed.train.items.length,
  );
  const popular = evaluate(new PopularModel(counts), skewed, skewedPlan);
  const random = evaluate(randomModel(1), skewed, skewedPlan);
  assert.ok(random.hr > 0.02 && random.hr < 0.2, `random HR@10 ${random.hr} should be near 10/101`);
  assert.ok(popular.hr > random.hr + 0.1, `popular ${popular.hr} vs random ${random.hr}`);
});

test('co-occurrence learns what follows what and beats popularity on sequential data', () => {
  const table = new Cooccurrence(split.numItems);
  table.addSequences(split.train);
  const cooc = evaluate(new CooccurrenceModel(table), split, plan);
  const popular = evaluate(new PopularModel(itemCounts(split.train, split.numItems)), split, plan);
  assert.ok(cooc.hr > popular.hr + 0.1, `co-occurrence ${cooc.hr} vs popular ${popular.hr}`);
});

test('co-occurrence fed one event at a time equals the batch build', () => {
  const batch = new Cooccurrence(split.numItems);
  batch.addSequences(split.train);
  const online = new Cooccurrence(split.numItems);
  const { offsets, items } = split.train;
  for (let u = 0; u + 1 < offsets.length; u++) {
    for (let p = offsets[u]!; p < offsets[u + 1]!; p++) online.addEvent(items.subarray(offsets[u]!, p), items[p]!);
  }
  assert.equal(online.pairs, batch.pairs);
  const a = new Float32Array(split.numItems);
  const b = new Float32Array(split.numItems);
  for (const item of [0, 5, 17, 42]) {
    a.fill(0);
    b.fill(0);
    batch.addNeighbours(item, a, 1);
    online.addNeighbours(item, b, 1);
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-6);
  }
  // Folding the online part into the compact base keeps every score.
  online.addSequences({ offsets: Int32Array.from([0]), items: new Int32Array(0) });
  b.fill(0);
  online.addNeighbours(42, b, 1);
  a.fill(0);
  batch.addNeighbours(42, a, 1);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-6);
});

test('position decay: the item right after counts more than one three steps later', () => {
  const table = new Cooccurrence(4, { window: 5, decay: 0.5, backward: 0, alpha: 0.5, recent: 1, recency: 1 });
  table.addSequences({ offsets: Int32Array.from([0, 4]), items: Int32Array.from([0, 1, 2, 3]) });
  const out = new Float32Array(4);
  table.addNeighbours(0, out, 1);
  assert.ok(out[1]! > out[2]! && out[2]! > out[3]! && out[3]! > 0);
  assert.ok(Math.abs(out[1]! / out[2]! - 2) < 1e-6);
  assert.equal(out[0], 0);
});
