/**
 * The simulator's shoppers (tastes.ts, unchanged: the same hidden tastes, reactions and drift)
 * scrolling the interest engine itself, in this process, without the platform around it: a
 * synthetic catalogue shaped like the demo one (categories, creators, hashtags, one product per
 * video), every reaction fed back as the signals the app would send. Used by the tests that
 * compare engine settings on the simulator's yardstick (a comparison, not a timing), where a
 * full HTTP run per setting would be too slow.
 */
import {
  OnlineEngine,
  ONLINE_ENGINE_DEFAULTS,
  type ItemMeta,
  type OnlineEngineOptions,
  type Signal,
} from '@zhongcao/recsys';
import { seededRng, streamSeed } from './random.js';
import { drawShopper, drift, react } from './tastes.js';
import { buildCatalogue, type VideoFacts } from './world.js';
import { LearningCurve, lastBucketRatio, type CurvePoint } from './curve.js';

export interface EngineLoopOptions {
  seed: number;
  shoppers: number;
  steps: number;
  bucket: number;
  videos: number;
  categories: number;
  engine?: Partial<OnlineEngineOptions>;
}

export interface EngineLoopReport {
  curve: CurvePoint[];
  /** Last bucket's purchases per 100 impressions over the best bucket's. */
  lastBucketRatio: number | null;
  /** Share of impressions the engine served as exploration. */
  exploreShare: number;
  purchases: number;
}

const PAGE = 10;
const STEP_MS = 4_000;

function world(
  seed: number,
  videos: number,
  categories: number,
  start: number,
): { metas: ItemMeta[]; facts: VideoFacts[] } {
  const rng = seededRng(streamSeed(seed, 1_000_003));
  const creatorsPer = 8;
  const tagsPer = 6;
  const metas: ItemMeta[] = [];
  const facts: VideoFacts[] = [];
  for (let i = 0; i < videos; i++) {
    const c = rng.int(categories);
    const creator = `cr-${c}-${rng.int(creatorsPer)}`;
    const tags = [`tag-${c}-${rng.int(tagsPer)}`, `tag-any-${rng.int(10)}`];
    const product = `prd-${c}-${rng.int(25)}`;
    const id = `vid-${i}`;
    const meta: ItemMeta = {
      id,
      title: id,
      creatorId: creator,
      creatorName: creator,
      categoryId: `cat-${c}`,
      categoryName: `cat-${c}`,
      tags,
      priceFen: 1_000 + rng.int(40_000),
      shopId: `shop-${c}`,
      productIds: [product],
      publishedAt: start - (videos - i) * 60_000,
    };
    metas.push(meta);
    facts.push({
      id,
      creatorId: creator,
      tags,
      durationMs: 15_000,
      products: [{ id: product, categoryId: `cat-${c}`, skuId: `sku-${product}` }],
    });
  }
  return { metas, facts };
}

/** Every shopper personalised, page after page of `engine.recommend`, reacting to each video as the simulator does. */
export function runEngineLoop(opts: EngineLoopOptions): EngineLoopReport {
  const start = Date.UTC(2026, 0, 1);
  const engine = new OnlineEngine({ ...ONLINE_ENGINE_DEFAULTS, ...opts.engine });
  const { metas, facts } = world(opts.seed, opts.videos, opts.categories, start);
  for (const m of metas) engine.upsertVideo(m, false, start);
  const byId = new Map(facts.map((f) => [f.id, f]));
  const catalogue = buildCatalogue(facts);
  const shoppers = Array.from({ length: opts.shoppers }, (_, i) => drawShopper(opts.seed, i, catalogue));
  const shown = shoppers.map(() => new Set<string>());
  const curve = new LearningCurve(opts.bucket);
  let explored = 0;
  let impressions = 0;
  let purchases = 0;
  let now = start;
  for (let seen = 0; seen < opts.steps; seen += PAGE) {
    shoppers.forEach((shopper, i) => {
      const actor = `usr-${i}`;
      const set = shown[i]!;
      const page = engine.recommend(actor, { limit: PAGE, now, isShown: (id) => set.has(id) });
      const signals: Signal[] = [];
      page.forEach((r, k) => {
        if (seen + k >= opts.steps) return;
        set.add(r.videoId);
        if (r.reason.code === 'explore') explored++;
        const video = byId.get(r.videoId)!;
        const re = react(shopper, video);
        drift(shopper, catalogue);
        const at = now + k * 100;
        signals.push({ actor, kind: 'impression', videoId: video.id, at });
        signals.push({
          actor,
          kind: 'view_progress',
          videoId: video.id,
          watchMs: re.watchMs,
          durationMs: video.durationMs,
          at,
        });
        if (re.completed)
          signals.push({
            actor,
            kind: 'complete',
            videoId: video.id,
            watchMs: re.watchMs,
            durationMs: video.durationMs,
            at,
          });
        if (re.liked) signals.push({ actor, kind: 'like', videoId: video.id, at });
        if (re.tapped) signals.push({ actor, kind: 'product_tap', videoId: video.id, productId: re.tapped.id, at });
        if (re.tapped && re.buys) {
          signals.push({ actor, kind: 'purchase', videoId: video.id, productId: re.tapped.id, at: at + 50 });
          purchases++;
        }
        curve.record('personalised', seen + k, {
          completed: re.completed,
          tapped: re.tapped !== null,
          purchased: re.tapped !== null && re.buys,
        });
        impressions++;
      });
      for (const s of signals) engine.observe(s);
    });
    now += PAGE * STEP_MS;
  }
  const points = curve.points('personalised');
  return {
    curve: points,
    lastBucketRatio: lastBucketRatio(points),
    exploreShare: impressions ? explored / impressions : 0,
    purchases,
  };
}
