/**
 * `bench recsys-heads`: the interest engine's extra work for paid traffic per personalised page,
 * in process (no store, no server): `OnlineEngine.viewerHeads` for 5, 32 and 50 running
 * creatives against the item-level `itemHeads`, the same heads computed in full
 * (`viewerHeadsInFull`, each creative's product averaged with the person's features) and the
 * person's own page (`recommend`, 12 items). The engine holds `--videos` videos (20,000), 20 per
 * product in 8 categories, and a ranker that has learnt from people who buy and like in their
 * favourite category; the person measured has 200 likes and 10 follows. Figures are CPU time per
 * call (process.cpuUsage over 2,000 calls after 200), which the machine's load disturbs less
 * than wall time. Also: how far the decomposed purchase head is from the full one over many
 * (person, creative) pairs, against how far the person's head is from the item-level one.
 */
import { OnlineEngine, type ItemMeta } from '@zhongcao/recsys';
import { log } from './resources.js';

export interface RecsysHeadsResult {
  bench: 'recsys-heads';
  videos: number;
  products: number;
  calls: number;
  /** CPU µs per call, by creatives asked. */
  per_call_us: Array<{
    creatives: number;
    viewer_heads: number;
    /** viewerHeads on the first page after the product averages expired (each product averaged item-level). */
    viewer_heads_averages_expired: number;
    viewer_heads_in_full: number;
    item_heads: number;
  }>;
  recommend_us: number;
  /** log(purchase / item-level purchase), full against decomposed, over `pairs` (person, creative) pairs. */
  purchase_lift: {
    pairs: number;
    mean_abs_full: number;
    mean_abs_error: number;
    p90_abs_error: number;
    max_abs_error: number;
    correlation: number;
  };
  /** Engage heads: decomposed and full must be the same (the creative's own). */
  engage_max_abs_diff: number;
}

const PER_PRODUCT = 20;
const CATEGORIES = 8;
const CREATORS = 2_000;
const TRAINERS = 400;
const CALLS = 2_000;
const T0 = 1_800_000_000_000;
const MINUTE = 60_000;

