/** The creator console's traffic-pool calls (流量池). */
import { api } from '../../../api/client';
import type { Answer } from '../../../api/contract';

type VideoPoolAnswer = Answer<'/api/v1/me/videos/{videoId}/pool', 'get'>;
type PoolSummaries = Answer<'/api/v1/me/video-pools', 'get'>;

export type PoolStep = VideoPoolAnswer['steps'][number];
export type PoolRate = PoolStep['shortfalls'][number];
export const POOL_RATES: readonly PoolRate[] = ['completion', 'like', 'comment', 'share', 'product_tap'];
export type PoolStatus = VideoPoolAnswer['status'];
export type VideoPool = VideoPoolAnswer;
export type PoolSummary = PoolSummaries['items'][number];

export const poolApi = {
  videoPool: (videoId: string) => api<VideoPoolAnswer>('GET', `/me/videos/${encodeURIComponent(videoId)}/pool`),
  summaries: (ids: readonly string[]) =>
    api<PoolSummaries>('GET', '/me/video-pools', { query: { ids: ids.join(',') } }),
};
