/**
 * The ranking heads' predictions for paid traffic's creatives: what the auction starts a
 * campaign's click and conversion estimates from. Item-level (`person` absent): only the video's
 * own features are filled in — the video, its creator, category, price band, trending and age;
 * the person's affinities are empty, nobody is followed, and the candidate source, retrieval and
 * embedding scores are the "none" values — so the answer is the same for every viewer and reads
 * no profile. Per viewer (`person` given, only for someone with personalisation on): the same
 * pairs with the person's features as the ranker sees them — their affinities, whom they follow,
 * the embedding's score of the video for them — still with no candidate source or retrieval
 * score, since a creative is not retrieved, and no choice-model shift (relative to a page's
 * candidates). Pure.
 */
import { HEADS, type HashedRanker } from './hashed-ranker.js';
import type { ItemCatalog } from './item-catalog.js';
import { FEATURE_COUNT, pairFeatures, PERSON_FIELDS, type Affinities, type PairContext } from './ranking-features.js';

export interface ItemHeads {
  /** Per video asked: the engage head (a like, comment, share, follow or product tap after a view). */
  engage: Float64Array;
  /**
   * Per video asked: the purchase head averaged over the catalogue's latest videos of the video's
   * first product (the product's organic evidence, which the creative alone seldom has); the
   * video's own when it carries no product.
   */
  purchase: Float64Array;
  /** 1 where the engine knows the video, else 0 (and both heads 0). */
  found: Uint8Array;
}

/** The person's side of the pairs, for heads per viewer. */
export interface HeadsPerson {
  affinities: Affinities;
  /** Whether the person follows the item's creator. */
  follows(item: number): boolean;
  /** The embedding's score of each item for the person (0 where either has no vector). */
  scores(items: Int32Array): Float32Array;
}

/** Videos of one product averaged for its purchase head (the catalogue keeps the latest 20 or more). */
export const PRODUCT_VIDEOS = 20;
/** At most this many creatives are asked about per viewer on one page. */
export const MAX_VIEWER_CREATIVES = 64;

const ENGAGE = HEADS.indexOf('engage');
const PURCHASE = HEADS.indexOf('purchase');
const NO_AFFINITY: ReadonlyMap<string, number> = new Map();

/**
 * The heads of `videoIds`, item-level or, with `person`, for that person computed in full (21
 * predictions a creative with a product; the engine answers viewers with `viewerHeads`, which
 * reuses the product's item-level part, and this one is its reference). With `averages`, the
 * item-level answer keeps each product's item-level purchase head for `viewerHeads`.
 */
export function itemHeads(
  catalog: ItemCatalog,
  ranker: HashedRanker,
  trending: (item: number) => number,
  videoIds: readonly string[],
  now: number,
  person?: HeadsPerson,
  averages?: ProductAverages,
): ItemHeads {
  const out: ItemHeads = {
    engage: new Float64Array(videoIds.length),
    purchase: new Float64Array(videoIds.length),
    found: new Uint8Array(videoIds.length),
  };
  const hashes = new Uint32Array(FEATURE_COUNT);
  const slots = new Int32Array(FEATURE_COUNT);
  const probs = new Float64Array(HEADS.length);
  const pair: PairContext = { source: null, retrieval: 0, embedding: 0, trending: 0, followed: false, now };
  const aff = person?.affinities ?? NO_AFFINITY;
  /** Each creative's item, and the videos of its product its purchase head averages. */
  const asked = videoIds.map((id) => {
    const item = catalog.indexOf(id);
    if (item < 0) return null;
    const product = catalog.meta(item).productIds[0] ?? null;
    return { item, product, videos: productVideos(catalog, product) };
  });
  // The person's embedding scores of every item involved, in one pass.
  const personal = new Map<number, number>();
  let scored: Float32Array | null = null;
  if (person) {
    for (const a of asked) {
      if (!a) continue;
      if (!personal.has(a.item)) personal.set(a.item, personal.size);
      for (const v of a.videos) if (!personal.has(v)) personal.set(v, personal.size);
    }
    scored = person.scores(Int32Array.from(personal.keys()));
  }
  const heads = (item: number): Float64Array => {
    pair.trending = trending(item);
    const j = personal.get(item);
    pair.embedding = scored && j !== undefined ? scored[j]! : 0;
    pair.followed = person ? person.follows(item) : false;
    pairFeatures(catalog, item, aff, pair, hashes);
    return ranker.predict(ranker.slots(hashes, slots), probs);
  };
  asked.forEach((a, k) => {
    if (!a) return;
    out.found[k] = 1;
    const own = heads(a.item);
    out.engage[k] = own[ENGAGE]!;
    let purchase = own[PURCHASE]!;
    if (a.videos.length > 0 && person) {
      let sum = 0;
      for (const v of a.videos) sum += heads(v)[PURCHASE]!;
      purchase = sum / a.videos.length;
    } else if (a.videos.length > 0 && a.product) {
      const product = productHeads(catalog, ranker, trending, a.videos, now);
      averages?.set(a.product, product);
      purchase = product.average;
    }
    out.purchase[k] = purchase;
  });
  return out;
}

