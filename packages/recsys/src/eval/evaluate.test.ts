import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInteractions } from '../data/dataset.js';
import type { Recommender } from '../models/model.js';
import { evaluate } from './evaluate.js';
import { buildProtocol } from './protocol.js';
import { leaveOneOut } from './split.js';

// Items i0..i9, three evaluated users, and a model that scores item iN as N.
const data = parseInteractions('u i0\nu i1\nu i2\nu i9\nv i5\nv i6\nv i0\nw i3\nw i4\nw i7\nw i8\n');
const byIndex: Recommender = {
  name: 'index',
  forUser: () => ({
    score: (items, out) => items.forEach((i, k) => (out[k] = Number(data.itemIds[i]!.slice(1)))),
    scoreAll: (out) => out.forEach((_, i) => (out[i] = Number(data.itemIds[i]!.slice(1)))),
  }),
};

test('HR, NDCG and full ranking of a known scorer on a tiny split', () => {
  const split = leaveOneOut(data);
  const plan = buildProtocol(split, { seed: 3, negatives: 4 }).test;
  const r = evaluate(byIndex, split, plan, { full: true });
  assert.equal(r.users, 3);
  // Sampled ranks, recomputed by hand from the drawn negatives.
  const value = (name: string): number => Number(name.slice(1));
  const expectedSampled = plan.users.map((_u, k) => {
    const t = value(data.itemIds[plan.targets[k]!]!);
    return Array.from(plan.negatives.subarray(k * 4, k * 4 + 4)).filter((i) => value(data.itemIds[i]!) >= t).length;
  });
  const hr = expectedSampled.filter((x) => x < 10).length / 3;
  const ndcg = expectedSampled.reduce((s, x) => s + (x < 10 ? 1 / Math.log2(x + 2) : 0), 0) / 3;
  assert.equal(r.hr, hr);
  assert.ok(Math.abs(r.ndcg - ndcg) < 1e-12);
  // Full ranks: u's i9 beats all → 0; v's i0 loses to its 7 competitors (i1-i4, i7-i9) → 7;
  // w's i8 loses only to i9 (i3, i4, i7 are w's own) → 1.
  assert.ok(Math.abs(r.fullHr! - 1) < 1e-12);
  assert.ok(Math.abs(r.fullNdcg! - (1 + 1 / Math.log2(9) + 1 / Math.log2(3)) / 3) < 1e-12);
});
