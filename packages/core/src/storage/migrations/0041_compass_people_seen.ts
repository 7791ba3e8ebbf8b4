import { sql, type Kysely } from 'kysely';

/**
 * Compass (罗盘) distinct people at full size: each person's first and last Shanghai day seen per
 * scope, dimension value and kind. "Distinct people from a day up to the latest" is then one index
 * range count (`last_day >= from`) instead of a distinct count over every day's people rows. Kept
 * by the rollup consumer in the same transaction as the day rows; filled here from the day rows
 * already kept (so no recount is needed).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analytics_people_seen')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('dim_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('first_day', 'bigint', (c) => c.notNull())
    .addColumn('last_day', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_people_seen_pk', ['scope', 'scope_id', 'dim', 'dim_id', 'kind', 'person'])
    .execute();
  // A value's people seen since a day: one range of this index per kind.
  await db.schema
    .createIndex('analytics_people_seen_last')
    .on('analytics_people_seen')
    .columns(['scope', 'scope_id', 'dim', 'dim_id', 'kind', 'last_day'])
    .execute();
  await sql`insert into analytics_people_seen (scope, scope_id, dim, dim_id, kind, person, first_day, last_day)
    select scope, scope_id, dim, dim_id, kind, person, min(day), max(day) from analytics_people_daily
    group by scope, scope_id, dim, dim_id, kind, person`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analytics_people_seen').execute();
}
