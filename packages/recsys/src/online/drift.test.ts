import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blendedShare, decayFactor, DRIFT_DEFAULTS, DriftTable, interestFactor, CATEGORY_SLOTS } from './drift.js';
import { baseRate, fatigueFactor, FATIGUE_MAX, FATIGUE_MIN } from './fatigue.js';
import { exploreSlotsAt, underShown } from './explore.js';

const close = (a: number, b: number, eps = 1e-6): void => assert.ok(Math.abs(a - b) < eps, `${a} ≈ ${b}`);

test('decay halves per half-life of events and of time, and the two compound', () => {
  const opts = { halfLifeEvents: 10, halfLifeMs: 60_000 };
  close(decayFactor(0, 0, opts), 1);
  close(decayFactor(10, 0, opts), 0.5);
  close(decayFactor(0, 60_000, opts), 0.5);
  close(decayFactor(20, 60_000, opts), 0.125);
  close(decayFactor(-5, -1, opts), 1);
});

test('blended share weighs short-term against long-term; the interest factor follows the change, bounded', () => {
  close(blendedShare(80, 100, 0, 10, 0.5), 0.4);
  close(blendedShare(0, 100, 10, 10, 0.5), 0.5);
  close(blendedShare(50, 100, 5, 10, 0), 0.5);
  assert.equal(interestFactor(0.5, 0.5), 1);
  assert.ok(interestFactor(0.05, 0.5) > 1.9, 'a category rising now is worth more');
  assert.ok(interestFactor(0.8, 0.4) < 1, 'a category left behind is worth less');
  assert.equal(interestFactor(0, 10), 2);
  assert.equal(interestFactor(10, 0), 0.5);
});

test('fatigue: shown without engagement lowers a value, engaged more than usual raises it, bounded', () => {
  assert.equal(fatigueFactor(0, 0, 0.5, 1), 1, 'nothing shown: no evidence');
  assert.equal(fatigueFactor(5, 0, 0.5, 0), 1, 'strength 0 turns it off');
  assert.ok(fatigueFactor(1, 0, 0.5, 1) > fatigueFactor(4, 0, 0.5, 1), 'more unengaged impressions weigh more');
  assert.ok(fatigueFactor(4, 0, 0.5, 1) < 1);
  assert.ok(fatigueFactor(4, 4, 0.5, 1) > 1);
  close(fatigueFactor(4, 2, 0.5, 1), 1);
  assert.equal(fatigueFactor(100, 0, 0.5, 3), FATIGUE_MIN);
  assert.equal(fatigueFactor(100, 100, 0.05, 3), FATIGUE_MAX);
  close(baseRate(0, 0, 0.3), 0.3);
  assert.ok(baseRate(10, 9, 0.3) > 0.8);
});

test('the drift table: impressions without engagement tire a category, engagement lifts it, and it recovers with time', () => {
  const t = new DriftTable({ ...DRIFT_DEFAULTS, halfLifeEvents: 20, halfLifeMs: 60_000, fatigue: 1 });
  const CAT_A = 11;
  const CAT_B = 22;
  const CREATOR = 5;
  let at = 1_000;
  for (let i = 0; i < 10; i++) {
    t.observe('u', 'impression', 0, i, CAT_A, CREATOR, at);
    t.observe('u', 'other', 1, i, CAT_A, CREATOR, at); // completed
    t.observe('u', 'other', 3, i, CAT_A, CREATOR, at); // and liked: the impression counts once as engaged
    t.observe('u', 'impression', 0, 100 + i, CAT_B, CREATOR + 1, at);
    t.observe('u', 'other', -0.3, 100 + i, CAT_B, CREATOR + 1, at); // skipped
    at += 1_000;
  }
  const v = t.view('u', at)!;
  const a = v.factor(CAT_A, CREATOR, 0.5);
  const b = v.factor(CAT_B, CREATOR + 1, 0.5);
  assert.ok(a > 1 && b < 1 && a > 3 * b, `engaged ${a} against skipped ${b}`);
  assert.ok(v.shown(CAT_A) > 5 && v.shown(CAT_B) > 5);
  assert.deepEqual(
    v.interests().map((e) => e.categoryHash),
    [CAT_A],
    'only the engaged category has short-term interest',
  );
  assert.equal(v.interests()[0]!.item, 9, 'its latest engaged video represents it');
  const later = t.view('u', at + 10 * 60_000)!;
  assert.ok(later.factor(CAT_B, CREATOR + 1, 0.5) > b, 'fatigue recovers with time');
  assert.ok(later.shown(CAT_B) < 0.01);
  assert.equal(t.view('nobody', at), null);
});

test('the drift table keeps a fixed number of slots per person and recycles rows', () => {
  const t = new DriftTable(DRIFT_DEFAULTS);
  for (let c = 0; c < 50; c++) t.observe('u', 'impression', 0, c, 1000 + c, 7, c);
  const v = t.view('u', 50)!;
  const kept = Array.from({ length: 50 }, (_, c) => v.shown(1000 + c)).filter((s) => s > 0).length;
  assert.equal(kept, CATEGORY_SLOTS);
  assert.ok(v.shown(1049) > 0, 'the newest category took a slot');
  const bytes = t.bytes;
  for (let p = 0; p < 500; p++) t.observe(`p${p}`, 'impression', 0, 1, 1, 1, 100);
  assert.equal(t.bytes, bytes, 'the table grows by blocks of rows, not per key');
  t.expire(101);
  assert.equal(t.people, 0);
  t.observe('again', 'impression', 0, 1, 1, 1, 200);
  assert.equal(t.people, 1);
});

test('exploration credit gives the configured share exactly over pages', () => {
  const t = new DriftTable({ ...DRIFT_DEFAULTS, exploreShare: 0.15 });
  assert.equal(t.exploreSlots('u', 10), 0, 'no state, no exploration');
  t.observe('u', 'impression', 0, 1, 1, 1, 0);
  let slots = 0;
  for (let page = 0; page < 20; page++) slots += t.exploreSlots('u', 10);
  assert.equal(slots, 30);
  const off = new DriftTable({ ...DRIFT_DEFAULTS, exploreShare: 0 });
  off.observe('u', 'impression', 0, 1, 1, 1, 0);
  assert.equal(off.exploreSlots('u', 10), 0);
});

test('under-shown categories come first, the rotation breaks ties, and slots are spread, never first', () => {
  const shown: Record<string, number> = { a: 5, b: 0, c: 2, d: 0 };
  assert.deepEqual(
    underShown(['a', 'b', 'c', 'd'], (id) => shown[id]!, 0, 3),
    ['b', 'd', 'c'],
  );
  assert.deepEqual(
    underShown(['a', 'b', 'c', 'd'], (id) => shown[id]!, 2, 2),
    ['d', 'b'],
  );
  assert.deepEqual(
    underShown([], () => 0, 3, 2),
    [],
  );
  assert.deepEqual(exploreSlotsAt(10, 1), [5]);
  assert.deepEqual(exploreSlotsAt(10, 2), [3, 6]);
  assert.ok(exploreSlotsAt(10, 3).every((p) => p > 0 && p < 10));
});
