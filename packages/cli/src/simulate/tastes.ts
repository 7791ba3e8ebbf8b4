/**
 * The hidden-interest model of a simulated shopper. Each shopper has a few latent tastes (a
 * category, often with a favourite creator and hashtag in it) of different strengths; how much
 * they like a video follows from the best-matching taste plus noise, and tastes drift slowly:
 * strengths wander and now and then the weakest taste is replaced by a new one. Everything is
 * drawn from the shopper's own seeded stream, so a seed and a catalogue give the same people.
 */
import { seededRng, streamSeed, type Rng } from './random.js';
import type { Catalogue, ProductFacts, VideoFacts } from './world.js';

export interface Taste {
  categoryId: string;
  creatorId: string | null;
  tag: string | null;
  /** (0, 1]; the strongest taste is 1. */
  strength: number;
}

export interface Shopper {
  index: number;
  personalised: boolean;
  tastes: Taste[];
  rng: Rng;
}

export interface Reaction {
  watchMs: number;
  completed: boolean;
  liked: boolean;
  /** The product card tapped, if any. */
  tapped: ProductFacts | null;
  /** Whether the tapped product is bought. */
  buys: boolean;
}

export const TASTE_MODEL = {
  tastesPerShopper: 3,
  /** How much a matching creator or hashtag adds to a matching category (1). */
  creatorWeight: 0.4,
  tagWeight: 0.3,
  /** Affinity floor for a video matching no taste, and the spread of per-video noise. */
  baseAffinity: 0.08,
  affinityNoise: 0.08,
  /** Spread of watch fraction around the affinity; completion at this fraction or more. */
  watchNoise: 0.1,
  completeAt: 0.7,
  likeScale: 0.25,
  tapScale: 0.35,
  buyScale: 0.45,
  /** Per impression: the chance the weakest taste is replaced, and the log-normal wander of strengths. */
  replaceChance: 1 / 400,
  strengthWander: 0.02,
} as const;

const clamp01 = (x: number): number => (x < 0 ? 0 : Math.min(x, 1));

function drawTaste(rng: Rng, catalogue: Catalogue, strength: number): Taste {
  const category = rng.pick(catalogue.categories);
  const creatorId = category.creatorIds.length && rng.next() < 0.7 ? rng.pick(category.creatorIds) : null;
  const tag = category.tags.length && rng.next() < 0.7 ? rng.pick(category.tags) : null;
  return { categoryId: category.id, creatorId, tag, strength };
}

/** Shopper `index` of a run seeded `seed`; even indexes keep personalisation on, odd ones switch it off. */
export function drawShopper(seed: number, index: number, catalogue: Catalogue): Shopper {
  if (catalogue.categories.length === 0)
    throw new Error('the catalogue has no videos with products: nothing to have a taste for');
  const rng = seededRng(streamSeed(seed, index));
  const tastes = Array.from({ length: TASTE_MODEL.tastesPerShopper }, (_, i) =>
    drawTaste(rng, catalogue, i === 0 ? 1 : 0.4 + 0.6 * rng.next()),
  );
  return { index, personalised: index % 2 === 0, tastes, rng };
}

/** How well a video matches the shopper's tastes, 0–1, without noise. */
export function interest(tastes: readonly Taste[], video: VideoFacts): number {
  let best = 0;
  for (const t of tastes) {
    if (!video.products.some((p) => p.categoryId === t.categoryId)) continue;
    let match = 1;
    if (t.creatorId && video.creatorId === t.creatorId) match += TASTE_MODEL.creatorWeight;
    if (t.tag && video.tags.includes(t.tag)) match += TASTE_MODEL.tagWeight;
    best = Math.max(best, t.strength * Math.min(1, match / (1 + TASTE_MODEL.creatorWeight / 2)));
  }
  return best;
}

/** How much the shopper wants a product, 0–1: the strongest taste for its category. */
export function productInterest(tastes: readonly Taste[], product: ProductFacts): number {
  return tastes.reduce((best, t) => (t.categoryId === product.categoryId ? Math.max(best, t.strength) : best), 0);
}

/** What the shopper does with one video: watch (from affinity), maybe like, maybe tap a product and buy it. */
export function react(shopper: Shopper, video: VideoFacts): Reaction {
  const m = TASTE_MODEL;
  const rng = shopper.rng;
  const affinity = clamp01(
    m.baseAffinity + (1 - m.baseAffinity) * interest(shopper.tastes, video) + m.affinityNoise * rng.normal(),
  );
  const fraction = clamp01(affinity + m.watchNoise * rng.normal());
  const completed = fraction >= m.completeAt;
  const duration = Math.max(1, video.durationMs);
  const watchMs = completed ? duration : Math.max(200, Math.round(fraction * duration));
  const liked = rng.next() < m.likeScale * affinity * affinity;
  let tapped: ProductFacts | null = null;
  let buys = false;
  if (video.products.length && rng.next() < m.tapScale * affinity * affinity) {
    tapped = video.products[rng.int(video.products.length)]!;
    buys = tapped.skuId !== null && rng.next() < m.buyScale * (0.1 + 0.9 * productInterest(shopper.tastes, tapped));
  }
  return { watchMs, completed, liked, tapped, buys };
}

/** One impression's worth of drift: strengths wander, and rarely the weakest taste gives way to a new one. */
export function drift(shopper: Shopper, catalogue: Catalogue): void {
  const m = TASTE_MODEL;
  const rng = shopper.rng;
  for (const t of shopper.tastes) t.strength *= Math.exp(m.strengthWander * rng.normal());
  if (rng.next() < m.replaceChance) {
    let weakest = 0;
    shopper.tastes.forEach((t, i) => {
      if (t.strength < shopper.tastes[weakest]!.strength) weakest = i;
    });
    shopper.tastes[weakest] = drawTaste(rng, catalogue, 0.4 + 0.6 * rng.next());
  }
  const top = Math.max(...shopper.tastes.map((t) => t.strength));
  for (const t of shopper.tastes) t.strength = Math.min(1, t.strength / top);
}
