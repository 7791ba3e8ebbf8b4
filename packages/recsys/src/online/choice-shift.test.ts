import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChoiceContext, choiceShifts, covisitScores } from './choice-shift.js';
import { Covisitation } from './covisitation.js';
import { Profile } from './profile.js';
import { CHOICE_FEATURE_COUNT, CHOICE_FEATURES, choiceFeatures, choiceScore } from './retrain-tables.js';

const T0 = 1_800_000_000_000;

const context = (
  covisit: [number, number][],
  transition: [number, number][] = [],
  bias: (i: number) => number = () => 0,
): ChoiceContext => ({ covisit: new Map(covisit), transition: new Map(transition), bias });

test('the choice features: embedding, log co-occurrence, whether there is one, bias, log co-occurrence from the latest video', () => {
  assert.equal(CHOICE_FEATURE_COUNT, CHOICE_FEATURES.length);
  const x = new Float64Array(CHOICE_FEATURE_COUNT + 2);
  choiceFeatures(1.5, Math.E - 1, x, 2, -0.25, 3);
  assert.deepEqual(
    Array.from(x, (v) => Math.round(v * 1e6) / 1e6),
    [0, 0, 1.5, 1, 1, -0.25, Math.round(Math.log(4) * 1e6) / 1e6],
  );
  choiceFeatures(0, 0, x, 0);
  assert.deepEqual([...x.subarray(0, CHOICE_FEATURE_COUNT)], [0, 0, 0, 0, 0]);
});

test('weights stored before the bias and transition features (three of them) score as if those were 0', () => {
  const x = Float64Array.from([2, 1, 1, 5, 7]);
  assert.equal(choiceScore([1, 2, 3], x), 2 + 2 + 3);
  assert.equal(choiceScore([1, 2, 3, 0.5, 0.1], x), 2 + 2 + 3 + 2.5 + 0.7);
});

test('the shifts are relative to the page best (0 for it, below 0 for the others) and scale with the given factor', () => {
  const w = [1, 0, 0, 0, 2];
  const items = [10, 11, 12];
  const emb = Float32Array.from([0.5, 2, 1]);
  const ctx = context([], [[10, Math.E - 1]]);
  // Scores: 0.5 + 2 · 1 = 2.5, 2, 1.
  const out = choiceShifts(w, items, emb, ctx, new Float64Array(3), 1);
  assert.deepEqual(
    Array.from(out, (v) => Math.round(v * 1e6) / 1e6),
    [0, -0.5, -1.5],
  );
  const scaled = choiceShifts(w, items, emb, ctx, new Float64Array(3), 3);
  assert.deepEqual(
    Array.from(scaled, (v) => Math.round(v * 1e6) / 1e6),
    [0, -1.5, -4.5],
  );
  // The bias feature reads the context's bias of each item.
  const byBias = choiceShifts(
    [0, 0, 0, 1, 0],
    items,
    emb,
    context([], [], (i) => i - 12),
    new Float64Array(3),
    1,
  );
  assert.deepEqual([...byBias], [-2, -1, 0]);
});

test('the co-occurrence read at ranking time: the latest videos recency-weighted, the latest alone for the transition', () => {
  const table = new Covisitation();
  // Session: 1 then 2 (so 1 → 2 and 2 → 1), later 3 then 4.
  table.observe([1], [T0], 2, T0 + 1000);
  table.observe([3], [T0 + 2000], 4, T0 + 3000);
  const p = new Profile();
  p.pushRecent(1, T0 + 4000);
  p.pushRecent(3, T0 + 5000);
  const out = new Map<number, number>();
  const latest = new Map<number, number>();
  covisitScores(table, p, T0 + 6000, out, latest);
  // Neighbours of 3 (latest, weight 1) and 1 (one older, 0.8): 4 and 2.
  assert.deepEqual([...out.keys()].sort(), [2, 4]);
  assert.deepEqual([...latest.keys()], [4]);
  assert.ok(Math.abs(out.get(2)! / out.get(4)! - 0.8) < 1e-4, `${out.get(2)} / ${out.get(4)}`);
  assert.equal(latest.get(4), out.get(4));
  covisitScores(table, undefined, T0, out, latest);
  assert.equal(out.size + latest.size, 0);
});
