/** Creator economy (达人合作 · 选品广场 · 团长 · MCN) calls and shapes. */
import { api } from './client';

export type PlanKind = 'general' | 'targeted' | 'exclusive' | 'colonel';
export type PlanState = 'active' | 'closing' | 'closed' | 'pending' | 'rejected';
export type Decision = 'approve' | 'reject';

export interface ProductCard {
  id: string;
  title: string;
  shopId: string;
  shopName: string;
  categoryId: string;
  priceFen: number;
  originalPriceFen: number | null;
  imageUrl: string | null;
  sales: number;
  status: string;
}

export interface PlanSummary {
  id: string;
  kind: PlanKind;
  name: string;
  shopId: string;
  productId: string;
  state: PlanState;
  rateBp: number | null;
  pending: { change: 'raise' | 'cut' | 'close' | 'open'; rateBp: number | null; effectiveAt: number } | null;
  creatorId: string | null;
  activityId: string | null;
  closesAt: number | null;
  createdAt: number;
}
export type ShopPlan = PlanSummary & { productTitle: string };
export interface RateChangeResult {
  plan: PlanSummary;
  change: 'raise' | 'cut' | 'close';
  effectiveAt: number;
}

export interface Application {
  planId: string;
  creatorId: string;
  displayName: string;
  shopId: string;
  status: string;
  source: string;
  note: string;
  createdAt: number;
  decidedAt: number | null;
}

export interface Offer {
  reason: 'plan' | 'self_commission' | 'not_open' | 'no_plan';
  planId: string | null;
  kind: PlanKind | null;
  rateBp: number;
  creatorRateBp: number;
  colonelFeeBp: number;
  protected: boolean;
}
export interface MarketplacePlan {
  planId: string;
  kind: PlanKind;
  rateBp: number | null;
  application: string | null;
  activity: { id: string; serviceFeeBp: number; endsAt: number } | null;
}
export interface MarketplaceItem {
  product: ProductCard;
  offer: Offer;
  plans: MarketplacePlan[];
  inShowcase: boolean;
  experienceScore: number | null;
}
export interface ShowcaseItem {
  product: ProductCard;
  addedAt: number;
  viaPlanId: string | null;
  offer: Offer;
}
export interface TrackedLink {
  id: string;
  token: string;
  productId: string;
  createdAt: number;
  expiresAt: number;
  opens: number;
}

export interface Activity {
  id: string;
  colonelId: string;
  name: string;
  commissionFloorBp: number;
  serviceFeeBp: number;
  startsAt: number;
  endsAt: number;
  running: boolean;
  createdAt: number;
}
export type ActivityProduct = PlanSummary & { productTitle: string; requestedRateBp: number | null };

export interface Contract {
  id: string;
  mcnId: string;
  mcnName: string;
  creatorId: string;
  creatorName: string;
  shareBp: number;
  startsAt: number;
  endsAt: number;
  status: string;
  inForce: boolean;
  acceptedAt: number | null;
  effectiveAt: number | null;
  endedAt: number | null;
}

