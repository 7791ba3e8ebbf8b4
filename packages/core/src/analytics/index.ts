/** 罗盘 (Compass): the metric catalogue, rollups kept by a consumer of the committed rows, and the reports. */
export { CHANNELS, lineChannel, eventChannel, isChannel, type Channel } from './channels.js';
export {
  METRICS,
  METRIC_KEYS,
  metricDefinition,
  metricValues,
  emptyTotals,
  type MetricDefinition,
  type MetricKey,
  type MetricUnit,
  type Totals,
} from './metrics.js';
export {
  PRICE_BANDS,
  priceBandOf,
  type PriceBand,
  DIMENSIONS,
  SCOPES,
  SCOPE_DIMENSIONS,
  HOURLY_DIMENSIONS,
  keepsPeople,
  keepsDimension,
  ROLLUP_COUNTERS,
  aggregate,
  factKeys,
  type Dimension,
  type Scope,
  type Fact,
  type RollupDelta,
  type PeopleRow,
} from './aggregate.js';
export {
  dayRange,
  previousRange,
  checkDimension,
  MAX_RANGE_DAYS,
  type DayRange,
  type AnalyticsErrorCode,
} from './range.js';
export { shanghaiDate, parseShanghaiDate, hourOf } from './time-buckets.js';
export { factsInWindow, factsOf, type FactIds, type FactsSelection } from './facts.js';
export { runRollups, useRollupThread, rollupThreadOf, RollupThread } from './rollup-thread.js';
export {
  consumeRollupsFromStream,
  rollupsFedByStream,
  rowsNamedBy,
  ROLLUPS_CONSUMER,
  ROLLUP_TOPICS,
  HANDLED_KEPT_MS,
  FLOOR_SKEW_MS,
  type RollupStreamConsumer,
  type RollupStreamFigures,
} from './stream-consumer.js';
export {
  handleRollupMessage,
  handleRollupMessages,
  ROLLUP_BATCH_MESSAGES,
  ROLLUP_BATCH_ROWS,
  type RollupMessage,
  type RollupBatchResult,
} from './stream-batch.js';
export {
  SqlRollupStore,
  type RollupStore,
  type ScopeRef,
  type RollupQuery,
  type LiveActivity,
  type LiveMinuteRow,
} from './rollup-store.js';
export { consumeRollups, rebuildRollups, COMPASS_CURSOR, COMMIT_GRACE_MS, type ConsumeResult } from './consumer.js';
export {
  compassOverview,
  compassBreakdown,
  breakdownCsv,
  breakdownTable,
  resolveScope,
  BREAKDOWN_LIMIT,
  type Overview,
  type Breakdown,
  type BreakdownRow,
  type ReportQuery,
  type OverviewQuery,
} from './reports.js';
export {
  compassLiveRooms,
  compassLiveRoom,
  bestMoments,
  MAX_ROOM_MINUTES,
  LIVE_ROOMS_LIMIT,
  type LiveRoomSummary,
  type LiveRoomReport,
} from './live-reports.js';
