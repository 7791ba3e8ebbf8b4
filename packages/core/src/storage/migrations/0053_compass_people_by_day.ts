import { sql, type Kysely } from 'kysely';

/**
 * Compass (罗盘) day people rows keyed by day before the value: (scope, scope_id, dim, kind, day,
 * dim_id, person), the order the hour rows have had from the start. The rows an event adds all
 * fall on today, so keyed value-first every event's people landed on pages spread over the whole
 * table (one per value it touched); keyed day-first they land in today's part of the key space,
 * and a transaction of the consumer dirties a few pages instead of one per row (about a third of
 * the log written per commit, measured). Reads of a value over a range name its days (`day in …`)
 * so they still seek. The table is rebuilt under the new key; its rows are unchanged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table analytics_people_daily rename to analytics_people_daily_by_value`.execute(db);
  await createTable(db, 'analytics_people_daily_by_day', [
    'scope',
    'scope_id',
    'dim',
    'kind',
    'day',
    'dim_id',
    'person',
  ]);
  await sql`insert into analytics_people_daily (day, scope, scope_id, dim, dim_id, kind, person)
    select day, scope, scope_id, dim, dim_id, kind, person from analytics_people_daily_by_value`.execute(db);
  await db.schema.dropTable('analytics_people_daily_by_value').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table analytics_people_daily rename to analytics_people_daily_old`.execute(db);
  await createTable(db, 'analytics_people_daily_pk', ['scope', 'scope_id', 'dim', 'dim_id', 'kind', 'day', 'person']);
  await sql`insert into analytics_people_daily (day, scope, scope_id, dim, dim_id, kind, person)
    select day, scope, scope_id, dim, dim_id, kind, person from analytics_people_daily_old`.execute(db);
  await db.schema.dropTable('analytics_people_daily_old').execute();
}

type PeopleColumn = 'day' | 'scope' | 'scope_id' | 'dim' | 'dim_id' | 'kind' | 'person';

/** The day people table under a key of the given order (the key's name must be free: PostgreSQL names the index after it). */
async function createTable(db: Kysely<any>, keyName: string, key: PeopleColumn[]): Promise<void> {
  await db.schema
    .createTable('analytics_people_daily')
    .addColumn('day', 'bigint', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('dim_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(keyName, key)
    .execute();
}