export type GroupBy = 'creator' | 'product' | 'video';
export interface PerformanceRow {
  key: string;
  label: string;
  gmvFen: number;
  orders: number;
  refundsFen: number;
  creatorFen: number;
  mcnFen: number;
  colonelFen: number;
  settledFen: number;
}
export interface PerformanceReport {
  from: number;
  to: number;
  groupBy: GroupBy;
  rows: PerformanceRow[];
  total: Omit<PerformanceRow, 'key' | 'label'>;
  truncated: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const enc = encodeURIComponent;

// 商家 · 达人合作
export const listShopPlans = (shopId: string, cursor: string | null, limit = 20) =>
  api<Page<ShopPlan>>('GET', `/merchant/shops/${enc(shopId)}/affiliate/plans`, { query: { cursor, limit } });
export const createPlan = (
  productId: string,
  body: {
    kind: Exclude<PlanKind, 'colonel'>;
    rateBp: number;
    name?: string;
    creatorIds?: string[];
    creatorId?: string;
  },
) => api<PlanSummary>('POST', `/merchant/products/${enc(productId)}/affiliate/plans`, { body });
export interface RateChange {
  id: string;
  change: 'open' | 'raise' | 'cut' | 'close';
  rateBp: number | null;
  requestedAt: number;
  effectiveAt: number;
  supersededAt: number | null;
}
export interface PlanCreator {
  creatorId: string;
  displayName: string;
  status: string;
  source: string;
  note: string;
  createdAt: number;
  decidedAt: number | null;
}
export type PlanDetail = PlanSummary & { productTitle: string; history: RateChange[]; creators: PlanCreator[] };
export const planDetail = (planId: string) => api<PlanDetail>('GET', `/merchant/affiliate/plans/${enc(planId)}`);
export const changePlanRate = (planId: string, rateBp: number) =>
  api<RateChangeResult>('POST', `/merchant/affiliate/plans/${enc(planId)}/rate`, { body: { rateBp } });
export const closePlan = (planId: string) =>
  api<RateChangeResult>('POST', `/merchant/affiliate/plans/${enc(planId)}/close`);
export const nameCreators = (planId: string, creatorIds: string[]) =>
  api<PlanSummary>('POST', `/merchant/affiliate/plans/${enc(planId)}/creators`, { body: { creatorIds } });
export const listShopApplications = (shopId: string, status: string | null) =>
  api<{ items: Application[] }>('GET', `/merchant/shops/${enc(shopId)}/affiliate/applications`, { query: { status } });
export const decideApplication = (planId: string, creatorId: string, decision: Decision) =>
  api<Application>('POST', `/merchant/affiliate/plans/${enc(planId)}/applications/${enc(creatorId)}/decision`, {
    body: { decision },
  });
export const applyToActivity = (productId: string, activityId: string, rateBp: number) =>
  api<PlanSummary>('POST', `/merchant/products/${enc(productId)}/affiliate/activities`, {
    body: { activityId, rateBp },
  });
export const shopPerformance = (shopId: string, groupBy: 'creator' | 'product') =>
  api<PerformanceReport>('GET', `/merchant/shops/${enc(shopId)}/affiliate/performance`, { query: { groupBy } });
export const openActivities = () => api<{ items: Activity[] }>('GET', '/affiliate/activities');

// 达人 · 选品广场 · 橱窗 · 推广链接 · 收益 · MCN
export const marketplace = (q: string | null, cursor: string | null) =>
  api<Page<MarketplaceItem>>('GET', '/creator/marketplace', { query: { q, cursor, limit: 20 } });
export const applyToPlan = (planId: string, note: string) =>
  api<Application>('POST', `/creator/affiliate/plans/${enc(planId)}/applications`, { body: note ? { note } : {} });
export const myApplications = () => api<{ items: Application[] }>('GET', '/creator/affiliate/applications');
export const myShowcase = () => api<{ items: ShowcaseItem[] }>('GET', '/creator/showcase');
export const addToShowcase = (productId: string, activityId?: string) =>
  api<ShowcaseItem>('POST', '/creator/showcase', { body: activityId ? { productId, activityId } : { productId } });
export const removeFromShowcase = (productId: string) =>
  api<{ productId: string; removed: true }>('DELETE', `/creator/showcase/${enc(productId)}`);
export const anchorProduct = (videoId: string, productId: string) =>
  api<{ videoId: string; productIds: string[] }>('POST', `/creator/videos/${enc(videoId)}/anchors`, {
    body: { productId },
  });
export const createLink = (productId: string, validDays: number) =>
  api<TrackedLink>('POST', '/creator/links', { body: { productId, validDays } });
export const myLinks = () => api<{ items: TrackedLink[] }>('GET', '/creator/links');
export const creatorEarnings = (groupBy: 'product' | 'video') =>
  api<PerformanceReport>('GET', '/creator/affiliate/earnings', { query: { groupBy } });
export const myContracts = () => api<{ items: Contract[] }>('GET', '/affiliate/mcn-contracts');
export const acceptContract = (id: string) => api<Contract>('POST', `/creator/mcn-contracts/${enc(id)}/accept`);
export const declineContract = (id: string) => api<Contract>('POST', `/creator/mcn-contracts/${enc(id)}/decline`);
export const endContract = (id: string) => api<Contract>('POST', `/affiliate/mcn-contracts/${enc(id)}/end`);

// 团长
export const createActivity = (body: {
  name: string;
  commissionFloorBp: number;
  serviceFeeBp: number;
  endsAt: number;
}) => api<Activity>('POST', '/colonel/activities', { body });
export const myActivities = () => api<{ items: Activity[] }>('GET', '/colonel/activities');
export const activityProducts = (activityId: string, status: string | null) =>
  api<{ items: ActivityProduct[] }>('GET', `/colonel/activities/${enc(activityId)}/products`, { query: { status } });
export const decideActivityProduct = (planId: string, decision: Decision) =>
  api<PlanSummary>('POST', `/colonel/activity-products/${enc(planId)}/decision`, { body: { decision } });
export const colonelPerformance = (groupBy: 'product' | 'creator') =>
  api<PerformanceReport>('GET', '/colonel/performance', { query: { groupBy } });

// MCN
export const proposeContract = (body: { creatorId: string; shareBp: number; endsAt: number }) =>
  api<Contract>('POST', '/mcn/contracts', { body });
export const mcnPerformance = (groupBy: 'creator' | 'product') =>
  api<PerformanceReport>('GET', '/mcn/performance', { query: { groupBy } });

/** Basis points → "12.5%". */
export const formatBp = (bp: number | null): string =>
  bp === null ? '—' : `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : bp % 10 === 0 ? 1 : 2)}%`;

/** "12.5" (percent, up to two decimals) → basis points; null when not a valid percentage. */
export function percentToBp(text: string | number | null | undefined): number | null {
  const s = String(text ?? '').trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  const bp = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** The link a creator shares: the shopper app's product page opened through the token. */
export const linkUrl = (token: string): string => `${window.location.origin}/l/${token}`;

/** The shop's listed products (for picking one to open a plan on or apply into an activity). */
export const listedShopProducts = (shopId: string) =>
  api<Page<ProductCard>>('GET', `/merchant/shops/${enc(shopId)}/products`, { query: { status: 'listed', limit: 100 } });

/** A creator found by handle, display name or id (for naming creators in a plan or a contract). */
export interface CreatorMatch {
  id: string;
  login: string;
  displayName: string;
  followers: number;
}
export const searchCreators = (q: string) =>
  api<{ items: CreatorMatch[] }>('GET', '/affiliate/creators', { query: { q, limit: 10 } }).then((r) => r.items);

/** 待结算佣金: my part of orders attributed to me, paid and not settled yet. */
export interface PendingCommissionOrder {
  orderId: string;
  orderStatus: string;
  paidAt: number;
  products: string[];
  expectedFen: number;
  settleDueAt: number | null;
  settleWindowDays: number;
}
export interface PendingCommission {
  party: 'creator' | 'mcn' | 'colonel';
  totalFen: number;
  orders: number;
  items: PendingCommissionOrder[];
  truncated: boolean;
}
export const pendingCommission = (as: PendingCommission['party']) =>
  api<PendingCommission>('GET', '/affiliate/pending-commission', { query: { as } });
