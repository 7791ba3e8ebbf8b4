import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.js';
import { DecayedWeights } from './decayed-weights.js';
import { Profile, ProfileRows, RECENT_ITEMS } from './profile.js';

test('decayed weights held as key ids keep the strongest keys, decay them and read them back by name', () => {
  const half = 1_000;
  const bag = new DecayedWeights(4, half);
  const plain = new Map<string, number>();
  const rng = new Rng(9);
  let ref = 0;
  for (let k = 0, at = 0; k < 2_000; k++, at += rng.int(50)) {
    const key = `${'ckt'[rng.int(3)]}:${rng.int(12)}`;
    const delta = rng.int(10) === 0 ? -1 : 1 + rng.int(3);
    bag.add(key, delta, at);
    // The oracle: a map decayed to the latest time, evicting the weakest (by magnitude) when full.
    if (at > ref) {
      for (const [kk, w] of plain) plain.set(kk, Math.fround(w * Math.pow(2, -(at - ref) / half)));
      ref = at;
    }
    if (plain.has(key)) plain.set(key, Math.fround(plain.get(key)! + delta));
    else if (plain.size < 4) plain.set(key, delta);
    else {
      const [weakest, ww] = [...plain].reduce((a, b) => (Math.abs(b[1]) < Math.abs(a[1]) ? b : a));
      if (Math.abs(delta) > Math.abs(ww)) {
        plain.delete(weakest);
        plain.set(key, delta);
      }
    }
  }
  assert.equal(bag.size, plain.size);
  const got = new Map(bag.entries(ref));
  for (const [k, w] of plain)
    assert.ok(Math.abs(got.get(k)! - w) < 1e-4 * Math.max(1, Math.abs(w)), `${k}: ${got.get(k)} against ${w}`);
  for (const [k, w] of plain) assert.ok(Math.abs(bag.get(k, ref) - w) < 1e-4 * Math.max(1, Math.abs(w)));
  assert.equal(bag.get('never:seen', ref), 0);
  const top = bag.top('c:', 2, ref);
  const want = [...plain]
    .filter(([k, w]) => k.startsWith('c:') && w > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([k]) => k);
  assert.deepEqual(
    top.map(([k]) => k),
    want,
  );
});

test('a profile keeps its latest videos in one buffer, newest last, and makes follow and hidden sets only when needed', () => {
  const p = new Profile();
  assert.equal(p.follows.size, 0);
  assert.equal(p.hidden.size, 0);
  for (let i = 0; i < RECENT_ITEMS + 5; i++) p.pushRecent(i, 1_000 + i);
  p.pushRecent(10, 5_000); // moves to the end
  const { items, at } = p.recentItems();
  assert.equal(items.length, RECENT_ITEMS);
  assert.equal(items[items.length - 1], 10);
  assert.equal(at[at.length - 1], 5_000);
  assert.equal(items.filter((i) => i === 10).length, 1);
  assert.ok(!p.hasRecent(0) && p.hasRecent(28));
  p.follow('usr_a');
  p.hide(7);
  assert.ok(p.follows.has('usr_a') && p.hidden.has(7));
  p.unfollow('usr_a');
  assert.equal(p.follows.size, 0);
  // Another profile still has none: nothing is shared.
  assert.equal(new Profile().hidden.size, 0);
});

test('profiles in one table keep to their own rows across slabs, and a released row comes back empty', () => {
  const rows = new ProfileRows(2);
  const people = Array.from({ length: 5 }, () => new Profile(rows));
  people.forEach((p, k) => {
    for (let i = 0; i <= k; i++) p.pushRecent(100 * k + i, 1_000 + i);
    p.interests.add(`c:${k}`, k + 1, 1_000);
  });
  people.forEach((p, k) => {
    assert.deepEqual(
      [...p.recentItems().items],
      Array.from({ length: k + 1 }, (_, i) => 100 * k + i),
    );
    assert.deepEqual(p.interests.entries(1_000), [[`c:${k}`, k + 1]]);
  });
  assert.equal(rows.size, 5);
  people[2]!.release();
  assert.equal(rows.size, 4);
  const next = new Profile(rows);
  assert.equal(rows.size, 5);
  assert.equal(next.recentItems().items.length, 0);
  assert.equal(next.interests.size, 0);
  assert.equal(next.interests.get('c:2', 1_000), 0);
  next.pushRecent(7, 2_000);
  assert.deepEqual([...next.recentItems().items], [7]);
  for (const k of [0, 1, 3, 4])
    assert.deepEqual(
      [...people[k]!.recentItems().items],
      Array.from({ length: k + 1 }, (_, i) => 100 * k + i),
    );
});
