import { sql, type Kysely } from 'kysely';

/**
 * Compass (罗盘): first and last days seen are kept for the totals and channels only (the values
 * with many people each); a product's or video's distinct people are counted from the day rows.
 * The rows kept for the other dimensions are no longer read or maintained.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`delete from analytics_people_seen where dim not in ('total', 'channel')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`insert into analytics_people_seen (scope, scope_id, dim, dim_id, kind, person, first_day, last_day)
    select scope, scope_id, dim, dim_id, kind, person, min(day), max(day) from analytics_people_daily
    where dim not in ('total', 'channel')
    group by scope, scope_id, dim, dim_id, kind, person`.execute(db);
}
