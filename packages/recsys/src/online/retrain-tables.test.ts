import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthetic } from '../test-support/synthetic.js';
import { Covisitation } from './covisitation.js';
import { OnlineEngine } from './online-engine.js';
import { ONLINE_ENGINE_DEFAULTS } from './online-engine.js';
import { retrain, RETRAIN_DEFAULTS, trainingPart, trainingSet, trainingSetOf } from './retrain.js';
import { buildCovisit, CHOICE_FEATURES, CovisitReader, fitChoiceWeights } from './retrain-tables.js';
import type { Signal } from './signals.js';

const T0 = 1_800_000_000_000;

test('the batch co-occurrence table sums what the live table adds, pair by pair, when no row overflows', () => {
  // Two people, one session each, a minute between events.
  const offsets = Int32Array.from([0, 4, 7]);
  const rows = Int32Array.from([0, 1, 2, 1, 3, 1, 0]);
  const at = Float64Array.from([0, 1, 2, 3, 10, 11, 12], (k) => T0 + k * 60_000);
  const t = buildCovisit({ offsets, rows, at });
  const live = new Covisitation();
  for (let k = 0; k + 1 < offsets.length; k++) {
    for (let p = offsets[k]! + 1; p < offsets[k + 1]!; p++)
      live.observe(rows.subarray(offsets[k]!, p), at.subarray(offsets[k]!, p), rows[p]!, at[p]!);
  }
  const reader = new CovisitReader(t, 4);
  for (let a = 0; a < 4; a++) {
    const batch = reader.scores([a], new Map());
    const online = new Map<number, number>();
    live.forEachNeighbour(a, t.ref, (b, w) => online.set(b, w));
    assert.deepEqual([...batch.keys()].sort(), [...online.keys()].sort(), `neighbours of ${a}`);
    for (const [b, w] of online)
      assert.ok(Math.abs(batch.get(b)! - w) < 1e-4 * Math.max(1, w), `${a}→${b}: ${batch.get(b)} against ${w}`);
  }
});

test('the batch table read for a history: recency-weighted over the latest items, the latest item alone apart', () => {
  const offsets = Int32Array.from([0, 2, 4]);
  const rows = Int32Array.from([0, 1, 2, 3]);
  const at = Float64Array.from([0, 1, 2, 3], (k) => T0 + k * 60_000);
  const reader = new CovisitReader(buildCovisit({ offsets, rows, at }), 4);
  const latest = new Map<number, number>();
  const all = reader.scores([0, 2], new Map(), latest);
  // 2 (latest) has neighbour 3, 0 (one older, weight 0.8) has neighbour 1.
  assert.deepEqual([...all.keys()].sort(), [1, 3]);
  assert.deepEqual([...latest.keys()], [3]);
  assert.equal(latest.get(3), all.get(3));
});

test('each batch row keeps its strongest neighbours, strongest first', () => {
  const n = 60;
  const items = Int32Array.from({ length: n }, (_, k) => (k % 2 === 0 ? 0 : 1 + ((k - 1) >> 1)));
  // Item 0 alternates with 30 others; item 1 comes back three times.
  items[5] = 1;
  items[9] = 1;
  const t = buildCovisit(
    { offsets: Int32Array.from([0, n]), rows: items, at: Float64Array.from({ length: n }, (_, k) => T0 + k) },
    { window: 1, decay: 1, backward: 0.5, sessionGapMs: 1e9, halfLife: 1e12, rowCap: 4 },
  );
  const r = [...t.owners].indexOf(0);
  assert.equal(t.counts[r], 4);
  assert.equal(t.ids[r * 4], 1);
  for (let j = 1; j < 4; j++) assert.ok(t.w[r * 4 + j - 1]! >= t.w[r * 4 + j]!);
});

/** The synthetic set as likes, one minute apart per person. */
function signals(): Signal[] {
  const data = synthetic({ users: 500, numItems: 200 });
  const out: Signal[] = [];
  for (let u = 0; u < data.numUsers; u++) {
    for (let p = data.offsets[u]!; p < data.offsets[u + 1]!; p++)
      out.push({
        actor: `usr_${u}`,
        kind: 'like',
        videoId: `vid_${data.items[p]}`,
        at: T0 + (p - data.offsets[u]!) * 60_000 + u,
      });
  }
  return out;
}

test('a retraining fits the choice weights on the held-out items: co-occurring with the latest videos makes a likelier choice', () => {
  const set = trainingSet(signals());
  const snap = retrain(set, { ...RETRAIN_DEFAULTS, epochs: 3 });
  assert.ok(snap.covisit && snap.covisit.owners.length > 100);
  assert.equal(snap.choice?.length, CHOICE_FEATURES.length);
  // The synthetic people mostly step to the next video of a ring: what co-occurs with their latest videos, and with the
  // latest above all, is the likelier choice.
  assert.ok(snap.choice![1]! > 0, `co-occurrence weight ${snap.choice![1]}`);
  assert.ok(snap.choice![4]! > 0, `transition weight ${snap.choice![4]}`);
});

