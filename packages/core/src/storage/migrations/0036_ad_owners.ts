import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect-of.js';

/**
 * Ad accounts, top-ups, campaigns and served ads belong to an owner `{ kind: 'shop' | 'creator', id }`
 * instead of a shop: `shop_id` becomes `owner_id` (no longer a reference to shops) beside a new
 * `owner_kind`, and every existing row becomes a shop's. An ad account is keyed by both.
 *  - PostgreSQL: altered in place (rename, drop the shop reference and the old key).
 *  - SQLite cannot drop a column's reference, so the three referencing tables are rebuilt from
 *    their own definitions with foreign keys off for the copy (SQLite runs migrations outside a
 *    transaction), in one transaction, and the references are checked before it commits.
 */
const TABLES = ['ad_accounts', 'ad_topups', 'ad_campaigns'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const t of TABLES) {
      await sql`alter table ${sql.table(t)} drop constraint if exists ${sql.id(`${t}_shop_id_fkey`)}`.execute(db);
      await sql`alter table ${sql.table(t)} rename column shop_id to owner_id`.execute(db);
      await sql`alter table ${sql.table(t)} add column owner_kind text not null default 'shop'`.execute(db);
    }
    await sql`alter table ad_accounts drop constraint ad_accounts_pkey`.execute(db);
    await sql`alter table ad_accounts add constraint ad_accounts_pkey primary key (owner_kind, owner_id)`.execute(db);
  } else {
    await sql`pragma foreign_keys = off`.execute(db);
    try {
      await sql`begin`.execute(db);
      try {
        for (const t of TABLES) await rebuildSqlite(db, t);
        const broken = await sql<{ table: string }>`pragma foreign_key_check`.execute(db);
        if (broken.rows.length)
          throw new Error(`foreign keys broken by 0036: ${JSON.stringify(broken.rows.slice(0, 5))}`);
        await sql`commit`.execute(db);
      } catch (e) {
        await sql`rollback`.execute(db);
        throw e;
      }
    } finally {
      await sql`pragma foreign_keys = on`.execute(db);
    }
  }
  // ad_serves.shop_id never referenced shops: renamed in place on both.
  await sql`alter table ad_serves rename column shop_id to owner_id`.execute(db);
  await db.schema
    .alterTable('ad_serves')
    .addColumn('owner_kind', 'text', (c) => c.notNull().defaultTo('shop'))
    .execute();
  await db.schema.dropIndex('ad_topups_shop').ifExists().execute();
  await db.schema.dropIndex('ad_campaigns_shop').ifExists().execute();
  await db.schema.createIndex('ad_topups_owner').on('ad_topups').columns(['owner_kind', 'owner_id', 'id']).execute();
  await db.schema
    .createIndex('ad_campaigns_owner')
    .on('ad_campaigns')
    .columns(['owner_kind', 'owner_id', 'id'])
    .execute();
  if (dialectOf(db) === 'sqlite')
    await db.schema.createIndex('ad_campaigns_status').ifNotExists().on('ad_campaigns').column('status').execute();
}

/** SQLite: the table again from its own CREATE statement, with `shop_id … references shops` as `owner_kind, owner_id`. */
async function rebuildSqlite(db: Kysely<any>, table: string): Promise<void> {
  const def = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  const create = def.rows[0]?.sql;
  if (!create) throw new Error(`0036: no table ${table}`);
  // ad_accounts: `"shop_id" text primary key references …`; the others: `"shop_id" text not null references …`.
  const shopColumn = /"shop_id" text (primary key|not null) references "shops" \("id"\)/;
  if (!shopColumn.test(create)) throw new Error(`0036: unexpected definition of ${table}: ${create}`);
  const next = create
    .replace(`CREATE TABLE "${table}"`, `CREATE TABLE "${table}_0036"`)
    .replace(shopColumn, `"owner_kind" text not null default 'shop', "owner_id" text not null`);
  const withKey =
    table === 'ad_accounts'
      ? next.replace(/\)\s*$/, `, constraint "ad_accounts_pk" primary key ("owner_kind", "owner_id"))`)
      : next;
  if (!withKey.startsWith(`CREATE TABLE "${table}_0036"`)) throw new Error(`0036: could not rewrite ${table}`);
  await sql.raw(withKey).execute(db);
  const cols = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows.map(
    (r) => r.name,
  );
  const target = cols.map((c) => (c === 'shop_id' ? 'owner_id' : c));
  const list = (xs: string[]) => xs.map((x) => `"${x}"`).join(', ');
  await sql
    .raw(`insert into "${table}_0036" (${list(target)}, "owner_kind") select ${list(cols)}, 'shop' from "${table}"`)
    .execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${table}_0036" rename to "${table}"`).execute(db);
}
