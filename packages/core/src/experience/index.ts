/** The experience score (商家体验分): indicators, scoring against category peers, what it decides, the nightly and on-demand computation. */
export {
  BOOST_AT,
  BOOST_MULTIPLIER,
  CUT_BELOW,
  CUT_MULTIPLIER,
  FAST_SETTLE_DAYS,
  MARKETPLACE_MIN,
  PAID_TRAFFIC_MIN,
  engineMultiplier,
  gatesOf,
  marketplaceAllowed,
  paidTrafficAllowed,
  settleCapDays,
  type Gates,
} from './gates.js';
export {
  DEFAULT_DIMENSION_WEIGHTS,
  DELIVERY_PROMISE_HOURS,
  DIMENSIONS as EXPERIENCE_DIMENSIONS,
  INDICATOR_KEYS,
  INDICATORS,
  MIN_ORDERS,
  MIN_PEERS,
  WINDOW_DAYS,
  type Dimension as ExperienceDimension,
  type IndicatorDef,
  type IndicatorKey,
} from './indicators.js';
export {
  benchmarkFrom,
  improvements,
  indicatorScore,
  scoreShops,
  type Benchmark,
  type IndicatorResult,
  type Ratio,
  type ScoreStatus,
  type ShopCounts,
  type ShopScore,
} from './scoring.js';
export { defaultWeights, mergeWeights, weightsProblem, type ExperienceWeights } from './weights.js';
export { shopCounts, type ImFigures, type ImFiguresSource, type Window as ExperienceWindow } from './figures.js';
export {
  categoryWeights,
  currentExperienceTotals,
  dailyScoring as dailyExperienceScoring,
  listExperienceScores,
  recomputeAllExperience,
  recomputeShopExperience,
  scoreAllShops,
  scoreShopsDaily,
  setCategoryWeights,
  shanghaiDay,
  shopExperience,
  RECOMPUTE_EVERY_MS,
  type DailyScoring as DailyExperienceScoring,
  type ExperienceErrorCode,
  type ExperienceOptions,
  type ExperienceView,
  type ScoreListItem,
} from './service.js';
export { syncExperienceMultipliers } from './feed-boost.js';
