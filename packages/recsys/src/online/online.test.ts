import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.js';
import { featureHash, HashedRanker } from './hashed-ranker.js';
import type { ItemMeta } from './item-catalog.js';
import { OnlineEngine } from './online-engine.js';
import { diversify } from './rerank.js';
import { TrafficPool, type PoolRates } from './traffic-pool.js';

const T0 = 1_800_000_000_000;
const video = (i: number, over: Partial<ItemMeta> = {}): ItemMeta => ({
  id: `vid_${i}`,
  title: `video ${i}`,
  creatorId: `usr_c${i % 5}`,
  creatorName: `creator ${i % 5}`,
  categoryId: `cat_${i % 4}`,
  categoryName: ['水果生鲜', '美妆', '数码', '家居'][i % 4]!,
  tags: [`tag${i % 6}`],
  priceFen: 1000 + (i % 7) * 5000,
  shopId: null,
  productIds: [`prd_${i}`],
  publishedAt: T0 - i * 60_000,
  ...over,
});

function engineWith(n: number): OnlineEngine {
  const e = new OnlineEngine();
  for (let i = n - 1; i >= 0; i--) e.upsertVideo(video(i), false, T0);
  return e;
}

test('the next request reflects the last action: a like brings its creator and category forward, with a reason', () => {
  const e = engineWith(60);
  const before = e.recommend('usr_a', { limit: 10, now: T0, isShown: () => false });
  assert.equal(before.length, 10);
  e.observe({ actor: 'usr_a', kind: 'like', videoId: 'vid_7', at: T0 + 1 });
  const after = e.recommend('usr_a', { limit: 10, now: T0 + 2, isShown: () => false });
  const liked = video(7);
  const sameCategory = after.filter((r) => Number(r.videoId.slice(4)) % 4 === 7 % 4).length;
  assert.ok(sameCategory >= 4, `${sameCategory} of 10 in the liked video's category`);
  assert.ok(!after.some((r) => r.videoId === 'vid_7'), 'the liked video itself is not offered again');
  const codes = new Set(after.map((r) => r.reason.code));
  assert.ok(codes.has('popular_in_category'), [...codes].join());
  const cat = after.find((r) => r.reason.code === 'popular_in_category')!;
  assert.equal(cat.reason.params.category, liked.categoryName);
});

test('co-occurrence in sessions gives "because you liked" with the liked video', () => {
  const e = engineWith(40);
  for (let u = 0; u < 5; u++) {
    e.observe({ actor: `usr_u${u}`, kind: 'like', videoId: 'vid_3', at: T0 + u * 10 });
    e.observe({ actor: `usr_u${u}`, kind: 'like', videoId: 'vid_21', at: T0 + u * 10 + 5 });
  }
  e.observe({ actor: 'usr_b', kind: 'like', videoId: 'vid_3', at: T0 + 100 });
  const page = e.recommend('usr_b', { limit: 10, now: T0 + 101, isShown: () => false });
  const hit = page.find((r) => r.videoId === 'vid_21');
  assert.ok(hit, 'the co-visited video is on the page');
  assert.deepEqual(hit.reason, { code: 'because_you_liked', params: { videoId: 'vid_3', title: 'video 3' } });
});

test('followed creators and "not interested"', () => {
  const e = engineWith(40);
  e.observe({ actor: 'usr_f', kind: 'follow', creatorId: 'usr_c2', at: T0 });
  const page = e.recommend('usr_f', { limit: 10, now: T0 + 1, isShown: () => false });
  const followed = page.filter((r) => r.reason.code === 'followed_creator');
  assert.ok(followed.length >= 1);
  assert.equal(followed[0]!.reason.params.creator, 'creator 2');
  const target = page[0]!.videoId;
  e.observe({ actor: 'usr_f', kind: 'not_interested', videoId: target, at: T0 + 2 });
  for (let k = 0; k < 3; k++)
    assert.ok(
      !e.recommend('usr_f', { limit: 10, now: T0 + 3 + k, isShown: () => false }).some((r) => r.videoId === target),
    );
});

test('a device profile merges into the account at login', () => {
  const e = engineWith(40);
  e.observe({ actor: 'anon:dev-1', kind: 'like', videoId: 'vid_5', at: T0 });
  e.observe({ actor: 'anon:dev-1', kind: 'follow', creatorId: 'usr_c3', at: T0 });
  assert.equal(e.mergeProfile('anon:dev-1', 'usr_m', T0 + 1), true);
  assert.equal(e.profileOf('anon:dev-1'), undefined);
  const p = e.profileOf('usr_m')!;
  assert.ok(p.follows.has('usr_c3'));
  assert.ok(p.interests.get('k:cat_1', T0 + 1) > 0);
  assert.ok(p.hasRecent(e.catalog.indexOf('vid_5')));
  assert.ok(e.embedding.hasPerson('usr_m'));
  assert.equal(e.mergeProfile('anon:unknown', 'usr_m', T0 + 1), false);
});

