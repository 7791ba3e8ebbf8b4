import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sequenceOf } from '../data/dataset.js';
import { fitRankerOnValidation } from '../eval/engine-fit.js';
import { evaluate } from '../eval/evaluate.js';
import { buildProtocol } from '../eval/protocol.js';
import { evaluableUsers, leaveOneOut } from '../eval/split.js';
import { itemCounts, PopularModel } from '../models/popular.js';
import { synthetic } from '../test-support/synthetic.js';
import { Engine, ENGINE_DEFAULTS, type EngineOptions } from './engine.js';

const split = leaveOneOut(synthetic({ users: 500, numItems: 300, clusters: 10 }));
const protocol = buildProtocol(split, { seed: 8 });
const SMALL_ENGINE: EngineOptions = {
  ...ENGINE_DEFAULTS,
  members: 2,
  epochs: 10,
  embedding: { ...ENGINE_DEFAULTS.embedding, dim: 16, recent: 5, negatives: 8 },
  candidatesPerSource: 20,
};

function trainedEngine(next = false): Engine {
  const engine = new Engine(split.numItems, { ...SMALL_ENGINE, embedding: { ...SMALL_ENGINE.embedding, next } });
  engine.train(split.train, { seed: 3 });
  return engine;
}

test('the engine learns the sequential structure and beats most-popular on it', () => {
  const engine = trainedEngine();
  const popularModel = new PopularModel(itemCounts(split.train, split.numItems));
  // Before the ranker is fitted the engine ranks by its embeddings alone.
  const embeddingsAlone = evaluate(engine, split, protocol.valid);
  const popularValid = evaluate(popularModel, split, protocol.valid);
  assert.ok(
    embeddingsAlone.hr > popularValid.hr + 0.3,
    `embeddings HR@10 ${embeddingsAlone.hr} vs popular ${popularValid.hr}`,
  );
  const fit = fitRankerOnValidation(engine, split, evaluableUsers(split), { negatives: 10, seed: 2 });
  assert.ok(fit.loss < Math.LN2);
  assert.ok(fit.weights.transition! > 0);
  const test = evaluate(engine, split, protocol.test, { full: true });
  const popular = evaluate(popularModel, split, protocol.test, { full: true });
  assert.ok(test.hr > popular.hr + 0.3, `engine HR@10 ${test.hr} vs popular ${popular.hr}`);
  assert.ok(test.fullHr! > popular.fullHr! + 0.3, `engine full HR@10 ${test.fullHr} vs popular ${popular.fullHr}`);
});

for (const next of [false, true])
  test(`scoreAll agrees with score item by item (one ranking function for feed and evaluation)${next ? ', with the "what follows" vectors' : ''}`, () => {
    const engine = trainedEngine(next);
    const fit = fitRankerOnValidation(engine, split, evaluableUsers(split), { negatives: 5, seed: 2 });
    // The "follows" feature is the part of the embedding score the latest item's vector gives: 0 without one.
    assert.equal(fit.weights.follows !== 0, next);
    const u = protocol.test.users[0]!;
    const scorer = engine.forUser(u, sequenceOf(split.train, u));
    const all = new Float32Array(split.numItems);
    scorer.scoreAll(all);
    const items = Int32Array.from({ length: split.numItems }, (_, i) => i);
    const one = new Float32Array(split.numItems);
    scorer.score(items, one);
    for (let i = 0; i < all.length; i++)
      assert.ok(Math.abs(all[i]! - one[i]!) < 1e-4, `item ${i}: ${all[i]} vs ${one[i]}`);
  });

test('the feed path returns unseen candidates, best first, each with its source', () => {
  const engine = trainedEngine();
  const u = protocol.test.users[1]!;
  const history = sequenceOf(split.train, u);
  const recs = engine.recommend(u, history, 10, (i) => i === 0);
  assert.equal(recs.length, 10);
  const seen = new Set(history);
  for (const r of recs) {
    assert.ok(!seen.has(r.item) && r.item !== 0);
    assert.ok(['cooccurrence', 'embedding', 'trending'].includes(r.source));
  }
  for (let k = 1; k < recs.length; k++) assert.ok(recs[k - 1]!.score >= recs[k]!.score);
  assert.equal(new Set(recs.map((r) => r.item)).size, 10);
});

test('one observed event moves the next request: what followed it rises', () => {
  const engine = new Engine(6, { ...SMALL_ENGINE, members: 1 });
  engine.train({ offsets: Int32Array.from([0, 3, 6]), items: Int32Array.from([0, 1, 2, 3, 4, 5]) }, { seed: 1 });
  engine.ranker.weights.set([1, 1, 1, 0, 0, 0]);
  const score = (item: number): number => {
    const out = new Float32Array(1);
    engine.forUser(7, Int32Array.from([4])).score(Int32Array.from([item]), out);
    return out[0]!;
  };
  const before = score(2);
  engine.observe(7, Int32Array.from([4]), 2, 1);
  assert.ok(score(2) > before);
  assert.equal(engine.popularity[2], 2);
  assert.ok(engine.trending.value(2, 1) > engine.trending.value(1, 1));
  assert.throws(() => engine.observe(7, Int32Array.from([4]), 6, 2), RangeError);
  assert.throws(() => engine.observe(7, Int32Array.from([-1]), 2, 2), RangeError);
  const out = new Float32Array(1);
  engine.forUser(8, Int32Array.from([4, 99])).score(Int32Array.from([5]), out);
  assert.ok(Number.isFinite(out[0]));
});
