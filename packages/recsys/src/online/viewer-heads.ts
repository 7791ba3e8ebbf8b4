/**
 * Paid traffic's heads for one person, without recomputing what is the same for everyone. The
 * ranker is a logistic model over hashed features, so a video's purchase log-odds for a person is
 * its item-level log-odds plus, for each field that carries the person (PERSON_FIELDS: their
 * affinity to its creator, category, tags and price band, the embedding's score, whether they
 * follow its creator), the weight of the person's value less the weight of the item-level one.
 * The product's item-level part — each video's log-odds and those slots — is kept per product for
 * a minute (`ProductAverages`, written with the item-level heads); per viewer only the person's
 * fields are hashed and read (one head, 7 weights a video instead of 3 heads of 16) and the
 * average taken over the product's videos as before: the same figure as `itemHeads` with the
 * person, up to what the ranker learnt since the product's part was kept. The creative's engage
 * head is its own with the person's features, as before. Someone whose person fields all take
 * the item-level values gets the item-level heads exactly. Pure but for the products it keeps on
 * a miss.
 */
import { HEADS, type HashedRanker } from './hashed-ranker.js';
import type { ItemCatalog } from './item-catalog.js';
import {
  productHeads,
  productVideos,
  type HeadsPerson,
  type ItemHeads,
  type ProductAverages,
  type ProductHeads,
} from './item-heads.js';
import { FEATURE_COUNT, pairFeatures, personFeatures, PERSON_FIELDS, type PairContext } from './ranking-features.js';

const ENGAGE = HEADS.indexOf('engage');
const PURCHASE = HEADS.indexOf('purchase');
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function viewerHeads(
  catalog: ItemCatalog,
  ranker: HashedRanker,
  trending: (item: number) => number,
  videoIds: readonly string[],
  now: number,
  person: HeadsPerson,
  averages: ProductAverages,
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
  /** Each creative's item and its product's item-level part (null: no product, or none of its videos live). */
  const asked = videoIds.map((id) => {
    const item = catalog.indexOf(id);
    if (item < 0) return null;
    const product = catalog.meta(item).productIds[0] ?? null;
    let kept: ProductHeads | null = (product && averages.get(product, now)) || null;
    if (product && !kept) {
      const videos = productVideos(catalog, product);
      if (videos.length > 0) {
        kept = productHeads(catalog, ranker, trending, videos, now);
        averages.set(product, kept);
      }
    }
    return { item, kept };
  });
  // The person's embedding scores of every item involved, in one pass: each creative, then its product's videos.
  const involved: number[] = [];
  for (const a of asked) {
    if (!a) continue;
    involved.push(a.item);
    if (a.kept) for (const v of a.kept.videos) involved.push(v);
  }
  const scored = person.scores(Int32Array.from(involved));
  const aff = person.affinities;
  let at = 0;
  asked.forEach((a, k) => {
    if (!a) return;
    out.found[k] = 1;
    pair.trending = trending(a.item);
    pair.embedding = scored[at++]!;
    pair.followed = person.follows(a.item);
    pairFeatures(catalog, a.item, aff, pair, hashes);
    const own = ranker.predict(ranker.slots(hashes, slots), probs);
    out.engage[k] = own[ENGAGE]!;
    const kept = a.kept;
    if (!kept) {
      out.purchase[k] = own[PURCHASE]!;
      return;
    }
    let sum = 0;
    let personalised = false;
    const n = PERSON_FIELDS.length;
    for (let j = 0; j < kept.videos.length; j++) {
      const v = kept.videos[j]!;
      personFeatures(catalog, v, aff, scored[at++]!, person.follows(v), hashes);
      ranker.slots(hashes, slots);
      let lift = 0;
      for (let i = 0; i < n; i++) {
        const mine = slots[PERSON_FIELDS[i]!]!;
        const none = kept.noneSlots[j * n + i]!;
        if (mine !== none) lift += ranker.weightAt(PURCHASE, mine) - ranker.weightAt(PURCHASE, none);
      }
      if (lift !== 0) personalised = true;
      sum += sigmoid(kept.logits[j]! + lift);
    }
    out.purchase[k] = personalised ? sum / kept.videos.length : kept.average;
  });
  return out;
}
