/** The experience-score endpoints: the merchant's score and recompute; the admins' list, recompute-all and category weights. */
import { api } from '../../../api/client';
import type { Answer } from '../../../api/contract';

export type Dimension = 'product' | 'logistics' | 'service';
export const DIMENSIONS: Dimension[] = ['product', 'logistics', 'service'];
export type ExperienceView = Answer<'/api/v1/merchant/shops/{shopId}/experience', 'get'>;
export type Indicator = ExperienceView['indicators'][number];
export type IndicatorKey = Indicator['key'];
export type Benchmark = Indicator['benchmark'];
export type Gates = ExperienceView['gates'];
export type ScoreListItem = Answer<'/api/v1/admin/experience', 'get'>['items'][number];
export type Weights = Answer<'/api/v1/admin/experience/weights/{categoryId}', 'get'>['weights'];

const enc = encodeURIComponent;

export const experienceApi = {
  shop: (shopId: string) => api<ExperienceView>('GET', `/merchant/shops/${enc(shopId)}/experience`),
  recompute: (shopId: string) => api<ExperienceView>('POST', `/merchant/shops/${enc(shopId)}/experience/recompute`),
  list: () => api<Answer<'/api/v1/admin/experience', 'get'>>('GET', '/admin/experience'),
  recomputeAll: () => api<Answer<'/api/v1/admin/experience/recompute', 'post'>>('POST', '/admin/experience/recompute'),
  weights: (categoryId: string) =>
    api<Answer<'/api/v1/admin/experience/weights/{categoryId}', 'get'>>(
      'GET',
      `/admin/experience/weights/${enc(categoryId)}`,
    ),
  setWeights: (categoryId: string, weights: Weights) =>
    api<Answer<'/api/v1/admin/experience/weights/{categoryId}', 'put'>>(
      'PUT',
      `/admin/experience/weights/${enc(categoryId)}`,
      { body: weights },
    ),
};

/** Rates as a percentage with one decimal (0.0345 → "3.5%"). */
export const pct = (v: number | null): string => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

/** The colour of a score: green from 90, red below 60. */
export const scoreType = (s: number | null): 'success' | 'danger' | 'warning' | undefined =>
  s === null ? undefined : s >= 90 ? 'success' : s < 60 ? 'danger' : 'warning';
