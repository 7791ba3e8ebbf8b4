/**
 * The experience score's indicators (商家体验分): what each measures, in which dimension, which
 * way is better, and the platform's default benchmark (used when a category has too few peers).
 * Pure data.
 *
 * Benchmarks: `excellent` scores 100, `poor` scores 60; between them the score falls linearly,
 * beyond `poor` it keeps falling (30 at twice the distance, 0 at three times).
 */

export type Dimension = 'product' | 'logistics' | 'service';
export const DIMENSIONS: readonly Dimension[] = ['product', 'logistics', 'service'];

export type IndicatorKey =
  | 'bad_review_rate'
  | 'quality_return_rate'
  | 'complaint_rate'
  | 'pickup_on_time_rate'
  | 'delivery_on_time_rate'
  | 'transport_return_rate'
  | 'im_reply_rate_3min'
  | 'im_dissatisfied_rate'
  | 'aftersales_on_time_rate'
  | 'disputes_lost_rate';

export interface IndicatorDef {
  key: IndicatorKey;
  dimension: Dimension;
  /** `lower`: a smaller value is better (a rate of bad things). */
  better: 'lower' | 'higher';
  excellent: number;
  poor: number;
  /** Default weight inside its dimension. */
  weight: number;
}

export const INDICATORS: readonly IndicatorDef[] = [
  { key: 'bad_review_rate', dimension: 'product', better: 'lower', excellent: 0.01, poor: 0.06, weight: 0.5 },
  { key: 'quality_return_rate', dimension: 'product', better: 'lower', excellent: 0.005, poor: 0.03, weight: 0.35 },
  { key: 'complaint_rate', dimension: 'product', better: 'lower', excellent: 0.002, poor: 0.015, weight: 0.15 },
  { key: 'pickup_on_time_rate', dimension: 'logistics', better: 'higher', excellent: 0.98, poor: 0.85, weight: 0.4 },
  { key: 'delivery_on_time_rate', dimension: 'logistics', better: 'higher', excellent: 0.95, poor: 0.8, weight: 0.35 },
  { key: 'transport_return_rate', dimension: 'logistics', better: 'lower', excellent: 0.003, poor: 0.02, weight: 0.25 },
  { key: 'im_reply_rate_3min', dimension: 'service', better: 'higher', excellent: 0.9, poor: 0.6, weight: 0.3 },
  { key: 'im_dissatisfied_rate', dimension: 'service', better: 'lower', excellent: 0.02, poor: 0.1, weight: 0.1 },
  { key: 'aftersales_on_time_rate', dimension: 'service', better: 'higher', excellent: 0.98, poor: 0.85, weight: 0.4 },
  { key: 'disputes_lost_rate', dimension: 'service', better: 'lower', excellent: 0.001, poor: 0.01, weight: 0.2 },
];

export const INDICATOR_KEYS: readonly IndicatorKey[] = INDICATORS.map((i) => i.key);

export function indicatorDef(key: IndicatorKey): IndicatorDef {
  const d = INDICATORS.find((i) => i.key === key);
  if (!d) throw new Error(`unknown indicator ${key}`);
  return d;
}

/** Dimension weights of the total by default. */
export const DEFAULT_DIMENSION_WEIGHTS: Readonly<Record<Dimension, number>> = {
  product: 0.4,
  logistics: 0.3,
  service: 0.3,
};

/** The window the score looks back over. */
export const WINDOW_DAYS = 30;
/** Below this many paid orders in the window there is no score ("not enough orders", never zero). */
export const MIN_ORDERS = 30;
/** Peers (shops of the same top-level category with a score) needed before their spread becomes the benchmark. */
export const MIN_PEERS = 5;
/** A delivery is on time when it arrives within this many hours of dispatch. */
export const DELIVERY_PROMISE_HOURS = 72;

/** After-sales reasons that count against the product (品质退货) and against transport (物流品退): the after-sales module's one definition. */
export { QUALITY_RETURN_REASONS, TRANSPORT_RETURN_REASONS as TRANSPORT_REASONS } from '../aftersales/index.js';
