import type { Kysely } from 'kysely';

/**
 * Compass (罗盘) at full size: the rollups and the distinct people per Shanghai day get tables of
 * their own (every dimension; the hourly tables keep only the dimensions charted by hour), so a
 * 90-day view reads one row per day and value instead of 24. The consumer keeps both in the same
 * transaction. A live room's minute keeps each process's viewers, so the minute's figure is their
 * sum (viewers connected to different processes at once all count). The consumer's cursor is dropped: its next run recounts everything from the raw
 * rows into the new layout (a window at a time, as on a first start).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  let daily = s
    .createTable('analytics_rollups_daily')
    .addColumn('day', 'bigint', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('dim_id', 'text', (c) => c.notNull());
  for (const col of ROLLUP_COUNTERS) daily = daily.addColumn(col, 'bigint', (c) => c.notNull().defaultTo(0));
  // Rankings and splits: one scope's dimension over a range of days, grouped by value.
  await daily
    .addPrimaryKeyConstraint('analytics_rollups_daily_pk', ['scope', 'scope_id', 'dim', 'day', 'dim_id'])
    .execute();
  // One value's trend (a product's, a video's) over a range of days.
  await s
    .createIndex('analytics_rollups_daily_value')
    .on('analytics_rollups_daily')
    .columns(['scope', 'scope_id', 'dim', 'dim_id', 'day'])
    .execute();

  // Distinct people per value, kind and day: a value's people over a range are one index range.
  await s
    .createTable('analytics_people_daily')
    .addColumn('day', 'bigint', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('dim_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_people_daily_pk', [
      'scope',
      'scope_id',
      'dim',
      'dim_id',
      'kind',
      'day',
      'person',
    ])
    .execute();

  // A live room's viewers per minute as each process saw them (its own connections' peak); the
  // minute's figure is their sum, rewritten on each hand-over (a room's viewers may be spread over processes).
  await s
    .createTable('analytics_live_viewers')
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('minute', 'bigint', (c) => c.notNull())
    .addColumn('process', 'text', (c) => c.notNull())
    .addColumn('viewers', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_live_viewers_pk', ['room_id', 'minute', 'process'])
    .execute();

  // The old layout kept the day rows of the daily dimensions in the hourly tables: recounted.
  await db.deleteFrom('analytics_cursors').where('name', '=', 'compass').execute();
  await db.deleteFrom('analytics_rollups').execute();
  await db.deleteFrom('analytics_people').execute();
}

/** Kept in step with ROLLUP_COUNTERS in analytics/aggregate.ts (a migration never imports live code). */
const ROLLUP_COUNTERS = [
  'gmv_fen',
  'orders',
  'items',
  'refund_fen',
  'refunds',
  'impressions',
  'clicks',
  'favourites',
  'reviews',
  'bad_reviews',
  'quality_returns',
  'commission_fen',
  'fee_fen',
  'carts',
] as const;

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('analytics_cursors').where('name', '=', 'compass').execute();
  await db.schema.dropTable('analytics_live_viewers').execute();
  await db.schema.dropTable('analytics_people_daily').execute();
  await db.schema.dropTable('analytics_rollups_daily').execute();
}