/** A small deterministic generator (the figures repeat run to run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function video(i: number): ItemMeta {
  const product = Math.floor(i / PER_PRODUCT);
  const category = product % CATEGORIES;
  return {
    id: `vid_${i}`,
    title: `video ${i}`,
    creatorId: `usr_c${(product * 7 + (i % PER_PRODUCT)) % CREATORS}`,
    creatorName: `creator ${i}`,
    categoryId: `cat_${category}`,
    categoryName: `category ${category}`,
    tags: [`tag${category}_${i % 3}`],
    priceFen: 990 + (product % 50) * 1_000,
    shopId: null,
    productIds: [`prd_${product}`],
    publishedAt: T0 - (i % 1_000) * 60_000,
  };
}

export async function benchRecsysHeads(opts: {
  videos?: number | undefined;
  /** Calls measured per figure (after a tenth as many to warm up). */
  calls?: number | undefined;
}): Promise<RecsysHeadsResult> {
  const videos = opts.videos ?? 20_000;
  const calls = opts.calls ?? CALLS;
  const warm = Math.ceil(calls / 10);
  const products = Math.floor(videos / PER_PRODUCT);
  const byCategory: number[][] = Array.from({ length: CATEGORIES }, () => []);
  const e = new OnlineEngine();
  for (let i = 0; i < videos; i++) {
    e.upsertVideo(video(i), false, T0);
    byCategory[Math.floor(i / PER_PRODUCT) % CATEGORIES]!.push(i);
  }
  const rand = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let now = T0;
  /** A person with a favourite category: likes and follows in it, and a few elsewhere. */
  const history = (actor: string, likes: number, follows: number): number => {
    const fav = Math.floor(rand() * CATEGORIES);
    for (let k = 0; k < likes; k++) {
      const v = rand() < 0.8 ? pick(byCategory[fav]!) : Math.floor(rand() * videos);
      e.observe({ actor, kind: 'like', videoId: `vid_${v}`, at: (now += 10) });
    }
    for (let k = 0; k < follows; k++)
      e.observe({ actor, kind: 'follow', videoId: `vid_${pick(byCategory[fav]!)}`, at: (now += 10) });
    return fav;
  };
  // The ranker learns from pages served to people who engage and buy mostly in their favourite category.
  log(`recsys-heads: ${videos} videos, ${products} products; training on ${TRAINERS} people's pages`);
  const favs = new Map<string, number>();
  for (let u = 0; u < TRAINERS; u++) favs.set(`usr_t${u}`, history(`usr_t${u}`, 30, 2));
  for (let round = 0; round < 6; round++)
    for (const [actor, fav] of favs) {
      now += 1_000;
      for (const r of e.recommend(actor, { limit: 12, now, isShown: () => false })) {
        const i = Number(r.videoId.slice(4));
        const mine = Math.floor(i / PER_PRODUCT) % CATEGORIES === fav;
        e.observe({ actor, kind: 'impression', videoId: r.videoId, at: (now += 5) });
        if (rand() < (mine ? 0.3 : 0.05)) e.observe({ actor, kind: 'like', videoId: r.videoId, at: (now += 5) });
        if (rand() < (mine ? 0.08 : 0.01))
          e.observe({
            actor,
            kind: 'purchase',
            videoId: r.videoId,
            productId: `prd_${Math.floor(i / PER_PRODUCT)}`,
            at: (now += 5),
          });
      }
    }
  const person = 'usr_bench';
  history(person, 200, 10);
  const creativesOf = (n: number): string[] =>
    Array.from(
      { length: n },
      () => `vid_${Math.floor(rand() * products) * PER_PRODUCT + Math.floor(rand() * PER_PRODUCT)}`,
    );
  const cpuUs = (f: (k: number) => void): number => {
    for (let k = 0; k < warm; k++) f(k);
    const start = process.cpuUsage();
    for (let k = 0; k < calls; k++) f(k);
    const used = process.cpuUsage(start);
    return Math.round(((used.user + used.system) / calls) * 10) / 10;
  };
  now += MINUTE;
  const at = now;
  const perCall: RecsysHeadsResult['per_call_us'] = [];
  for (const n of [5, 32, 50]) {
    const sets = Array.from({ length: 64 }, () => creativesOf(n));
    const set = (k: number) => sets[k % sets.length]!;
    const item = cpuUs((k) => e.itemHeads(set(k), at));
    const viewer = cpuUs((k) => e.viewerHeads(person, set(k), at));
    let later = at;
    const expired = cpuUs((k) => e.viewerHeads(person, set(k), (later += MINUTE)));
    const full = cpuUs((k) => e.viewerHeadsInFull(person, set(k), at));
    perCall.push({
      creatives: n,
      viewer_heads: viewer,
      viewer_heads_averages_expired: expired,
      viewer_heads_in_full: full,
      item_heads: item,
    });
    log(
      `recsys-heads: ${n} creatives: viewer ${viewer} µs (averages expired ${expired}), in full ${full}, item-level ${item}`,
    );
  }
  const recommend = cpuUs(() => e.recommend(person, { limit: 12, now: at, isShown: () => false }));
  // Accuracy: every trainer and the bench person against 32 creatives each.
  const full: number[] = [];
  const errors: number[] = [];
  let engageDiff = 0;
  for (const actor of [person, ...favs.keys()]) {
    const ids = creativesOf(32);
    const item = e.itemHeads(ids, at);
    const fast = e.viewerHeads(actor, ids, at);
    const slow = e.viewerHeadsInFull(actor, ids, at);
    ids.forEach((_, k) => {
      if (!item.found[k]) return;
      const a = Math.log(slow.purchase[k]! / item.purchase[k]!);
      const b = Math.log(fast.purchase[k]! / item.purchase[k]!);
      full.push(a);
      errors.push(b - a);
      engageDiff = Math.max(engageDiff, Math.abs(fast.engage[k]! - slow.engage[k]!));
    });
  }
  const abs = errors.map(Math.abs).sort((x, y) => x - y);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const fastLifts = full.map((a, k) => a + errors[k]!);
  const [ma, mb] = [mean(full), mean(fastLifts)];
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  full.forEach((a, k) => {
    const b = fastLifts[k]!;
    sab += (a - ma) * (b - mb);
    saa += (a - ma) ** 2;
    sbb += (b - mb) ** 2;
  });
  const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    bench: 'recsys-heads',
    videos,
    products,
    calls,
    per_call_us: perCall,
    recommend_us: recommend,
    purchase_lift: {
      pairs: full.length,
      mean_abs_full: r4(mean(full.map(Math.abs))),
      mean_abs_error: r4(mean(abs)),
      p90_abs_error: r4(abs[Math.floor(abs.length * 0.9)]!),
      max_abs_error: r4(abs[abs.length - 1]!),
      correlation: r4(sab / Math.sqrt(saa * sbb)),
    },
    engage_max_abs_diff: engageDiff,
  };
}

export function recsysHeadsSummary(r: RecsysHeadsResult): string {
  const rows = r.per_call_us
    .map(
      (c) =>
        `${c.creatives} creatives: ${c.viewer_heads} µs (averages expired ${c.viewer_heads_averages_expired}; in full ${c.viewer_heads_in_full}; item-level ${c.item_heads})`,
    )
    .join(', ');
  const l = r.purchase_lift;
  return `recsys-heads: ${r.videos} videos, CPU per call — ${rows}; the page itself ${r.recommend_us} µs. Purchase lift over ${l.pairs} pairs: |full| ${l.mean_abs_full}, error mean ${l.mean_abs_error}, p90 ${l.p90_abs_error}, max ${l.max_abs_error}, correlation ${l.correlation}`;
}
