/** The paid-traffic (投流) endpoints: an advertiser's (a shop's or the signed-in creator's) ad account, top-ups, campaigns and reports; the admins' overview. */
import { api } from '../../../api/client';

export type AdGoal = 'orders' | 'gmv' | 'live_entries';
export type AdBidKind = 'cost_cap' | 'target_roi';
export type AdPacing = 'even' | 'fast';
export interface AdOwner {
  kind: 'shop' | 'creator';
  id: string;
}
/** Whose 推广 pages these are: a shop of the merchant console, or the signed-in creator (达人中心). */
export type AdScope = { kind: 'shop'; shopId: string } | { kind: 'creator' };
export interface AdAccount {
  owner: AdOwner;
  balanceFen: number;
  spentFen: number;
  toppedUpFen: number;
  withdrawnFen: number;
  topups: Array<{
    id: string;
    amountFen: number;
    status: 'pending' | 'succeeded' | 'failed';
    createdAt: number;
    paidAt: number | null;
  }>;
}
export interface Campaign {
  id: string;
  owner: AdOwner;
  name: string;
  promote: 'video' | 'product' | 'live_room';
  videoId: string | null;
  productId: string | null;
  goal: AdGoal;
  bidKind: AdBidKind;
  costCapFen: number | null;
  roiTarget: number | null;
  dailyBudgetFen: number;
  schedule: string;
  pacing: AdPacing;
  targetCategories: string[];
  targetRegions: string[];
  targetLookalike: boolean;
  audienceSize: number;
  liveRoomId: string | null;
  status: 'active' | 'paused';
  impressions: number;
  clicks: number;
  conversions: number;
  gmvFen: number;
  spentFen: number;
  createdAt: number;
  creativeTitle: string | null;
}
export interface Creative {
  videoId: string;
  title: string;
  productId: string;
  productTitle: string;
}
export interface ReportRow {
  hour: number | null;
  spendFen: number;
  spendMfen: number;
  impressions: number;
  clicks: number;
  ctr: number;
  cpmFen: number;
  conversions: number;
  costPerConversionFen: number | null;
  gmvFen: number;
  roi: number | null;
  invalidImpressions: number;
  invalidClicks: number;
}
export interface CampaignReport {
  campaign: Campaign;
  from: number;
  to: number;
  total: ReportRow;
  hours: ReportRow[];
  invalidByReason: Record<string, number>;
}
export interface AdsOverview {
  adRevenueFen: number;
  impressions: number;
  invalidImpressions: number;
  adLoad: number | null;
  activeCampaigns: number;
  creatives: Array<{
    campaignId: string;
    owner: AdOwner;
    name: string;
    videoId: string | null;
    title: string | null;
    status: string;
    spentFen: number;
    impressions: number;
  }>;
}
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
      api<{ topupId: string; cashierUrl: string }>('POST', `${base}/topups`, {
        body: { amountFen, returnUrl: adsReturnUrl(scope) },
      }),
    withdraw: (amountFen: number) => api<AdAccount>('POST', `${base}/withdraw`, { body: { amountFen } }),
    creatives: () => api<{ items: Creative[] }>('GET', `${base}/creatives`),
    campaigns: () => api<{ items: Campaign[] }>('GET', `${base}/campaigns`),
    create: (input: CampaignInput) => api<Campaign>('POST', `${base}/campaigns`, { body: input }),
    setStatus: (id: string, status: 'active' | 'paused') =>
      api<Campaign>('POST', `${campaigns}/${enc(id)}/status`, { body: { status } }),
    report: (id: string) => api<CampaignReport>('GET', `${campaigns}/${enc(id)}/report`),
  };
}

export const adsApi = {
  /** The live rooms this person hosts (a shop's among them). */
  rooms: () =>
    api<{
      items: Array<{ id: string; title: string; status: string; host: { kind: 'creator' | 'shop'; id: string } }>;
    }>('GET', '/live/rooms?mine=1'),
  overview: () => api<AdsOverview>('GET', '/admin/ads'),
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
