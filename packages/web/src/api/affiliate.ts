/** Creator economy (达人合作 · 选品广场 · 团长 · MCN) calls and shapes. */
import { api } from './client';
import type { Answer } from './contract';

export type Decision = 'approve' | 'reject';

// The answers' shapes, as the server declares them (schema.d.ts).
export type PlanSummary = Answer<'/api/v1/merchant/affiliate/plans/{planId}/creators', 'post'>;
export type PlanKind = PlanSummary['kind'];
export type PlanState = PlanSummary['state'];
type ShopPlanPage = Answer<'/api/v1/merchant/shops/{shopId}/affiliate/plans', 'get'>;
export type ShopPlan = ShopPlanPage['items'][number];
export type RateChangeResult = Answer<'/api/v1/merchant/affiliate/plans/{planId}/rate', 'post'>;
export type PlanDetail = Answer<'/api/v1/merchant/affiliate/plans/{planId}', 'get'>;
export type RateChange = PlanDetail['history'][number];
export type PlanCreator = PlanDetail['creators'][number];

export type Application = Answer<'/api/v1/creator/affiliate/applications', 'get'>['items'][number];

type MarketplacePage = Answer<'/api/v1/creator/marketplace', 'get'>;
export type MarketplaceItem = MarketplacePage['items'][number];
export type MarketplacePlan = MarketplaceItem['plans'][number];
export type ShowcaseItem = Answer<'/api/v1/creator/showcase', 'post'>;
/** What a product pays me now (the marketplace's and the showcase's offer). */
export type Offer = MarketplaceItem['offer'] | ShowcaseItem['offer'];
export type ProductCard = MarketplaceItem['product'];
export type TrackedLink = Answer<'/api/v1/creator/links', 'post'>;

export type Activity = Answer<'/api/v1/colonel/activities', 'post'>;
export type ActivityProduct = Answer<'/api/v1/colonel/activities/{activityId}/products', 'get'>['items'][number];

export type Contract = Answer<'/api/v1/mcn/contracts', 'post'>;

export type PerformanceReport = Answer<'/api/v1/mcn/performance', 'get'>;
export type GroupBy = PerformanceReport['groupBy'];
export type PerformanceRow = PerformanceReport['rows'][number];

const enc = encodeURIComponent;

// 商家 · 达人合作
export const listShopPlans = (shopId: string, cursor: string | null, limit = 20) =>
  api<ShopPlanPage>('GET', `/merchant/shops/${enc(shopId)}/affiliate/plans`, { query: { cursor, limit } });
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
export const planDetail = (planId: string) => api<PlanDetail>('GET', `/merchant/affiliate/plans/${enc(planId)}`);
export const changePlanRate = (planId: string, rateBp: number) =>
  api<RateChangeResult>('POST', `/merchant/affiliate/plans/${enc(planId)}/rate`, { body: { rateBp } });
export const closePlan = (planId: string) =>
  api<RateChangeResult>('POST', `/merchant/affiliate/plans/${enc(planId)}/close`);
export const nameCreators = (planId: string, creatorIds: string[]) =>
  api<PlanSummary>('POST', `/merchant/affiliate/plans/${enc(planId)}/creators`, { body: { creatorIds } });
export const listShopApplications = (shopId: string, status: string | null) =>
  api<Answer<'/api/v1/merchant/shops/{shopId}/affiliate/applications', 'get'>>(
    'GET',
    `/merchant/shops/${enc(shopId)}/affiliate/applications`,
    { query: { status } },
  );
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
export const openActivities = () => api<Answer<'/api/v1/affiliate/activities', 'get'>>('GET', '/affiliate/activities');

// 达人 · 选品广场 · 橱窗 · 推广链接 · 收益 · MCN
export const marketplace = (q: string | null, cursor: string | null) =>
  api<MarketplacePage>('GET', '/creator/marketplace', { query: { q, cursor, limit: 20 } });
export const applyToPlan = (planId: string, note: string) =>
  api<Application>('POST', `/creator/affiliate/plans/${enc(planId)}/applications`, { body: note ? { note } : {} });
export const myApplications = () =>
  api<Answer<'/api/v1/creator/affiliate/applications', 'get'>>('GET', '/creator/affiliate/applications');
export const myShowcase = () => api<Answer<'/api/v1/creator/showcase', 'get'>>('GET', '/creator/showcase');
export const addToShowcase = (productId: string, activityId?: string) =>
  api<ShowcaseItem>('POST', '/creator/showcase', { body: activityId ? { productId, activityId } : { productId } });
export const removeFromShowcase = (productId: string) =>
  api<Answer<'/api/v1/creator/showcase/{productId}', 'delete'>>('DELETE', `/creator/showcase/${enc(productId)}`);
export const anchorProduct = (videoId: string, productId: string) =>
  api<Answer<'/api/v1/creator/videos/{videoId}/anchors', 'post'>>('POST', `/creator/videos/${enc(videoId)}/anchors`, {
    body: { productId },
  });
export const createLink = (productId: string, validDays: number) =>
  api<TrackedLink>('POST', '/creator/links', { body: { productId, validDays } });
export const myLinks = () => api<Answer<'/api/v1/creator/links', 'get'>>('GET', '/creator/links');
export const creatorEarnings = (groupBy: 'product' | 'video') =>
  api<PerformanceReport>('GET', '/creator/affiliate/earnings', { query: { groupBy } });
export const myContracts = () =>
  api<Answer<'/api/v1/affiliate/mcn-contracts', 'get'>>('GET', '/affiliate/mcn-contracts');
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
export const myActivities = () => api<Answer<'/api/v1/colonel/activities', 'get'>>('GET', '/colonel/activities');
export const activityProducts = (activityId: string, status: string | null) =>
  api<Answer<'/api/v1/colonel/activities/{activityId}/products', 'get'>>(
    'GET',
    `/colonel/activities/${enc(activityId)}/products`,
    { query: { status } },
  );
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
  api<Answer<'/api/v1/merchant/shops/{shopId}/products', 'get'>>('GET', `/merchant/shops/${enc(shopId)}/products`, {
    query: { status: 'listed', limit: 100 },
  });

/** A creator found by handle, display name or id (for naming creators in a plan or a contract). */
export type CreatorMatch = Answer<'/api/v1/affiliate/creators', 'get'>['items'][number];
export const searchCreators = (q: string) =>
  api<Answer<'/api/v1/affiliate/creators', 'get'>>('GET', '/affiliate/creators', { query: { q, limit: 10 } }).then(
    (r) => r.items,
  );

/** 待结算佣金: my part of orders attributed to me, paid and not settled yet. */
export type PendingCommission = Answer<'/api/v1/affiliate/pending-commission', 'get'>;
export type PendingCommissionOrder = PendingCommission['items'][number];
export const pendingCommission = (as: PendingCommission['party']) =>
  api<PendingCommission>('GET', '/affiliate/pending-commission', { query: { as } });