test('diversity: never three in a row from one creator or one category while another can take the slot', () => {
  const c = (item: number, creator: string, category: string | null, value: number) => ({
    item,
    creator,
    category,
    value,
  });
  const page = diversify(
    [
      c(1, 'a', 'x', 9),
      c(2, 'a', 'y', 8),
      c(3, 'a', 'z', 7),
      c(4, 'b', 'x', 6),
      c(5, 'c', 'x', 5),
      c(6, 'd', 'x', 4),
      c(7, 'e', 'w', 1),
    ],
    7,
  );
  assert.deepEqual(
    page.map((p) => p.item),
    [1, 2, 4, 3, 5, 6, 7],
  );
  assert.deepEqual(
    diversify([c(1, 'a', 'x', 9), c(2, 'b', 'x', 8), c(3, 'c', 'x', 7), c(4, 'd', 'y', 1)], 4).map((p) => p.item),
    [1, 2, 4, 3],
  );
  assert.deepEqual(
    diversify([c(1, 'a', 'x', 9), c(2, 'a', 'x', 8), c(3, 'a', 'x', 7)], 3).map((p) => p.item),
    [1, 2, 3],
    'no other candidate: the page is still filled',
  );
  for (let k = 2; k < page.length - 1; k++) {
    const run = page.slice(k - 2, k + 1);
    assert.ok(!run.every((p) => p.creator === run[0]!.creator), 'creator run');
    assert.ok(!run.every((p) => p.category === run[0]!.category), 'category run');
  }
});

test('traffic pool: promotion when every rate reaches its threshold, stop naming the rates that fell short', () => {
  const initial: PoolRates = { completion: 0.3, like: 0.1, comment: 0, share: 0, product_tap: 0.1 };
  const pool = new TrafficPool({
    audiences: [10, 20, 40],
    percentiles: [0.5, 0.5],
    initialThresholds: initial,
    minHistory: 2,
    historySize: 10,
  });
  const play = (
    item: number,
    impressions: number,
    counts: Partial<Record<'completion' | 'like' | 'product_tap', number>>,
  ) => {
    for (const [k, v] of Object.entries(counts)) for (let i = 0; i < v; i++) pool.record(item, k as 'like', T0);
    let step = null;
    for (let i = 0; i < impressions; i++) step = pool.record(item, 'impression', T0) ?? step;
    return step;
  };
  assert.equal(pool.enter(1, 'vid_1', T0)!.decision, 'entered');
  assert.equal(pool.enter(1, 'vid_1', T0), null, 'once');
  const up = play(1, 10, { completion: 4, like: 1, product_tap: 1 })!;
  assert.equal(up.decision, 'promoted');
  assert.equal(up.pool, 0);
  assert.deepEqual(up.thresholds, initial);
  assert.deepEqual(up.shortfalls, []);
  assert.equal(pool.poolOf(1), 1);
  pool.enter(2, 'vid_2', T0);
  const stop = play(2, 10, { completion: 5, like: 0, product_tap: 2 })!;
  assert.equal(stop.decision, 'stopped');
  assert.deepEqual(stop.shortfalls, ['like']);
  assert.equal(stop.rates!.like, 0);
  assert.equal(pool.poolOf(2), 0);
  assert.equal(pool.record(2, 'impression', T0), null, 'a stopped video collects no more');
  // Two finished videos: pool 0 now holds to its own median (completion 0.4 and 0.5 → 0.4).
  assert.equal(pool.thresholds(0).completion, 0.4);
  pool.enter(3, 'vid_3', T0);
  const third = play(3, 10, { completion: 3, like: 5, product_tap: 5 })!;
  assert.deepEqual(third.shortfalls, ['completion']);
  assert.deepEqual(
    pool.pick(5, () => false),
    [1],
    'only the promoted video still needs an audience',
  );
});

