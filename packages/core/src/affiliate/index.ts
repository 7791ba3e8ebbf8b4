// The affiliate module's public surface (精选联盟: plans, attribution, showcases, links, colonels, MCNs).
export { type Attribution, TOUCH_SOURCES, type TouchSource, type Touch, pickTouch } from './attribution-rules.js';
export {
  type McnTerms,
  type AffiliateContext,
  type ContextQuery,
  loadAffiliateContext,
  standingOf,
} from './affiliate-context.js';
export {
  PLAN_KINDS,
  type PlanKind,
  PLAN_RATE_RANGE,
  type AffiliateRules,
  DEFAULT_AFFILIATE_RULES,
  COLONEL_LIMITS,
  type ActivityTerms,
  rateOutOfRange,
  planRateRange,
  checkPlanRate,
  checkActivityTerms,
  LINK_TOKEN_PATTERN,
  MCN_SHARE_RANGE,
  MCN_MAX_PERIOD_MS,
} from './affiliate-rules.js';
export {
  type RateChangeKind,
  type RateChange,
  nextShanghaiMidnight,
  changeInForce,
  rateInForce,
  type RateAt,
  rateFor,
  type ChangeRequest,
  type PlannedChange,
  planRateChange,
} from './rate-changes.js';
export {
  type PlanView,
  type CreatorStanding,
  type Candidate,
  type ChoiceReason,
  type PlanChoice,
  KIND_PRIORITY,
  choosePlan,
} from './plan-selection.js';
export { type LineSnapshot, unattributed, type DecisionInput, decideLine } from './commission-decision.js';
export { type ResolverLine, resolveCommissions } from './resolver.js';
export {
  type PlanRow,
  type PlanState,
  type PlanSummary,
  planState,
  toChange,
  planChanges,
  summarize,
  activityTerms,
  lockOwnPlan,
  loadPlan,
  requireLive,
} from './plan-store.js';
export {
  MAX_NAMED_CREATORS,
  PLAN_NAME_MAX,
  type PlanInput,
  createPlan,
  type RateChangeResult,
  changePlanRate,
  closePlan,
  addTargetedCreators,
  loadSummaries,
} from './plans.js';
export { type ShopPlanQuery, listShopPlans, type PlanDetail, planDetail } from './plan-views.js';
export {
  type ApplicationView,
  APPLICATION_NOTE_MAX,
  applyToPlan,
  decideApplication,
  listShopApplications,
  myApplications,
} from './applications.js';
export { type OfferQuery, offers, requireOpen } from './offers.js';
export {
  MAX_SHOWCASE,
  type ShowcaseInput,
  type ShowcaseItem,
  addToShowcase,
  ensureInShowcase,
  removeFromShowcase,
  myShowcase,
  publicShowcase,
  anchorProduct,
} from './showcase.js';
export {
  encodeLinkToken,
  decodeLinkToken,
  type LinkView,
  createLink,
  myLinks,
  type OpenedLink,
  openLink,
} from './links.js';
export {
  type ActivityInput,
  type ActivityView,
  ACTIVITY_NAME_MAX,
  createActivity,
  myActivities,
  openActivities,
  applyToActivity,
  type ActivityApplication,
  activityApplications,
  decideActivityProduct,
} from './colonels.js';
export {
  type ContractView,
  proposeContract,
  acceptContract,
  declineContract,
  endContract,
  myContracts,
} from './mcn.js';
export { type MarketplaceQuery, type MarketplaceItem, MARKETPLACE_QUERY_MAX, marketplace } from './marketplace.js';
export {
  type GroupBy,
  type PerformanceQuery,
  type PerformanceRow,
  type PerformanceReport,
  shopAffiliatePerformance,
  creatorEarnings,
  mcnPerformance,
  colonelPerformance,
} from './performance.js';
export { requireAffiliateParty } from './access.js';
export {
  SAMPLE_COOLDOWN_MS,
  SAMPLE_NOTE_MAX,
  SAMPLE_PAGE_MAX,
  type SampleStatus,
  SAMPLE_STATUSES,
  type SampleRequestInput,
  type SampleRequestView,
  requestSample,
  decideSample,
  cancelSample,
  mySamples,
  shopSamples,
} from './samples.js';
export {
  type CreatorMatch,
  CREATOR_SEARCH_MAX,
  CREATOR_SEARCH_QUERY_MAX,
  searchCreators,
} from './creator-search.js';
export {
  type CommissionParty,
  type PendingCommissionOrder,
  type PendingCommission,
  pendingCommission,
} from './pending-commission.js';
