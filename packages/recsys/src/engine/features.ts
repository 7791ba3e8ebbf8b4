/**
 * The ranking features of a (person, item) pair, and the ranking function over whole arrays.
 * One definition serves the ranker's training rows, the per-candidate scorer and the fast
 * every-item scorer, so the evaluation measures exactly what the feed ranks by.
 */

export const FEATURE_NAMES = [
  'embedding',
  'cooccurrence',
  'transition',
  'cooccurs',
  'popularity',
  'trending',
  'follows',
] as const;
export const FEATURES = FEATURE_NAMES.length;

/** A person's signals, dense over item indices (co-occurrence with their recent items, what follows their latest) and the item-side ones. */
export interface Signals {
  cooccurrence: Float32Array;
  transition: Float32Array;
  logPopularity: Float32Array;
  logTrending: Float32Array;
}

/**
 * Features of item i into out[at .. at + FEATURES): `embedding` is the embedding's score of i,
 * `follows` the part of it the "what follows the latest item" vector gives (0 without one).
 */
export function featureRow(
  i: number,
  embedding: number,
  follows: number,
  s: Signals,
  out: Float32Array,
  at: number,
): void {
  const c = s.cooccurrence[i] ?? 0;
  out[at] = embedding;
  out[at + 1] = Math.log1p(10 * c);
  out[at + 2] = Math.log1p(10 * (s.transition[i] ?? 0));
  out[at + 3] = c > 0 ? 1 : 0;
  out[at + 4] = s.logPopularity[i] ?? 0;
  out[at + 5] = s.logTrending[i] ?? 0;
  out[at + 6] = follows;
}

/** weights · featureRow(i) for every item i into out (embedding and "follows" scores given per item). */
export function rankAll(
  out: Float32Array,
  embedding: Float32Array,
  follows: Float32Array,
  s: Signals,
  w: Float64Array,
): void {
  const { cooccurrence: co, transition: tr, logPopularity: pop, logTrending: trend } = s;
  const w0 = w[0]!;
  const w1 = w[1]!;
  const w2 = w[2]!;
  const w3 = w[3]!;
  const w4 = w[4]!;
  const w5 = w[5]!;
  const w6 = w[6]!;
  for (let i = 0; i < out.length; i++) {
    let score = w0 * embedding[i]! + w4 * pop[i]! + w5 * trend[i]! + w6 * follows[i]!;
    const c = co[i]!;
    if (c > 0) score += w1 * Math.log1p(10 * c) + w3;
    const t = tr[i]!;
    if (t > 0) score += w2 * Math.log1p(10 * t);
    out[i] = score;
  }
}
