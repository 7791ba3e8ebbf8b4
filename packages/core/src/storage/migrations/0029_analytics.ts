import type { Kysely } from 'kysely';

/**
 * Compass (罗盘) rollups: counters per hour, scope (platform, a shop, a creator) and dimension
 * (total, channel, product, video, live room, creator, shop, category); the distinct people
 * behind the people-counted metrics; the consumer's cursor. Indexes on the raw rows' commit
 * times let the consumer and a rebuild read time windows without scanning.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';
  const counter = 'bigint';

  let rollups = s
    .createTable('analytics_rollups')
    .addColumn('hour', ms, (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('dim_id', 'text', (c) => c.notNull());
  for (const col of ROLLUP_COUNTERS) rollups = rollups.addColumn(col, counter, (c) => c.notNull().defaultTo(0));
  await rollups
    .addPrimaryKeyConstraint('analytics_rollups_pk', ['scope', 'scope_id', 'dim', 'hour', 'dim_id'])
    .execute();

  await s
    .createTable('analytics_people')
    .addColumn('hour', ms, (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('dim_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_people_pk', ['scope', 'scope_id', 'dim', 'kind', 'hour', 'dim_id', 'person'])
    .execute();

  await s
    .createTable('analytics_cursors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await s.createIndex('analytics_events_received').on('events').column('received_at').execute();
  await s.createIndex('analytics_orders_paid').on('orders').column('paid_at').execute();
  await s.createIndex('analytics_refunds_completed').on('refunds').column('completed_at').execute();
  await s.createIndex('analytics_favourites_created').on('favourites').column('created_at').execute();
  await s.createIndex('analytics_reviews_created').on('reviews').column('created_at').execute();
  await s.createIndex('analytics_cases_created').on('aftersales_cases').column('created_at').execute();
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
] as const;

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of [
    'analytics_events_received',
    'analytics_orders_paid',
    'analytics_refunds_completed',
    'analytics_favourites_created',
    'analytics_reviews_created',
    'analytics_cases_created',
  ]) {
    await db.schema.dropIndex(i).ifExists().execute();
  }
  await db.schema.dropTable('analytics_cursors').execute();
  await db.schema.dropTable('analytics_people').execute();
  await db.schema.dropTable('analytics_rollups').execute();
}
