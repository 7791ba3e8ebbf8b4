/**
 * The ranking heads' predictions for videos with no person in them: what paid traffic's auction
 * starts a campaign's click and conversion estimates from. Only the video's own features are
 * filled in — the video, its creator, category, price band, trending and age; the person's
 * affinities are empty, nobody is followed, and the candidate source, retrieval and embedding
 * scores are the "none" values — so the answer is the same for every viewer and reads no
 * profile. Pure.
 */
import { HEADS, type HashedRanker } from './hashed-ranker.js';
import type { ItemCatalog } from './item-catalog.js';
import { FEATURE_COUNT, pairFeatures, type PairContext } from './ranking-features.js';

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

/** Videos of one product averaged for its purchase head (the catalogue keeps the latest 20 or more). */
export const PRODUCT_VIDEOS = 20;

const ENGAGE = HEADS.indexOf('engage');
const PURCHASE = HEADS.indexOf('purchase');
const NO_AFFINITY: ReadonlyMap<string, number> = new Map();

export function itemHeads(
  catalog: ItemCatalog,
  ranker: HashedRanker,
  trending: (item: number) => number,
  videoIds: readonly string[],
  now: number,
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
  const heads = (item: number): Float64Array => {
    pair.trending = trending(item);
    pairFeatures(catalog, item, NO_AFFINITY, pair, hashes);
    return ranker.predict(ranker.slots(hashes, slots), probs);
  };
  videoIds.forEach((id, k) => {
    const item = catalog.indexOf(id);
    if (item < 0) return;
    out.found[k] = 1;
    const own = heads(item);
    out.engage[k] = own[ENGAGE]!;
    let purchase = own[PURCHASE]!;
    const product = catalog.meta(item).productIds[0];
    const list = product ? catalog.byProduct.get(product) : undefined;
    if (list && list.length > 0) {
      let sum = 0;
      let n = 0;
      for (let i = list.length - 1; i >= 0 && n < PRODUCT_VIDEOS; i--) {
        if (!catalog.isLive(list[i]!)) continue;
        sum += heads(list[i]!)[PURCHASE]!;
        n++;
      }
      if (n > 0) purchase = sum / n;
    }
    out.purchase[k] = purchase;
  });
  return out;
}
