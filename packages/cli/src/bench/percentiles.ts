/** Percentiles by the nearest-rank method (no interpolation): the value at rank ceil(p/100 · n). */
export function percentile(sortedAsc: readonly number[], p: number): number {
  if (sortedAsc.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0–100, got ${p}`);
  const rank = Math.max(1, Math.ceil((p / 100) * sortedAsc.length));
  return sortedAsc[rank - 1]!;
}

/** p50 and p99 of unsorted samples (milliseconds), rounded to 0.01. */
export function latencySummary(samples: readonly number[]): { p50: number; p99: number } {
  const sorted = Float64Array.from(samples).sort();
  const arr = Array.from(sorted);
  const round = (v: number): number => (Number.isNaN(v) ? v : Math.round(v * 100) / 100);
  return { p50: round(percentile(arr, 50)), p99: round(percentile(arr, 99)) };
}
