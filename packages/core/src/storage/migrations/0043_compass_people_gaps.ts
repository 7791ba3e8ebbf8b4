import { sql, type Kysely } from 'kysely';

/** Mirrors `GAP_DIMENSIONS` and `GAP_CAP_DAYS` of analytics/people-gaps.ts as they were when this ran. */
const DENSE = sql`('total', 'channel')`;
const CAP = 90;
const DAY_MS = 86_400_000;

/**
 * Compass (罗盘) distinct people over any range of days without a distinct count: per value, kind
 * and Shanghai day, how many people were seen after a gap of so many days since they were last
 * seen (capped at 90 days, which also stands for a first sight). People over [A, B) are the sum of
 * its days' rows whose gap reaches back before A. Kept for the totals and channels only (the dense
 * values); filled here from the day rows kept. The first and last days seen are now kept for those
 * values only (the consumer reads them to place a person's new day), and no read asks "seen since
 * a day" of them any more, so their `last_day` index goes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analytics_people_gaps')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('dim_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('day', 'bigint', (c) => c.notNull())
    .addColumn('gap', 'integer', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_people_gaps_pk', ['scope', 'scope_id', 'dim', 'dim_id', 'kind', 'day', 'gap'])
    .execute();
  await sql`insert into analytics_people_gaps (scope, scope_id, dim, dim_id, kind, day, gap, n)
    select scope, scope_id, dim, dim_id, kind, day, gap, count(*) from (
      select scope, scope_id, dim, dim_id, kind, day,
        case when prev is null or day - prev >= ${sql.lit(CAP * DAY_MS)} then ${sql.lit(CAP)}
          else (day - prev) / ${sql.lit(DAY_MS)} end as gap
      from (
        select scope, scope_id, dim, dim_id, kind, day,
          lag(day) over (partition by scope, scope_id, dim, dim_id, kind, person order by day) as prev
        from analytics_people_daily where dim in ${DENSE}
      ) d
    ) g
    group by scope, scope_id, dim, dim_id, kind, day, gap`.execute(db);
  await sql`delete from analytics_people_seen where dim not in ${DENSE}`.execute(db);
  await db.schema.dropIndex('analytics_people_seen_last').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analytics_people_gaps').execute();
  await sql`insert into analytics_people_seen (scope, scope_id, dim, dim_id, kind, person, first_day, last_day)
    select scope, scope_id, dim, dim_id, kind, person, min(day), max(day) from analytics_people_daily
    where dim not in ${DENSE} group by scope, scope_id, dim, dim_id, kind, person`.execute(db);
  await db.schema
    .createIndex('analytics_people_seen_last')
    .on('analytics_people_seen')
    .columns(['scope', 'scope_id', 'dim', 'dim_id', 'kind', 'last_day'])
    .execute();
}
