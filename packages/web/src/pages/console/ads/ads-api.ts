/** The paid-traffic (投流) endpoints: the shop's ad account, top-ups, campaigns and reports; the admins' overview. */
import { api } from '../../../api/client';

export type AdGoal = 'orders' | 'gmv' | 'live_entries';
export type AdBidKind = 'cost_cap' | 'target_roi';
export type AdPacing = 'even' | 'fast';
export interface AdAccount { shopId: string; balanceFen: number; spentFen: number; toppedUpFen: number; withdrawnFen: number; topups: Array<{ id: string; amountFen: number; status: 'pending' | 'succeeded' | 'failed'; createdAt: number; paidAt: number | null }> }
export interface Campaign {
  id: string; shopId: string; name: string; promote: 'video' | 'product' | 'live_room'; videoId: string | null; productId: string | null; goal: AdGoal; bidKind: AdBidKind;
  costCapFen: number | null; roiTarget: number | null; dailyBudgetFen: number; schedule: string; pacing: AdPacing; targetCategories: string[]; targetRegions: string[];
  targetLookalike: boolean; audienceSize: number; liveRoomId: string | null;
  status: 'active' | 'paused'; impressions: number; clicks: number; conversions: number; gmvFen: number; spentFen: number; createdAt: number; creativeTitle: string | null;
}
export interface Creative { videoId: string; title: string; productId: string; productTitle: string }
export interface ReportRow { hour: number | null; spendFen: number; impressions: number; clicks: number; ctr: number; cpmFen: number; conversions: number; costPerConversionFen: number | null; gmvFen: number; roi: number | null; invalidImpressions: number; invalidClicks: number }
export interface CampaignReport { campaign: Campaign; from: number; to: number; total: ReportRow; hours: ReportRow[]; invalidByReason: Record<string, number> }
export interface AdsOverview { adRevenueFen: number; impressions: number; invalidImpressions: number; adLoad: number | null; activeCampaigns: number; creatives: Array<{ campaignId: string; shopId: string; name: string; videoId: string | null; title: string | null; status: string; spentFen: number; impressions: number }> }
export interface CampaignInput { name: string; promote: 'video' | 'live_room'; videoId?: string; liveRoomId?: string; targetLookalike?: boolean; goal: AdGoal; bidKind: AdBidKind; costCapFen?: number | null; roiTarget?: number | null; dailyBudgetFen: number; pacing: AdPacing; schedule?: string; targetRegions?: string[] }

const enc = encodeURIComponent;

export const adsApi = {
  account: (shopId: string) => api<AdAccount>('GET', `/merchant/shops/${enc(shopId)}/ads/account`),
  topup: (shopId: string, amountFen: number) => api<{ topupId: string; cashierUrl: string }>('POST', `/merchant/shops/${enc(shopId)}/ads/topups`, { body: { amountFen, returnUrl: '/merchant/ads?from=cashier' } }),
  withdraw: (shopId: string, amountFen: number) => api<AdAccount>('POST', `/merchant/shops/${enc(shopId)}/ads/withdraw`, { body: { amountFen } }),
  creatives: (shopId: string) => api<{ items: Creative[] }>('GET', `/merchant/shops/${enc(shopId)}/ads/creatives`),
  campaigns: (shopId: string) => api<{ items: Campaign[] }>('GET', `/merchant/shops/${enc(shopId)}/ads/campaigns`),
  create: (shopId: string, input: CampaignInput) => api<Campaign>('POST', `/merchant/shops/${enc(shopId)}/ads/campaigns`, { body: input }),
  setStatus: (id: string, status: 'active' | 'paused') => api<Campaign>('POST', `/merchant/ads/campaigns/${enc(id)}/status`, { body: { status } }),
  report: (id: string) => api<CampaignReport>('GET', `/merchant/ads/campaigns/${enc(id)}/report`),
  /** The live rooms this person hosts, the shop's among them. */
  rooms: () => api<{ items: Array<{ id: string; title: string; status: string; host: { kind: 'creator' | 'shop'; id: string } }> }>('GET', '/live/rooms?mine=1'),
  overview: () => api<AdsOverview>('GET', '/admin/ads'),
};

/** A working-hours schedule: every day 08:00–24:00 (half-hours 16–47). */
export function daytimeSchedule(): string {
  const bits: number[] = new Array(84).fill(0);
  for (let d = 0; d < 7; d++) for (let h = 16; h < 48; h++) { const s = d * 48 + h; bits[s >> 2]! |= 1 << (3 - (s & 3)); }
  return bits.map((b) => b.toString(16)).join('');
}
