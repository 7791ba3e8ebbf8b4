/** The creator console's traffic-pool calls (流量池). */
import { api } from '../../../api/client';

export type PoolRate = 'completion' | 'like' | 'comment' | 'share' | 'product_tap';
export const POOL_RATES: readonly PoolRate[] = ['completion', 'like', 'comment', 'share', 'product_tap'];
export type PoolStatus = 'not_entered' | 'climbing' | 'stopped' | 'top';

export interface PoolStep {
  pool: number;
  decision: 'entered' | 'promoted' | 'stopped' | 'top';
  impressions: number;
  rates: Record<PoolRate, number> | null;
  thresholds: Record<PoolRate, number> | null;
  shortfalls: PoolRate[];
  at: number;
}

export interface VideoPool {
  videoId: string;
  pool: number | null;
  status: PoolStatus;
  audiences: number[];
  steps: PoolStep[];
}

export type PoolSummary = Pick<VideoPool, 'videoId' | 'pool' | 'status'>;

export const poolApi = {
  videoPool: (videoId: string) => api<VideoPool>('GET', `/me/videos/${encodeURIComponent(videoId)}/pool`),
  summaries: (ids: readonly string[]) =>
    api<{ items: PoolSummary[] }>('GET', '/me/video-pools', { query: { ids: ids.join(',') } }),
};
