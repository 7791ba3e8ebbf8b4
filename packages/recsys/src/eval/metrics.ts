/**
 * Ranks and metrics. Ties count against the model: the rank of the held-out item is the number
 * of competing items whose score is >= its score (0 = best). A NaN score of the held-out item
 * ranks it below everything. HR@K = 1 when rank < K; NDCG@K = 1 / log2(rank + 2) when rank < K.
 */

export const CUTOFF = 10;

/** Rank of scores[0] (the held-out item) among scores[1 .. n). */
export function sampledRank(scores: Float32Array | Float64Array, n = scores.length): number {
  const t = scores[0]!;
  if (Number.isNaN(t)) return n - 1;
  let rank = 0;
  for (let k = 1; k < n; k++) if (scores[k]! >= t) rank++;
  return rank;
}

/**
 * Rank of item `target` against every other item whose mark is not `stamp` (the marks flag the
 * user's own interactions, which are not competitors).
 */
export function fullRank(
  scores: Float32Array | Float64Array,
  target: number,
  marks: Int32Array,
  stamp: number,
): number {
  const t = scores[target]!;
  let rank = 0;
  if (Number.isNaN(t)) {
    for (let j = 0; j < scores.length; j++) if (j !== target && marks[j] !== stamp) rank++;
    return rank;
  }
  for (let j = 0; j < scores.length; j++) if (scores[j]! >= t && j !== target && marks[j] !== stamp) rank++;
  return rank;
}

export function hitAt(rank: number, k = CUTOFF): number {
  return rank < k ? 1 : 0;
}

export function ndcgAt(rank: number, k = CUTOFF): number {
  return rank < k ? 1 / Math.log2(rank + 2) : 0;
}

/** Sums of HR and NDCG over users, turned into means by `mean()`. */
export class MetricSum {
  users = 0;
  hr = 0;
  ndcg = 0;

  add(rank: number): void {
    this.users++;
    this.hr += hitAt(rank);
    this.ndcg += ndcgAt(rank);
  }

  mean(): { hr: number; ndcg: number } {
    return this.users === 0 ? { hr: 0, ndcg: 0 } : { hr: this.hr / this.users, ndcg: this.ndcg / this.users };
  }
}
