/** The 罗盘 endpoints: overview (figures, previous period, trend) and breakdowns by dimension (JSON, or a CSV link). */
import { api, API_BASE } from '../../../api/client';

export type CompassScope = { scope: 'shop'; shopId: string } | { scope: 'creator' } | { scope: 'platform' };
export type Values = Record<string, number | null>;
export interface Range {
  from: string;
  to: string;
  days: number;
}
export interface Overview {
  range: Range;
  previous: Range;
  focus: { dim: string; id: string; name: string } | null;
  values: Values;
  previousValues: Values;
  trend: Array<{ bucket: number; label: string; values: Values }>;
  active: { shops: number; creators: number } | null;
}
export interface Breakdown {
  dim: string;
  rows: Array<{ id: string; name: string; values: Values }>;
}
export const METRIC_UNITS: Record<string, 'fen' | 'count' | 'ratio'> = {
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

export interface LiveMinute {
  minute: number;
  viewers: number;
  entries: number;
  comments: number;
  orders: number;
  gmv_fen: number;
}
export interface LiveRoomSummary {
  id: string;
  title: string;
  status: string;
  openedAt: number | null;
  endedAt: number | null;
  minutes: number;
  peakViewers: number;
  comments: number;
  orders: number;
  gmvFen: number;
}
export interface LiveRoomReport {
  room: LiveRoomSummary;
  minutes: LiveMinute[];
  topGmv: LiveMinute[];
  viewerPeaks: LiveMinute[];
}

const scopeQuery = (s: CompassScope) => (s.scope === 'shop' ? { scope: 'shop', shopId: s.shopId } : { scope: s.scope });

export const compassApi = {
  overview: (s: CompassScope, from: string, to: string, focus?: { dim: string; id: string }) =>
    api<Overview>('GET', '/analytics/overview', { query: { ...scopeQuery(s), from, to, ...(focus ?? {}) } }),
  breakdown: (s: CompassScope, dim: string, from: string, to: string) =>
    api<Breakdown>('GET', `/analytics/breakdown/${encodeURIComponent(dim)}`, { query: { ...scopeQuery(s), from, to } }),
  liveRooms: (s: CompassScope, from: string, to: string) =>
    api<{ rooms: LiveRoomSummary[] }>('GET', '/analytics/live', { query: { ...scopeQuery(s), from, to } }),
  liveRoom: (s: CompassScope, roomId: string) =>
    api<LiveRoomReport>('GET', `/analytics/live/${encodeURIComponent(roomId)}`, { query: scopeQuery(s) }),
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
