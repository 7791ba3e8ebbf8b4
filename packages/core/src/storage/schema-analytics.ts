/** Row types of the analytics (罗盘) tables (merged into `Database` in schema.ts). */

/** Counters of one hour (UTC epoch ms of its start), scope and dimension value (the dimensions charted by hour). */
export interface AnalyticsRollupsTable {
  hour: number;
  scope: string; // platform | shop | creator
  scope_id: string; // '' for the platform
  dim: string; // total | channel | product | video | live | creator | shop | category
  dim_id: string; // '' for total
  gmv_fen: number;
  orders: number;
  items: number;
  refund_fen: number;
  refunds: number;
  impressions: number;
  clicks: number;
  favourites: number;
  reviews: number;
  bad_reviews: number;
  quality_returns: number;
  commission_fen: number;
  fee_fen: number;
  carts: number;
}

/** Counters of one Shanghai day (UTC epoch ms of its start), scope and dimension value (every dimension). */
export type AnalyticsRollupsDailyTable = Omit<AnalyticsRollupsTable, 'hour'> & { day: number };

/** The distinct people of one Shanghai day, scope, dimension value and kind. */
export type AnalyticsPeopleDailyTable = Omit<AnalyticsPeopleTable, 'hour'> & { day: number };

/** The distinct people behind buyers, people shown a card and people who tapped one (per hour). */
export interface AnalyticsPeopleTable {
  hour: number;
  scope: string;
  scope_id: string;
  dim: string;
  dim_id: string;
  kind: string; // buyer | impression | click
  person: string;
}

/** A person's first and last Shanghai day seen per scope, value and kind, for the values that keep gap rows (totals and channels). */
export interface AnalyticsPeopleSeenTable {
  scope: string;
  scope_id: string;
  dim: string;
  dim_id: string;
  kind: string;
  person: string;
  first_day: number;
  last_day: number;
}

/** Per value (totals and channels), kind and Shanghai day: how many people were seen after a gap of `gap` days (capped at 90: also a first sight). */
export interface AnalyticsPeopleGapsTable {
  scope: string;
  scope_id: string;
  dim: string;
  dim_id: string;
  kind: string;
  day: number;
  gap: number;
  n: number;
}

/** How far the rollup consumer has read (a commit-time watermark, epoch ms). */
export interface AnalyticsCursorsTable {
  name: string;
  position: number;
  updated_at: number;
}

/** A live room's minute (UTC epoch ms of its start): peak viewers online, entries, comments (from the room's process), orders and GMV (from the paid lines credited to the room). */
export interface AnalyticsLiveMinutesTable {
  room_id: string;
  minute: number;
  viewers: number;
  entries: number;
  comments: number;
  orders: number;
  gmv_fen: number;
}

/** A live room's minute as one process saw it: the peak of its own connections (the minute's viewers are the sum over processes). */
export interface AnalyticsLiveViewersTable {
  room_id: string;
  minute: number;
  process: string;
  viewers: number;
}

/** Scaled mode: a stream message whose facts the rollups hold (written with their deltas; pruned past the stream's retention). */
export interface AnalyticsStreamHandledTable {
  id: string;
  handled_at: number;
}

export interface AnalyticsTables {
  analytics_stream_handled: AnalyticsStreamHandledTable;
  analytics_live_viewers: AnalyticsLiveViewersTable;
  analytics_live_minutes: AnalyticsLiveMinutesTable;
  analytics_rollups: AnalyticsRollupsTable;
  analytics_people: AnalyticsPeopleTable;
  analytics_rollups_daily: AnalyticsRollupsDailyTable;
  analytics_people_daily: AnalyticsPeopleDailyTable;
  analytics_people_seen: AnalyticsPeopleSeenTable;
  analytics_people_gaps: AnalyticsPeopleGapsTable;
  analytics_cursors: AnalyticsCursorsTable;
}
