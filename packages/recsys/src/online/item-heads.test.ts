import { test } from 'node:test';
import assert from 'node:assert/strict';
import { featureHash } from './hashed-ranker.js';
import type { ItemMeta } from './item-catalog.js';
import { OnlineEngine } from './online-engine.js';
import { FIELD } from './ranking-features.js';

const T0 = 1_800_000_000_000;
const video = (i: number, product: string): ItemMeta => ({
  id: `vid_${i}`,
  title: `video ${i}`,
  creatorId: `usr_c${i % 3}`,
  creatorName: `creator ${i % 3}`,
  categoryId: `cat_${i % 2}`,
  categoryName: ['水果生鲜', '茶'][i % 2]!,
  tags: [`tag${i % 4}`],
  priceFen: 5990,
  shopId: null,
  productIds: [product],
  publishedAt: T0 - i * 60_000,
});

/** Videos 0–9 carry product A, 10–19 product B, 20–39 others. */
function engine(): OnlineEngine {
  const e = new OnlineEngine();
  for (let i = 39; i >= 0; i--) e.upsertVideo(video(i, i < 10 ? 'prd_A' : i < 20 ? 'prd_B' : `prd_${i}`), false, T0);
  return e;
}

test("item heads: a creative's purchase head is its product's videos' average, so the product's organic purchases lift a creative that has none of its own", () => {
  const e = engine();
  const slots = new Int32Array(1);
  // Purchases after views of videos 1–9 of product A (not video 0, the creative).
  for (let i = 1; i < 10; i++) {
    const item = e.catalog.indexOf(`vid_${i}`);
    e.ranker.slots([featureHash(FIELD.item, item)], slots);
    for (let k = 0; k < 100; k++) e.ranker.update(slots, { complete: 0, engage: 0, purchase: 1 }, 'purchase');
  }
  const h = e.itemHeads(['vid_0', 'vid_10', 'vid_missing'], T0);
  assert.deepEqual([...h.found], [1, 1, 0]);
  assert.ok(h.purchase[0]! > 1.5 * h.purchase[1]!, `A ${h.purchase[0]} vs B ${h.purchase[1]}`);
  assert.equal(h.purchase[2], 0);
  assert.ok(h.engage[0]! > 0 && h.engage[0]! < 1);
});

test('item heads read nobody: no profile is read, and people with histories change nothing in the answer', () => {
  const a = engine();
  const b = engine();
  // b has people who follow, like and hide things (profiles with affinities); nothing was served, so its ranker did not learn.
  for (let u = 0; u < 5; u++) {
    b.observe({ actor: `usr_p${u}`, kind: 'follow', creatorId: 'usr_c1', at: T0 + u });
    for (let i = 0; i < 10; i++) b.observe({ actor: `usr_p${u}`, kind: 'like', videoId: `vid_${i}`, at: T0 + 10 + i });
  }
  assert.equal(b.ranker.updates, 0);
  assert.ok(b.profiles.size > 0);
  const ids = Array.from({ length: 40 }, (_, i) => `vid_${i}`);
  const reads = b.personalReads;
  const withPeople = b.itemHeads(ids, T0 + 100);
  assert.equal(b.personalReads, reads, 'no profile read');
  const without = a.itemHeads(ids, T0 + 100);
  assert.deepEqual([...withPeople.engage], [...without.engage]);
  assert.deepEqual([...withPeople.purchase], [...without.purchase]);
});

test("viewer heads: the person's features enter — someone with no history gets the item-level heads, someone who likes a category gets more in it once the ranker has learnt affinity matters", () => {
  const e = engine();
  // Videos 20 (cat_0) and 21 (cat_1) carry products of their own, so their purchase heads are their own.
  const ids = ['vid_20', 'vid_21', 'vid_missing'];
  // The ranker has learnt that people engage and buy in categories they like (buckets 1–7), not elsewhere (0).
  const slots = new Int32Array(1);
  for (let b = 0; b <= 7; b++) {
    e.ranker.slots([featureHash(FIELD.categoryAffinity, b)], slots);
    for (let k = 0; k < 200; k++) {
      e.ranker.update(slots, { complete: 0, engage: b > 0 ? 1 : 0, purchase: 0 }, 'engage');
      e.ranker.update(slots, { complete: 0, engage: 0, purchase: b > 0 ? 1 : 0 }, 'purchase');
    }
  }
  // usr_even likes videos of cat_0 (even ids); usr_odd of cat_1.
  for (let i = 30; i < 40; i++)
    e.observe({ actor: i % 2 ? 'usr_odd' : 'usr_even', kind: 'like', videoId: `vid_${i}`, at: T0 + i });
  const item = e.itemHeads(ids, T0 + 100);
  const nobody = e.viewerHeads('usr_nobody', ids, T0 + 100);
  assert.deepEqual([...nobody.engage], [...item.engage]);
  assert.deepEqual([...nobody.purchase], [...item.purchase]);
  assert.deepEqual([...nobody.found], [1, 1, 0]);
  const even = e.viewerHeads('usr_even', ids, T0 + 100);
  const odd = e.viewerHeads('usr_odd', ids, T0 + 100);
  assert.ok(even.engage[0]! > odd.engage[0]!, `vid_20 (cat_0): ${even.engage[0]} vs ${odd.engage[0]}`);
  assert.ok(odd.engage[1]! > even.engage[1]!, `vid_21 (cat_1): ${odd.engage[1]} vs ${even.engage[1]}`);
  assert.ok(even.purchase[0]! > odd.purchase[0]!);
  assert.ok(odd.purchase[1]! > even.purchase[1]!);
  assert.equal(even.found[2], 0);
});

