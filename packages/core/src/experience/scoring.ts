/**
 * Scoring the experience score (商家体验分) from each shop's counts. Pure.
 *
 * 1. Each indicator's value is a ratio of counts over the window (null when there is nothing to
 *    measure: no reviews, no buyer messages…; that indicator then drops out and the others in its
 *    dimension carry its weight).
 * 2. Its benchmark comes from the shop's peers — the other scored shops whose top-level category is
 *    the same — when there are at least MIN_PEERS with a value: the best decile's value scores 100,
 *    the worst decile's 60. With fewer peers the platform's default benchmark applies.
 * 3. A dimension is the weighted mean of its indicators' scores; the total the weighted mean of the
 *    dimensions (a dimension with no indicator measured drops out). No score below MIN_ORDERS.
 */
import {
  DIMENSIONS,
  INDICATORS,
  MIN_ORDERS,
  MIN_PEERS,
  type Dimension,
  type IndicatorDef,
  type IndicatorKey,
} from './indicators.js';
import type { ExperienceWeights } from './weights.js';

export interface Ratio {
  num: number;
  den: number;
}

export interface ShopCounts {
  shopId: string;
  /** Top-level category the shop sells most in; null when it sold nothing. */
  categoryId: string | null;
  /** Paid orders in the window. */
  orders: number;
  ratios: Partial<Record<IndicatorKey, Ratio | null>>;
}

export interface Benchmark {
  excellent: number;
  poor: number;
  source: 'peers' | 'platform';
  /** The peers' median value (null with the platform's benchmark). */
  peerMedian: number | null;
}

export interface IndicatorResult {
  key: IndicatorKey;
  dimension: Dimension;
  value: number | null;
  num: number;
  den: number;
  score: number | null;
  weight: number;
  benchmark: Benchmark;
}

export type ScoreStatus = 'scored' | 'not_enough_orders';

export interface ShopScore {
  shopId: string;
  categoryId: string | null;
  orders: number;
  status: ScoreStatus;
  total: number | null;
  dimensions: Record<Dimension, number | null>;
  indicators: IndicatorResult[];
  peers: number;
}

export function ratioValue(r: Ratio | null | undefined): number | null {
  if (!r || !(r.den > 0)) return null;
  return Math.max(0, r.num) / r.den;
}

/** 100 at or beyond `excellent`, 60 at `poor`, linear between; beyond `poor` down to 0 at three times the distance. */
export function indicatorScore(value: number, b: { excellent: number; poor: number }): number {
  const span = b.poor - b.excellent;
  if (span === 0) return value === b.excellent ? 100 : 60;
  const t = (value - b.excellent) / span;
  const s = t <= 0 ? 100 : t <= 1 ? 100 - 40 * t : Math.max(0, 60 - 30 * (t - 1));
  return Math.round(s * 10) / 10;
}

/** The value at quantile q (0–1) of sorted values, interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The benchmark of one indicator from the peers' values (the shop's own excluded by the caller). */
export function benchmarkFrom(def: IndicatorDef, peerValues: readonly number[]): Benchmark {
  if (peerValues.length >= MIN_PEERS) {
    const sorted = [...peerValues].sort((a, b) => a - b);
    const best = def.better === 'lower' ? quantile(sorted, 0.1) : quantile(sorted, 0.9);
    const worst = def.better === 'lower' ? quantile(sorted, 0.9) : quantile(sorted, 0.1);
    if (best !== worst) return { excellent: best, poor: worst, source: 'peers', peerMedian: quantile(sorted, 0.5) };
  }
  return { excellent: def.excellent, poor: def.poor, source: 'platform', peerMedian: null };
}

function weightedMean(parts: Array<{ score: number | null; weight: number }>): number | null {
  let sum = 0;
  let w = 0;
  for (const p of parts) {
    if (p.score === null || p.weight <= 0) continue;
    sum += p.score * p.weight;
    w += p.weight;
  }
  return w > 0 ? sum / w : null;
}

const round = (x: number | null): number | null => (x === null ? null : Math.round(x));

/**
 * Scores every shop against its peers. `weightsOf` gives the weights of a top-level category (the
 * defaults when it has none). Shops below MIN_ORDERS get no score and are nobody's peer.
 */
export function scoreShops(
  shops: readonly ShopCounts[],
  weightsOf: (categoryId: string | null) => ExperienceWeights,
): ShopScore[] {
  const eligible = shops.filter((s) => s.orders >= MIN_ORDERS);
  return shops.map((shop) => {
    const weights = weightsOf(shop.categoryId);
    const peers = eligible.filter(
      (p) => p.shopId !== shop.shopId && p.categoryId !== null && p.categoryId === shop.categoryId,
    );
    const indicators: IndicatorResult[] = INDICATORS.map((def) => {
      const r = shop.ratios[def.key] ?? null;
      const value = ratioValue(r);
      const peerValues = peers.map((p) => ratioValue(p.ratios[def.key])).filter((v): v is number => v !== null);
      const benchmark = benchmarkFrom(def, peerValues);
      return {
        key: def.key,
        dimension: def.dimension,
        value,
        num: r?.num ?? 0,
        den: r?.den ?? 0,
        score: value === null ? null : indicatorScore(value, benchmark),
        weight: weights.indicators[def.key],
        benchmark,
      };
    });
    if (shop.orders < MIN_ORDERS) {
      return {
        shopId: shop.shopId,
        categoryId: shop.categoryId,
        orders: shop.orders,
        status: 'not_enough_orders',
        total: null,
        dimensions: { product: null, logistics: null, service: null },
        indicators,
        peers: peers.length,
      };
    }
    const dims = Object.fromEntries(
      DIMENSIONS.map((d) => [d, weightedMean(indicators.filter((i) => i.dimension === d))]),
    ) as Record<Dimension, number | null>;
    const total = weightedMean(DIMENSIONS.map((d) => ({ score: dims[d], weight: weights.dimensions[d] })));
    return {
      shopId: shop.shopId,
      categoryId: shop.categoryId,
      orders: shop.orders,
      status: 'scored',
      total: round(total),
      dimensions: { product: round(dims.product), logistics: round(dims.logistics), service: round(dims.service) },
      indicators,
      peers: peers.length,
    };
  });
}

/** What to improve first: measured indicators below 80, the ones costing the most points first (weight × shortfall). */
export function improvements(score: Pick<ShopScore, 'indicators'>, max = 3): IndicatorKey[] {
  return score.indicators
    .filter((i) => i.score !== null && i.score < 80)
    .sort((a, b) => (100 - b.score!) * b.weight - (100 - a.score!) * a.weight || a.key.localeCompare(b.key))
    .slice(0, max)
    .map((i) => i.key);
}
