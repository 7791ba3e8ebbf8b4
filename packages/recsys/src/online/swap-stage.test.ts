import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syntheticMetas, syntheticSnapshot } from '../test-support/swap-snapshot.js';
import { biasKeys, byBias, mergeRuns } from './swap-stage.js';
import { OnlineEngine, type Recommended } from './online-engine.js';
import type { Signal } from './signals.js';

const T0 = 1_800_000_000_000;
const VIDEOS = 400;

/** An engine that knows the videos, has learnt from a few people, and serves model A. */
function engine(): OnlineEngine {
  const e = new OnlineEngine();
  for (const m of syntheticMetas(VIDEOS)) e.upsertVideo(m, false, T0);
  for (let k = 0; k < 60; k++) {
    const s: Signal = { actor: `usr_${k % 3}`, kind: 'like', videoId: `v${(k * 37) % VIDEOS}`, at: T0 + k * 1000 };
    e.observe(s);
  }
  e.swapModel('A', syntheticSnapshot(VIDEOS, 1, 'v', 6), T0 + 100_000);
  return e;
}

const page = (e: OnlineEngine, actor: string, now: number): Recommended[] =>
  e.recommend(actor, { limit: 10, now, isShown: () => false });

test('a swap in slices is a switch: pages between slices are the old model’s, the page after it the new one’s', () => {
  const sliced = engine();
  const reference = engine();
  const snapB = syntheticSnapshot(VIDEOS, 2, 'v', 6);
  const beforeSwap = page(reference, 'usr_0', T0 + 150_000);
  page(sliced, 'usr_0', T0 + 150_000);
  const stage = sliced.beginSwap('B', snapB, T0 + 200_000);
  let between = 0;
  let now = T0 + 200_000;
  // A few work units a slice, so the preparation takes many slices with pages between them.
  while (!stage.step(Number.POSITIVE_INFINITY, 50)) {
    now += 10;
    for (const actor of ['usr_0', 'usr_1']) {
      assert.deepEqual(page(sliced, actor, now), page(reference, actor, now), `page ${between} between slices`);
      assert.equal(sliced.modelVersion, 'A');
    }
    between++;
  }
  assert.ok(between > 10, `${between} pages asked between slices`);
  const staged = sliced.commitSwap(stage);
  const oneGo = reference.swapModel('B', snapB, T0 + 200_000);
  assert.deepEqual(staged, oneGo);
  assert.equal(sliced.modelVersion, 'B');
  for (const actor of ['usr_0', 'usr_1', 'usr_2'])
    assert.deepEqual(page(sliced, actor, now + 1), page(reference, actor, now + 1), `${actor} after the switch`);
  // The model shapes the page: the new one's differs from the old one's.
  assert.notDeepEqual(
    page(sliced, 'usr_0', now + 2).map((r) => r.videoId),
    beforeSwap.map((r) => r.videoId),
  );
});

test('online learning between retrains applies on top of the switched-in model as after a swap in one go', () => {
  const sliced = engine();
  const reference = engine();
  const snapB = syntheticSnapshot(VIDEOS, 3, 'v', 6);
  const stage = sliced.beginSwap('B', snapB, T0 + 200_000);
  while (!stage.step(Number.POSITIVE_INFINITY, 200));
  sliced.commitSwap(stage);
  reference.swapModel('B', snapB, T0 + 200_000);
  for (let k = 0; k < 30; k++) {
    const s: Signal = { actor: 'usr_1', kind: 'like', videoId: `v${(k * 11) % VIDEOS}`, at: T0 + 300_000 + k * 1000 };
    sliced.observe(s);
    reference.observe(s);
  }
  assert.deepEqual(page(sliced, 'usr_1', T0 + 400_000), page(reference, 'usr_1', T0 + 400_000));
  assert.notDeepEqual(page(sliced, 'usr_1', T0 + 400_000), page(engine(), 'usr_1', T0 + 400_000));
});

test('the pool order: highest bias first, ties in snapshot order, unknown videos left out', () => {
  const bias = Float32Array.from([0.5, -1, 2, 0.5, -0, 0, 3, -2.5]);
  const itemOf = Int32Array.from([10, 11, 12, 13, 14, -1, -1, 17]);
  const rows = [...byBias(bias, itemOf, 6)];
  assert.deepEqual(rows, [2, 0, 3, 4, 1, 7]);
});

test('the pool order merged from runs sorted one at a time is the whole sort’s first rows', () => {
  let x = 5;
  const bias = Float32Array.from({ length: 1000 }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.round((x / 2 ** 31 - 0.5) * 40) / 10; // ties on purpose
  });
  const itemOf = Int32Array.from({ length: 1000 }, (_, r) => (r % 7 === 3 ? -1 : r));
  const known = itemOf.filter((i) => i >= 0).length;
  const keys = biasKeys(bias, itemOf, known);
  for (let k = 0; k < known; k += 64) keys.subarray(k, Math.min(known, k + 64)).sort();
  assert.deepEqual([...mergeRuns(keys, 64, 300)], [...byBias(bias, itemOf, known).subarray(0, 300)]);
});
