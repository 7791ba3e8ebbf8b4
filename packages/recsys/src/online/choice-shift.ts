/**
 * The retrained ranker's choice weights at ranking time: each candidate's choice score (the
 * weights over its embedding score and its co-occurrence score from the person's latest videos,
 * the features they were fitted on, retrain-tables.ts) becomes a shift of every head's log-odds,
 * relative to the page's best candidate, so the likeliest choice keeps the hashed model's
 * probabilities and the others are discounted by how much less likely the retrained model finds
 * them. Pure.
 */
import type { Covisitation } from './covisitation.js';
import type { Profile } from './profile.js';
import { CHOICE_FEATURE_COUNT, choiceFeatures, COVISIT_LATEST, COVISIT_RECENCY } from './retrain-tables.js';

const scratch = new Float64Array(CHOICE_FEATURE_COUNT);

/** The co-occurrence score of every neighbour of the person's latest videos (as the fit read it). */
export function covisitScores(
  covisit: Covisitation,
  p: Profile | undefined,
  now: number,
  out: Map<number, number>,
): Map<number, number> {
  out.clear();
  if (!p) return out;
  const { items } = p.recentItems();
  for (let k = items.length - 1, r = 1; k >= 0 && k >= items.length - COVISIT_LATEST; k--, r *= COVISIT_RECENCY) {
    covisit.forEachNeighbour(items[k]!, now, (b, w) => out.set(b, (out.get(b) ?? 0) + w * r));
  }
  return out;
}

/** Log-odds shifts (≤ 0) of the candidates, into `out`. */
export function choiceShifts(
  weights: Float64Array,
  items: ArrayLike<number>,
  emb: Float32Array,
  cov: ReadonlyMap<number, number>,
  out: Float64Array,
): Float64Array {
  let best = -Infinity;
  for (let j = 0; j < items.length; j++) {
    choiceFeatures(emb[j]!, cov.get(items[j]!) ?? 0, scratch);
    let s = 0;
    for (let f = 0; f < CHOICE_FEATURE_COUNT; f++) s += weights[f]! * scratch[f]!;
    out[j] = s;
    if (s > best) best = s;
  }
  for (let j = 0; j < items.length; j++) out[j] = out[j]! - best;
  return out;
}
