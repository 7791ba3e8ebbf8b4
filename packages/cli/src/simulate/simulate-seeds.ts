/**
 * `simulate --seeds N`: the same simulation for N seeds, each on a platform of its own, summarised
 * per half. One seed's last-bucket ratio rests on a few dozen purchases per bucket, so the summary
 * gives each seed's ratios (peak bucket and smoothed peak), their mean, spread, least and most,
 * the after-warm-up purchases per 100 impressions, and the curve pooled over the seeds (bucket
 * counts summed) with its two ratios.
 */
import { HALVES, lastBucketRatio, poolCurves, smoothedLastBucketRatio, type CurvePoint, type Half } from './curve.js';
import type { SimulationReport } from './simulation.js';

export interface Spread {
  mean: number;
  /** Sample standard deviation (0 with one seed). */
  sd: number;
  min: number;
  max: number;
  /** Seeds with a value (a ratio is null when a half bought nothing). */
  n: number;
}

export interface HalfAcrossSeeds {
  last_bucket_ratio: Spread | null;
  last_bucket_ratio_smoothed: Spread | null;
  purchases_per_100_after_warmup: Spread;
  pooled: {
    curve: CurvePoint[];
    last_bucket_ratio: number | null;
    last_bucket_ratio_smoothed: number | null;
  };
}

export interface SimulationSeedsReport {
  bench: 'simulate';
  seeds: number[];
  users: number;
  steps: number | null;
  bucket: number;
  warmup: number;
  videos: number;
  per_seed: Array<{
    seed: number;
    last_bucket_ratio: Record<Half, number | null>;
    last_bucket_ratio_smoothed: Record<Half, number | null>;
    purchases_per_100_after_warmup: Record<Half, number>;
    purchases: number;
    errors: number;
    seconds: number;
  }>;
  halves: Record<Half, HalfAcrossSeeds>;
  impressions: number;
  purchases: number;
  errors: number;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function spread(values: ReadonlyArray<number | null>): Spread | null {
  const xs = values.filter((x): x is number => x !== null);
  if (xs.length === 0) return null;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean: round(mean), sd: round(sd), min: round(Math.min(...xs)), max: round(Math.max(...xs)), n: xs.length };
}

export function summariseSimulationSeeds(
  runs: ReadonlyArray<{ seed: number; report: SimulationReport }>,
  videos: number,
): SimulationSeedsReport {
  if (runs.length === 0) throw new Error('no runs to summarise');
  const first = runs[0]!.report;
  const half = (h: Half): HalfAcrossSeeds => {
    const pooled = poolCurves(runs.map((r) => r.report.curve[h]));
    return {
      last_bucket_ratio: spread(runs.map((r) => r.report.last_bucket_ratio[h])),
      last_bucket_ratio_smoothed: spread(runs.map((r) => r.report.last_bucket_ratio_smoothed[h])),
      purchases_per_100_after_warmup: spread(runs.map((r) => r.report.after_warmup[h].purchases_per_100))!,
      pooled: {
        curve: pooled,
        last_bucket_ratio: lastBucketRatio(pooled),
        last_bucket_ratio_smoothed: smoothedLastBucketRatio(pooled),
      },
    };
  };
  const byHalf = <T>(f: (h: Half) => T): Record<Half, T> =>
    Object.fromEntries(HALVES.map((h) => [h, f(h)])) as Record<Half, T>;
  return {
    bench: 'simulate',
    seeds: runs.map((r) => r.seed),
    users: first.users,
    steps: first.steps,
    bucket: first.bucket,
    warmup: first.warmup,
    videos,
    per_seed: runs.map(({ seed, report: r }) => ({
      seed,
      last_bucket_ratio: r.last_bucket_ratio,
      last_bucket_ratio_smoothed: r.last_bucket_ratio_smoothed,
      purchases_per_100_after_warmup: byHalf((h) => r.after_warmup[h].purchases_per_100),
      purchases: r.purchases,
      errors: r.errors,
      seconds: r.seconds,
    })),
    halves: byHalf(half),
    impressions: runs.reduce((n, r) => n + r.report.impressions, 0),
    purchases: runs.reduce((n, r) => n + r.report.purchases, 0),
    errors: runs.reduce((n, r) => n + r.report.errors, 0),
  };
}