test("viewer heads keep each product's item-level part: the same figures as the heads computed in full with the person's features, for a product of ten videos by three creators", () => {
  const e = engine();
  const slots = new Int32Array(1);
  // The ranker has learnt that liked categories, liked creators and followed creators buy.
  for (const [field, values] of [
    [FIELD.categoryAffinity, [0, 1, 2, 3, 4, 5, 6, 7]],
    [FIELD.creatorAffinity, [0, 1, 2, 3, 4, 5, 6, 7]],
    [FIELD.followed, [0, 1]],
  ] as const)
    for (const b of values) {
      e.ranker.slots([featureHash(field, b)], slots);
      for (let k = 0; k < 100; k++)
        e.ranker.update(slots, { complete: 0, engage: 0, purchase: b > 0 ? 1 : 0 }, 'purchase');
    }
  // usr_fan likes a few videos of product A (creators c0–c2, both categories) and follows c1.
  for (const i of [2, 4, 7]) e.observe({ actor: 'usr_fan', kind: 'like', videoId: `vid_${i}`, at: T0 + i });
  e.observe({ actor: 'usr_fan', kind: 'follow', creatorId: 'usr_c1', at: T0 + 20 });
  const ids = ['vid_0', 'vid_5', 'vid_12', 'vid_25', 'vid_missing'];
  const item = e.itemHeads(ids, T0 + 100);
  const fast = e.viewerHeads('usr_fan', ids, T0 + 100);
  const full = e.viewerHeadsInFull('usr_fan', ids, T0 + 100);
  assert.deepEqual([...fast.found], [1, 1, 1, 1, 0]);
  assert.deepEqual([...fast.engage], [...full.engage]);
  for (let k = 0; k < ids.length; k++)
    assert.ok(
      Math.abs(fast.purchase[k]! - full.purchase[k]!) < 1e-12,
      `${ids[k]}: ${fast.purchase[k]} vs ${full.purchase[k]}`,
    );
  // The person's features moved product A's purchase head (so the comparison above compares something).
  assert.ok(full.purchase[0]! > 1.2 * item.purchase[0]!, `${full.purchase[0]} vs item-level ${item.purchase[0]}`);
  // Someone with no history: the item-level heads exactly, product A included.
  const nobody = e.viewerHeads('usr_nobody', ids, T0 + 100);
  assert.deepEqual([...nobody.purchase], [...item.purchase]);
  assert.deepEqual([...nobody.engage], [...item.engage]);
});

test("a product's item-level part is reused for a minute after the item-level heads, then computed again", () => {
  const e = engine();
  const before = e.itemHeads(['vid_0'], T0);
  // The ranker learns that product A's videos sell.
  const slots = new Int32Array(1);
  for (let i = 0; i < 10; i++) {
    e.ranker.slots([featureHash(FIELD.item, e.catalog.indexOf(`vid_${i}`))], slots);
    for (let k = 0; k < 100; k++) e.ranker.update(slots, { complete: 0, engage: 0, purchase: 1 }, 'purchase');
  }
  const within = e.viewerHeads('usr_nobody', ['vid_0'], T0 + 59_000);
  assert.equal(within.purchase[0], before.purchase[0]);
  const after = e.viewerHeads('usr_nobody', ['vid_0'], T0 + 60_000);
  assert.ok(after.purchase[0]! > 2 * before.purchase[0]!, `${after.purchase[0]} vs ${before.purchase[0]}`);
  assert.equal(after.purchase[0], e.itemHeads(['vid_0'], T0 + 60_000).purchase[0]);
});
