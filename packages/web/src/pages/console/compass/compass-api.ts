/** The 罗盘 endpoints: overview (figures, previous period, trend) and breakdowns by dimension (JSON, or a CSV link). */
import { api, API_BASE } from '../../../api/client';
import type { Answer } from '../../../api/contract';

export type CompassScope = { scope: 'shop'; shopId: string } | { scope: 'creator' } | { scope: 'platform' };
export type Overview = Answer<'/api/v1/analytics/overview', 'get'>;
export type Values = Overview['values'];
export type MetricKey = keyof Values;
export type Range = Overview['range'];
export type Breakdown = Answer<'/api/v1/analytics/breakdown/{dim}', 'get'>;
export const METRIC_UNITS: Record<MetricKey, 'fen' | 'count' | 'ratio'> = {
  gmv: 'fen',
  net_gmv: 'fen',
  orders: 'count',
  buyers: 'count',
  items: 'count',
  aov: 'fen',
  refund_fen: 'fen',
  refunds: 'count',
  impressions: 'count',
  impression_people: 'count',
  clicks: 'count',
  click_people: 'count',
  new_buyers: 'count',
  returning_buyers: 'count',
  ctr: 'ratio',
  click_to_pay: 'ratio',
  impression_to_pay: 'ratio',
  gpm: 'fen',
  add_to_cart: 'count',
  cart_people: 'count',
  favourites: 'count',
  bad_review_rate: 'ratio',
  quality_return_rate: 'ratio',
  commission: 'fen',
  take: 'fen',
};

type LiveRooms = Answer<'/api/v1/analytics/live', 'get'>;
export type LiveRoomSummary = LiveRooms['rooms'][number];
export type LiveRoomReport = Answer<'/api/v1/analytics/live/{roomId}', 'get'>;
export type LiveMinute = LiveRoomReport['minutes'][number];
export type CompassAds = Answer<'/api/v1/analytics/ads', 'get'>;

const scopeQuery = (s: CompassScope) => (s.scope === 'shop' ? { scope: 'shop', shopId: s.shopId } : { scope: s.scope });

export const compassApi = {
  overview: (s: CompassScope, from: string, to: string, focus?: { dim: string; id: string }) =>
    api<Overview>('GET', '/analytics/overview', { query: { ...scopeQuery(s), from, to, ...(focus ?? {}) } }),
  breakdown: (s: CompassScope, dim: string, from: string, to: string) =>
    api<Breakdown>('GET', `/analytics/breakdown/${encodeURIComponent(dim)}`, { query: { ...scopeQuery(s), from, to } }),
  liveRooms: (s: CompassScope, from: string, to: string) =>
    api<LiveRooms>('GET', '/analytics/live', { query: { ...scopeQuery(s), from, to } }),
  liveRoom: (s: CompassScope, roomId: string) =>
    api<LiveRoomReport>('GET', `/analytics/live/${encodeURIComponent(roomId)}`, { query: scopeQuery(s) }),
  ads: (s: CompassScope, from: string, to: string) =>
    api<CompassAds>('GET', '/analytics/ads', { query: { ...scopeQuery(s), from, to } }),
  exportUrl: (s: CompassScope, dim: string, from: string, to: string, lang: string, format: 'csv' | 'xlsx') => {
    const q = new URLSearchParams({
      ...scopeQuery(s),
      from,
      to,
      format,
      lang: lang === 'en' ? 'en' : 'zh-CN',
    } as Record<string, string>);
    return `${API_BASE}/analytics/breakdown/${encodeURIComponent(dim)}?${q.toString()}`;
  },
};
