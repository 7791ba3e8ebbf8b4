import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthetic } from '../test-support/synthetic.js';
import { OnlineEngine } from './online-engine.js';
import { evaluateSnapshot, onePass, retrain, RETRAIN_DEFAULTS, trainingSet } from './retrain.js';
import type { Signal } from './signals.js';

const T0 = 1_800_000_000_000;

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

test('the training set keeps choices with a video, in time order per person, and holds out the latest of long sequences', () => {
  const set = trainingSet([
    { actor: 'a', kind: 'like', videoId: 'v1', at: 3 },
    { actor: 'a', kind: 'impression', videoId: 'v9', at: 1 },
    { actor: 'a', kind: 'complete', videoId: 'v2', at: 1 },
    { actor: 'a', kind: 'purchase', videoId: 'v3', at: 5 },
    { actor: 'a', kind: 'like', videoId: 'v3', at: 6 },
    { actor: 'b', kind: 'like', videoId: 'v1', at: 2 },
  ]);
  assert.deepEqual(set.items, ['v2', 'v1', 'v3']);
  assert.deepEqual([...set.rows], [0, 1, 2, 1]);
  assert.deepEqual([...set.heldOut], [2, -1]);
  assert.equal(set.weights[2], 2); // a purchase, capped
});

test('several epochs find the held-out items better than one online pass', () => {
  const set = trainingSet(signals());
  const retrained = retrain(set, { ...RETRAIN_DEFAULTS, epochs: 8 });
  const once = onePass(set);
  const a = evaluateSnapshot(retrained, set, 500);
  const b = evaluateSnapshot(once, set, 500);
  assert.ok(a.people > 100);
  assert.ok(a.hr10 > b.hr10 + 0.05, `retrained ${a.hr10} against one pass ${b.hr10}`);
});

test('the online engine takes a snapshot by a hot swap and keeps learning on top; unknown videos keep their rows', () => {
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
  e.upsertVideo(
    {
      id: 'vid_new',
      title: '',
      creatorId: 'usr_c1',
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
  e.observe({ actor: 'usr_x', kind: 'like', videoId: 'vid_new', at: T0 });
  const newRow = e.embedding.model.items.find(e.catalog.indexOf('vid_new'));
  const before = e.embedding.model.E.slice(newRow * 32, newRow * 32 + 32);
  const { videos } = e.swapModel('mdl_1', snap, T0 + 1);
  assert.equal(videos, set.items.filter((id) => e.catalog.indexOf(id) >= 0).length);
  assert.equal(e.modelVersion, 'mdl_1');
  const r = snap.items.indexOf('vid_5');
  const row = e.embedding.model.items.find(e.catalog.indexOf('vid_5'));
  assert.deepEqual(
    [...e.embedding.model.E.slice(row * 32, row * 32 + 32)],
    [...snap.vectors.slice(r * 32, r * 32 + 32)],
  );
  assert.deepEqual([...e.embedding.model.E.slice(newRow * 32, newRow * 32 + 32)], [...before]);
  e.observe({ actor: 'usr_0', kind: 'like', videoId: 'vid_5', at: T0 + 2 });
  e.observe({ actor: 'usr_0', kind: 'like', videoId: 'vid_6', at: T0 + 3 });
  assert.notDeepEqual(
    [...e.embedding.model.E.slice(row * 32, row * 32 + 32)],
    [...snap.vectors.slice(r * 32, r * 32 + 32)],
  );
  assert.equal(e.recommend('usr_0', { limit: 10, now: T0 + 4, isShown: () => false }).length, 10);
});
