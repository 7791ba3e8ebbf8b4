import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddingEnsemble } from './ensemble.js';
import { SEQ_EMBEDDING_DEFAULTS, SeqEmbedding } from './seq-embedding.js';
import { trainEpochs, type RowSequences } from './train-embedding.js';
import { trainInWorkers } from './worker-pool.js';

// 30 items on a ring: after item k comes item k + 1. 120 people walk 6 steps from random starts.
const N = 30;
function ringData(): RowSequences {
  const rows: number[] = [];
  const offsets = [0];
  for (let p = 0; p < 120; p++) {
    const start = (p * 7) % N;
    for (let s = 0; s < 6; s++) rows.push((start + s) % N);
    offsets.push(rows.length);
  }
  return {
    offsets: Int32Array.from(offsets),
    rows: Int32Array.from(rows),
    userRows: Int32Array.from({ length: 120 }, (_, p) => p),
    itemRows: N,
  };
}
const opts = { ...SEQ_EMBEDDING_DEFAULTS, dim: 16, recent: 3, negatives: 8, dropout: 0.2, lr: 0.1 };

function model(seed: number): SeqEmbedding {
  const m = new SeqEmbedding({ ...opts, seed });
  for (let i = 0; i < N; i++) m.itemRow(i);
  for (let p = 0; p < 120; p++) m.userRow(p);
  return m;
}

test('the sequence-aware embedding learns what comes next', () => {
  const m = model(1);
  trainEpochs(m, ringData(), 30, 5);
  const z = new Float32Array(opts.dim);
  const scores = new Float32Array(N);
  let top1 = 0;
  for (let k = 0; k < N; k++) {
    m.personVector(-1, Int32Array.from([(k + N - 1) % N, k]), z);
    m.scoreRows(z, scores);
    scores[k] = -Infinity;
    scores[(k + N - 1) % N] = -Infinity;
    const best = scores.indexOf(Math.max(...scores));
    if (best === (k + 1) % N) top1++;
  }
  assert.ok(top1 >= 0.8 * N, `next item ranked first for ${top1} of ${N} items`);
});

test('the "what follows" table learns an item-specific transition the shared table cannot', () => {
  // After item k comes k + 1 or k + 2 by the parity of k: one vector per item serving both
  // roles cannot hold both directions, a table of what follows each item can.
  const rows: number[] = [];
  const offsets = [0];
  for (let p = 0; p < 240; p++) {
    let k = (p * 7) % N;
    for (let s = 0; s < 6; s++, k = (k + (k % 2 === 0 ? 1 : 2)) % N) rows.push(k);
    offsets.push(rows.length);
  }
  const data = {
    offsets: Int32Array.from(offsets),
    rows: Int32Array.from(rows),
    userRows: new Int32Array(240).fill(-1),
    itemRows: N,
  };
  const top1 = (next: boolean): number => {
    const m = new SeqEmbedding({ ...opts, recent: 1, dropout: 0, next, seed: 4 });
    for (let i = 0; i < N; i++) m.itemRow(i);
    trainEpochs(m, data, 30, 5);
    const z = new Float32Array(opts.dim);
    const scores = new Float32Array(N);
    let hits = 0;
    for (let k = 0; k < N; k++) {
      m.personVector(-1, Int32Array.from([k]), z);
      m.scoreRows(z, scores);
      scores[k] = -Infinity;
      if (scores.indexOf(Math.max(...scores)) === (k + (k % 2 === 0 ? 1 : 2)) % N) hits++;
    }
    return hits;
  };
  const without = top1(false);
  const withNext = top1(true);
  assert.ok(
    withNext >= 0.9 * N && withNext > without,
    `next item first: ${withNext} with the table, ${without} without`,
  );
});

for (const next of [false, true])
  test(`training in worker threads gives exactly the parameters of training in this thread${next ? ' (with the "what follows" table)' : ''}`, async () => {
    const data = ringData();
    const o = { ...opts, next };
    const here = new EmbeddingEnsemble(o, 2);
    const there = new EmbeddingEnsemble(o, 2);
    for (const e of [here, there]) {
      for (let i = 0; i < N; i++) e.itemRow(i);
      for (let p = 0; p < 120; p++) e.userRow(p);
    }
    here.train(data, 3, 9);
    let epochs = 0;
    there.load(await trainInWorkers(there.jobs(data, 3, 9), { concurrency: 2, onEpoch: () => epochs++ }));
    assert.equal(epochs, 6);
    here.members.forEach((m, j) => {
      const other = there.members[j]!;
      assert.deepEqual(m.E, other.E);
      assert.deepEqual(m.U, other.U);
      assert.deepEqual(m.A, other.A);
      assert.deepEqual(m.N, other.N);
      assert.equal(m.N.length > 0, next);
    });
    assert.notDeepEqual(here.members[0]!.E, here.members[1]!.E);
  });

test('expired rows are recycled with fresh parameters; state moves only between matching models', () => {
  const m = model(2);
  trainEpochs(m, ringData(), 2, 1);
  const row = m.items.find(3);
  m.items.acquire(3, 100); // item 3 seen recently; every other id was last seen at time 0
  const { items } = m.expire(50);
  assert.equal(items, N - 1);
  assert.equal(m.items.find(3), row);
  assert.equal(m.items.find(4), -1);
  assert.equal(m.B[m.itemRow(1000, 100)], 0);
  assert.throws(() => new SeqEmbedding(opts).loadState(m.exportState()), /does not match/);
  model(3).loadState(m.exportState());
});