/** The live videos of a product its purchase head averages, latest first (none without a product). */
export function productVideos(catalog: ItemCatalog, product: string | null): number[] {
  const list = product ? catalog.byProduct.get(product) : undefined;
  const videos: number[] = [];
  if (list)
    for (let i = list.length - 1; i >= 0 && videos.length < PRODUCT_VIDEOS; i--)
      if (catalog.isLive(list[i]!)) videos.push(list[i]!);
  return videos;
}

/**
 * A product's item-level purchase head — the part of a viewer's that is the same for everyone:
 * its average over the product's videos, and per video the item-level log-odds and the slots
 * of the person's fields (PERSON_FIELDS) at their item-level values, which a viewer's features
 * replace (viewer-heads.ts).
 */
export interface ProductHeads {
  average: number;
  videos: Int32Array;
  logits: Float64Array;
  /** PERSON_FIELDS.length slots per video, in `videos`' order. */
  noneSlots: Int32Array;
  at: number;
}

export function productHeads(
  catalog: ItemCatalog,
  ranker: HashedRanker,
  trending: (item: number) => number,
  videos: readonly number[],
  now: number,
): ProductHeads {
  const hashes = new Uint32Array(FEATURE_COUNT);
  const slots = new Int32Array(FEATURE_COUNT);
  const pair: PairContext = { source: null, retrieval: 0, embedding: 0, trending: 0, followed: false, now };
  const out: ProductHeads = {
    average: 0,
    videos: Int32Array.from(videos),
    logits: new Float64Array(videos.length),
    noneSlots: new Int32Array(videos.length * PERSON_FIELDS.length),
    at: now,
  };
  let sum = 0;
  const n = PERSON_FIELDS.length;
  for (let j = 0; j < videos.length; j++) {
    const v = videos[j]!;
    pair.trending = trending(v);
    pairFeatures(catalog, v, NO_AFFINITY, pair, hashes);
    ranker.slots(hashes, slots);
    // Only the purchase head: its log-odds, and the probability `predict` would give for it.
    const logit = ranker.logit(PURCHASE, slots);
    out.logits[j] = logit;
    sum += 1 / (1 + Math.exp(-logit));
    for (let i = 0; i < n; i++) out.noneSlots[j * n + i] = slots[PERSON_FIELDS[i]!]!;
  }
  out.average = sum / videos.length;
  return out;
}

/** How long a product's item-level purchase head is reused for viewers (as the ads hold the item-level heads). */
export const PRODUCT_HEADS_MS = 60_000;
/** Products held at most (all are dropped past it; a page asks about at most 64). */
const MAX_HELD_PRODUCTS = 4_096;

/** Products' item-level purchase heads, each reused for PRODUCT_HEADS_MS: written by every item-level answer and on a miss. */
export class ProductAverages {
  private readonly held = new Map<string, ProductHeads>();

  get(product: string, now: number): ProductHeads | undefined {
    const h = this.held.get(product);
    return h && now >= h.at && now - h.at < PRODUCT_HEADS_MS ? h : undefined;
  }

  set(product: string, heads: ProductHeads): void {
    if (this.held.size >= MAX_HELD_PRODUCTS && !this.held.has(product)) this.held.clear();
    this.held.set(product, heads);
  }
}