test('ranking learns: when one feature predicts purchase, its weight rises above the others', () => {
  const r = new HashedRanker();
  const rng = new Rng(3);
  const FIELD = 4;
  const row = (band: number) =>
    r.slots([featureHash(0, 0), featureHash(FIELD, band), featureHash(9, rng.int(50))], new Int32Array(3));
  for (let i = 0; i < 4000; i++) {
    const band = rng.int(4);
    const buys = rng.next() < (band === 2 ? 0.4 : 0.02);
    r.update(row(band), { complete: rng.next() < 0.5 ? 1 : 0, engage: 0, purchase: buys ? 1 : 0 });
  }
  const w2 = r.weightOf('purchase', FIELD, 2);
  for (const other of [0, 1, 3])
    assert.ok(
      w2 > r.weightOf('purchase', FIELD, other) + 1,
      `band 2 ${w2} vs band ${other} ${r.weightOf('purchase', FIELD, other)}`,
    );
  const p = new Float64Array(3);
  assert.ok(r.predict(row(2), p)[2]! > 0.25 && r.predict(row(0), new Float64Array(3))[2]! < 0.1);
});

test('the engine learns from impressions joined with outcomes (window closes, then the purchase head moves)', () => {
  const e = engineWith(30);
  const before = e.ranker.updates;
  for (let u = 0; u < 30; u++) {
    const actor = `usr_r${u}`;
    const page = e.recommend(actor, { limit: 5, now: T0 + u, isShown: () => false });
    for (const r of page) e.observe({ actor, kind: 'impression', videoId: r.videoId, at: T0 + u });
    e.observe({ actor, kind: 'purchase', videoId: page[0]!.videoId, at: T0 + u });
  }
  e.observe({ actor: 'usr_x', kind: 'impression', videoId: 'vid_1', at: T0 + 10 * 60_000 });
  assert.ok(e.ranker.updates - before >= 150, `${e.ranker.updates - before} examples`);
});

test('a person who has seen a category’s newest videos is offered its older ones', () => {
  const e = engineWith(2000);
  e.observe({ actor: 'usr_cat', kind: 'like', videoId: 'vid_3', at: T0 });
  const inCategory = (id: string): boolean => Number(id.slice(4)) % 4 === 3;
  // The newest 150 videos of category 3 (ids 3, 7, …, 599; vid_0 is the newest) were shown.
  const shown = (id: string): boolean => inCategory(id) && Number(id.slice(4)) < 600;
  const ids = e.candidates('usr_cat', 'category', 20, T0 + 1, shown).map((c) => e.catalog.meta(c.item).id);
  assert.equal(ids.length, 20);
  assert.ok(
    ids.every((id) => inCategory(id) && !shown(id)),
    ids.join(' '),
  );
});

test('a late purchase after the person moved on still reaches the purchase head', () => {
  const e = engineWith(30);
  const page = e.recommend('usr_late', { limit: 5, now: T0, isShown: () => false });
  for (const r of page) e.observe({ actor: 'usr_late', kind: 'impression', videoId: r.videoId, at: T0 + 1 });
  const before = e.ranker.updates;
  e.recommend('usr_late', { limit: 5, now: T0 + 2, isShown: () => false });
  assert.equal(e.ranker.updates - before, 5, 'moving on trains the five seen pairs at once');
  e.observe({ actor: 'usr_late', kind: 'purchase', videoId: page[0]!.videoId, at: T0 + 3 });
  assert.equal(e.ranker.updates - before, 6, 'the purchase corrects its pair');
});

test('a replayed choice among the candidates teaches the ranker; one the sources never offer does not', () => {
  const e = engineWith(200);
  for (let u = 0; u < 20; u++) {
    e.observe({ actor: `usr_p${u}`, kind: 'purchase', videoId: 'vid_150', at: T0 + u * 10 });
    e.observe({ actor: `usr_p${u}`, kind: 'purchase', videoId: 'vid_151', at: T0 + u * 10 + 1 });
  }
  e.observe({ actor: 'usr_q', kind: 'purchase', videoId: 'vid_150', at: T0 + 500 });
  const values = e.valuedCandidates('usr_q', T0 + 501);
  const next = e.catalog.indexOf('vid_151');
  assert.ok(values.has(next), 'what others bought next is a candidate');
  const before = e.ranker.updates;
  assert.equal(
    e.learnChoice('usr_q', next, T0 + 501, 3, () => 0),
    true,
  );
  assert.equal(e.ranker.updates - before, 4, 'one positive, three negatives');
  const never = e.catalog.indexOf('vid_199');
  assert.equal(values.has(never), false);
  assert.equal(
    e.learnChoice('usr_q', never, T0 + 501, 3, () => 0),
    false,
  );
  assert.equal(e.ranker.updates - before, 4);
});
