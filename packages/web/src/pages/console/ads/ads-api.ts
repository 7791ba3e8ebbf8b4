/** The paid-traffic (投流) endpoints: an advertiser's (a shop's or the signed-in creator's) ad account, top-ups, campaigns and reports; the admins' overview. */
import { api } from '../../../api/client';

import type { Answer } from '../../../api/contract';

export type AdAccount = Answer<'/api/v1/merchant/shops/{shopId}/ads/account', 'get'>;
export type Campaign = Answer<'/api/v1/merchant/ads/campaigns/{campaignId}/status', 'post'>;
export type AdOwner = Campaign['owner'];
export type AdGoal = Campaign['goal'];
export type AdBidKind = Campaign['bidKind'];
export type AdPacing = Campaign['pacing'];
export type AdCampaignStatus = Campaign['status'];
type Reviewed = Answer<'/api/v1/admin/ads/campaigns/{campaignId}/review', 'post'>;
/** Whose 推广 pages these are: a shop of the merchant console, or the signed-in creator (达人中心). */
export type AdScope = { kind: 'shop'; shopId: string } | { kind: 'creator' };
export type Creative = Answer<'/api/v1/merchant/shops/{shopId}/ads/creatives', 'get'>['items'][number];
export type CampaignReport = Answer<'/api/v1/merchant/ads/campaigns/{campaignId}/report', 'get'>;
export type ReportRow = CampaignReport['total'];
export type AdsOverview = Answer<'/api/v1/admin/ads', 'get'>;
type TopupStarted = Answer<'/api/v1/merchant/shops/{shopId}/ads/topups', 'post'>;
type RoomList = Answer<'/api/v1/live/rooms', 'get'>;
export interface CampaignInput {
  name: string;
  promote: 'video' | 'live_room';
  videoId?: string;
  liveRoomId?: string;
  targetLookalike?: boolean;
  goal: AdGoal;
  bidKind: AdBidKind;
  costCapFen?: number | null;
  roiTarget?: number | null;
  dailyBudgetFen: number;
  pacing: AdPacing;
  schedule?: string;
  targetRegions?: string[];
}

const enc = encodeURIComponent;

const accountBase = (scope: AdScope): string =>
  scope.kind === 'shop' ? `/merchant/shops/${enc(scope.shopId)}/ads` : '/creator/ads';
const campaignBase = (scope: AdScope): string =>
  scope.kind === 'shop' ? '/merchant/ads/campaigns' : '/creator/ads/campaigns';
/** Where the cashier sends the advertiser back to. */
export const adsReturnUrl = (scope: AdScope): string =>
  scope.kind === 'shop' ? '/merchant/ads?from=cashier' : '/creator/ads?from=cashier';

/** The endpoints of one advertiser: the same pages serve a shop and a creator. */
export function adsApiFor(scope: AdScope) {
  const base = accountBase(scope);
  const campaigns = campaignBase(scope);
  return {
    account: () => api<AdAccount>('GET', `${base}/account`),
    topup: (amountFen: number) =>
      api<TopupStarted>('POST', `${base}/topups`, {
        body: { amountFen, returnUrl: adsReturnUrl(scope) },
      }),
    withdraw: (amountFen: number) => api<AdAccount>('POST', `${base}/withdraw`, { body: { amountFen } }),
    creatives: () => api<Answer<'/api/v1/merchant/shops/{shopId}/ads/creatives', 'get'>>('GET', `${base}/creatives`),
    campaigns: () => api<Answer<'/api/v1/merchant/shops/{shopId}/ads/campaigns', 'get'>>('GET', `${base}/campaigns`),
    create: (input: CampaignInput) => api<Campaign>('POST', `${base}/campaigns`, { body: input }),
    setStatus: (id: string, status: 'active' | 'paused') =>
      api<Campaign>('POST', `${campaigns}/${enc(id)}/status`, { body: { status } }),
    report: (id: string) => api<CampaignReport>('GET', `${campaigns}/${enc(id)}/report`),
  };
}

export const adsApi = {
  /** The live rooms this person hosts (a shop's among them). */
  rooms: () => api<RoomList>('GET', '/live/rooms?mine=1'),
  overview: () => api<AdsOverview>('GET', '/admin/ads'),
  /** 平台管理 · 广告: take a creative down (with a reason) or restore it. */
  review: (campaignId: string, decision: 'reject' | 'restore', reason?: string) =>
    api<Reviewed>('POST', `/admin/ads/campaigns/${enc(campaignId)}/review`, {
      body: reason === undefined ? { decision } : { decision, reason },
    }),
};

/** A working-hours schedule: every day 08:00–24:00 (half-hours 16–47). */
export function daytimeSchedule(): string {
  const bits: number[] = new Array(84).fill(0);
  for (let d = 0; d < 7; d++)
    for (let h = 16; h < 48; h++) {
      const s = d * 48 + h;
      bits[s >> 2]! |= 1 << (3 - (s & 3));
    }
  return bits.map((b) => b.toString(16)).join('');
}

/** A spend in milli-fen as yuan: whole fen as usual (¥1.23), a fraction of a fen to the milli-fen (¥0.00451), so one impression's spend shows. */
export function formatSpend(mfen: number): string {
  if (mfen % 1000 === 0) return `¥${(mfen / 100_000).toFixed(2)}`;
  return `¥${(mfen / 100_000).toFixed(5).replace(/0{1,3}$/, '')}`;
}
