/** The experience-score endpoints: the merchant's score and recompute; the admins' list, recompute-all and category weights. */
import { api } from '../../../api/client';

export type Dimension = 'product' | 'logistics' | 'service';
export const DIMENSIONS: Dimension[] = ['product', 'logistics', 'service'];
export type IndicatorKey =
  | 'bad_review_rate' | 'quality_return_rate' | 'complaint_rate' | 'pickup_on_time_rate' | 'delivery_on_time_rate' | 'transport_return_rate'
  | 'im_reply_rate_3min' | 'im_dissatisfied_rate' | 'aftersales_on_time_rate' | 'disputes_lost_rate';
export interface Benchmark { excellent: number; poor: number; source: 'peers' | 'platform'; peerMedian: number | null }
export interface Indicator { key: IndicatorKey; dimension: Dimension; value: number | null; num: number; den: number; score: number | null; weight: number; benchmark: Benchmark }
export interface Gates { engineMultiplier: number; marketplace: boolean; paidTraffic: boolean; settleCapDays: number | null }
export interface ExperienceView {
  shopId: string; computedAt: number | null; window: { from: number; to: number } | null; status: 'scored' | 'not_enough_orders' | 'not_computed';
  orders: number; minOrders: number; minPeers: number; total: number | null; dimensions: Record<Dimension, number | null>; indicators: Indicator[]; peers: number;
  improve: IndicatorKey[]; gates: Gates; history: Array<{ day: string; total: number | null }>; nextRecomputeAt: number | null;
}
export interface ScoreListItem { shopId: string; shopName: string; status: 'scored' | 'not_enough_orders'; orders: number; total: number | null; dimensions: Record<Dimension, number | null>; categoryId: string | null; peers: number; gates: Gates; computedAt: number }
export interface Weights { dimensions: Record<Dimension, number>; indicators: Record<IndicatorKey, number> }

const enc = encodeURIComponent;

export const experienceApi = {
  shop: (shopId: string) => api<ExperienceView>('GET', `/merchant/shops/${enc(shopId)}/experience`),
  recompute: (shopId: string) => api<ExperienceView>('POST', `/merchant/shops/${enc(shopId)}/experience/recompute`),
  list: () => api<{ items: ScoreListItem[] }>('GET', '/admin/experience'),
  recomputeAll: () => api<{ shops: number }>('POST', '/admin/experience/recompute'),
  weights: (categoryId: string) => api<{ categoryId: string; weights: Weights; custom: boolean }>('GET', `/admin/experience/weights/${enc(categoryId)}`),
  setWeights: (categoryId: string, weights: Weights) => api<{ categoryId: string; weights: Weights; custom: boolean }>('PUT', `/admin/experience/weights/${enc(categoryId)}`, { body: weights }),
};

/** Rates as a percentage with one decimal (0.0345 → "3.5%"). */
export const pct = (v: number | null): string => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

/** The colour of a score: green from 90, red below 60. */
export const scoreType = (s: number | null): 'success' | 'danger' | 'warning' | undefined => (s === null ? undefined : s >= 90 ? 'success' : s < 60 ? 'danger' : 'warning');
