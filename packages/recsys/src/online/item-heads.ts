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
import { FEATURE_COUNT, pairFeatures, type Affinities, type PairContext } from './ranking-features.js';

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

export function itemHeads(
  catalog: ItemCatalog,
  ranker: HashedRanker,
  trending: (item: number) => number,
  videoIds: readonly string[],
  now: number,
  person?: HeadsPerson,
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
    const product = catalog.meta(item).productIds[0];
    const list = product ? catalog.byProduct.get(product) : undefined;
    const videos: number[] = [];
    if (list)
      for (let i = list.length - 1; i >= 0 && videos.length < PRODUCT_VIDEOS; i--)
        if (catalog.isLive(list[i]!)) videos.push(list[i]!);
    return { item, videos };
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
    if (a.videos.length > 0) {
      let sum = 0;
      for (const v of a.videos) sum += heads(v)[PURCHASE]!;
      purchase = sum / a.videos.length;
    }
    out.purchase[k] = purchase;
  });
  return out;
}