test('the choice fit: features left out keep weight 0; with every feature and negatives from the embedding source, all are fitted', () => {
  const set = trainingSet(signals());
  const snap = retrain(set, { ...RETRAIN_DEFAULTS, epochs: 2 });
  const input = {
    ...trainingPart(set),
    heldOut: set.heldOut,
    numItems: set.items.length,
    dim: snap.dim,
    vectors: snap.vectors,
    bias: snap.bias,
    recency: snap.recency,
    covisit: snap.covisit!,
  };
  const three = fitChoiceWeights(input, { features: ['embedding', 'log_covisit', 'covisit_any'] })!;
  assert.equal(three.weights.length, CHOICE_FEATURES.length);
  assert.equal(three.weights[3], 0);
  assert.equal(three.weights[4], 0);
  const every = fitChoiceWeights(input, {
    candidateNegatives: 6,
    embeddingNegatives: 6,
    uniformNegatives: 6,
    embeddingPool: 100,
    features: CHOICE_FEATURES,
  })!;
  assert.ok(
    every.weights.every((w) => Number.isFinite(w) && w !== 0),
    `weights ${[...every.weights]}`,
  );
  // Negatives from the embedding's best are harder: the loss is higher than against co-occurrence and uniform draws.
  const easy = fitChoiceWeights(input, { features: CHOICE_FEATURES, embeddingNegatives: 0, uniformNegatives: 10 })!;
  assert.ok(every.loss > easy.loss, `${every.loss} against ${easy.loss}`);
});

test('while a retrained model serves, the embedding source gives modelPerSource candidates', () => {
  const sigs = signals();
  const snap = retrain(trainingSet(sigs), { ...RETRAIN_DEFAULTS, epochs: 1 });
  const sizes = [10, 60].map((modelPerSource) => {
    const e = new OnlineEngine({ ...ONLINE_ENGINE_DEFAULTS, modelPerSource });
    for (let i = 0; i < 200; i++)
      e.upsertVideo(
        {
          id: `vid_${i}`,
          title: '',
          creatorId: `usr_c${i % 7}`,
          creatorName: '',
          categoryId: null,
          categoryName: null,
          tags: [],
          priceFen: null,
          shopId: null,
          productIds: [],
          publishedAt: T0,
        },
        false,
        T0,
      );
    for (const s of sigs.slice(0, 300)) e.observe(s);
    const before = e.valuedCandidates('usr_0', T0 + 1).size;
    e.swapModel('mdl_1', snap, T0 + 2);
    return { before, after: e.valuedCandidates('usr_0', T0 + 3).size };
  });
  // Before a swap the option does not apply; after it, more of the model's videos reach the page.
  assert.equal(sizes[0]!.before, sizes[1]!.before);
  assert.ok(sizes[1]!.after > sizes[0]!.after, JSON.stringify(sizes));
});

test('the table served comes from the whole history, held-out choices included (the fit reads the table without them)', () => {
  const set = trainingSetOf({ offsets: Int32Array.from([0, 3, 6]), items: Int32Array.from([0, 1, 2, 3, 4, 5]) }, 6, {
    holdOutLast: true,
    t0: T0,
    stepMs: 1000,
  });
  assert.deepEqual([...set.heldOut], [2, 5]);
  const snap = retrain(set, { ...RETRAIN_DEFAULTS, epochs: 1 });
  const reader = new CovisitReader(snap.covisit!, 6);
  // 1 → 2 and 4 → 5 are the held-out choices' pairs.
  assert.ok(reader.scores([1], new Map()).has(2));
  assert.ok(reader.scores([4], new Map()).has(5));
});

test('an offline set holds out its latest items when asked, and its times follow the replay', () => {
  const set = trainingSetOf({ offsets: Int32Array.from([0, 3, 5]), items: Int32Array.from([4, 5, 6, 7, 8]) }, 9, {
    holdOutLast: true,
    t0: 100,
    stepMs: 10,
  });
  assert.deepEqual([...set.heldOut], [6, -1]);
  assert.deepEqual([...set.at], [110, 120, 130, 140, 150]);
});

test('the hot swap takes the vectors, the co-occurrence table and the choice weights together; pages are still served', () => {
  const sigs = signals();
  const set = trainingSet(sigs);
  const snap = retrain(set, { ...RETRAIN_DEFAULTS, epochs: 2 });
  const e = new OnlineEngine();
  for (let i = 0; i < 200; i++)
    e.upsertVideo(
      {
        id: `vid_${i}`,
        title: '',
        creatorId: `usr_c${i % 7}`,
        creatorName: '',
        categoryId: null,
        categoryName: null,
        tags: [],
        priceFen: null,
        shopId: null,
        productIds: [],
        publishedAt: T0,
      },
      false,
      T0,
    );
  for (const s of sigs.slice(0, 200)) e.observe(s);
  const before = e.recommend('usr_0', { limit: 10, now: T0 + 1, isShown: () => false }).map((r) => r.value);
  const swapped = e.swapModel('mdl_1', snap, T0 + 2);
  assert.equal(swapped.covisitRows, snap.covisit!.owners.length);
  // A row now is the snapshot's: the same neighbours with the same weights.
  const r = 0;
  const owner = e.catalog.indexOf(snap.items[snap.covisit!.owners[r]!]!);
  const got = new Map<number, number>();
  e.covisit.forEachNeighbour(owner, snap.covisit!.ref, (b, w) => got.set(b, w));
  assert.equal(got.size, snap.covisit!.counts[r]);
  for (let j = 0; j < got.size; j++)
    assert.equal(got.get(e.catalog.indexOf(snap.items[snap.covisit!.ids[j]!]!)), snap.covisit!.w[j]);
  const after = e.recommend('usr_0', { limit: 10, now: T0 + 3, isShown: () => false });
  assert.equal(after.length, 10);
  assert.notDeepEqual(
    after.map((x) => x.value),
    before,
  );
});
