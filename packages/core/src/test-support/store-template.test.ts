import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { openStorage, migrateToLatest, migrations } from '../storage/index.js';
import { copyMigratedSqlite, replayMigrations } from './store-template.js';
import { openTestCore, usingPostgres } from './harness.js';
import { cloningDatabases } from './pg-clone.js';

/** What a schema consists of, with its own name left out, so two schemas can be compared. */
async function pgCatalog(client: pg.Client, schema: string): Promise<Record<string, string[]>> {
  const q = async (text: string): Promise<string[]> =>
    (await client.query(text, [schema])).rows
      .map((r: Record<string, unknown>) => JSON.stringify(Object.values(r)).split(schema).join('<schema>'))
      .sort();
  const tables = await q(`select table_name from information_schema.tables where table_schema = $1`);
  const counts: string[] = [];
  for (const t of tables) {
    const name = JSON.parse(t)[0] as string;
    if (name === 'kysely_migration_lock') continue; // the migrator's own lock row, not data
    const { rows } = await client.query(`select count(*)::int as n from ${schema}."${name}"`);
    counts.push(`${name}=${rows[0].n}`);
  }
  return {
    tables,
    counts,
    columns: await q(
      `select table_name, column_name, data_type, is_nullable, column_default, ordinal_position from information_schema.columns where table_schema = $1`,
    ),
    indexes: await q(`select tablename, indexname, indexdef from pg_indexes where schemaname = $1`),
    constraints: await q(
      `select c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = $1`,
    ),
    functions: await q(
      `select p.proname, pg_get_functiondef(p.oid) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = $1`,
    ),
    triggers: await q(
      `select t.tgname, pg_get_triggerdef(t.oid) from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and not t.tgisinternal`,
    ),
    sequences: await q(
      `select sequence_name, data_type, start_value, increment from information_schema.sequences where sequence_schema = $1`,
    ),
    migrations: await q(`select name from ${schema}.kysely_migration where $1 <> ''`),
  };
}

test('a test store built from the template is the migrated schema, and each test gets its own', {
  timeout: 120_000,
}, async (t) => {
  const url = process.env.DATABASE_URL;
  if (url) {
    const migrated = `t_${randomBytes(6).toString('hex')}`;
    const replayed = `t_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-test-'));
    try {
      await client.query(`create schema ${migrated}`);
      await client.query(`create schema ${replayed}`);
      const storage = openStorage({ dataDir, databaseUrl: url, pgSchema: migrated, pgPoolSize: 2 });
      try {
        await migrateToLatest(storage.db, migrated);
      } finally {
        await storage.close();
      }
      await replayMigrations(url, replayed).catch(async (error: Error) => {
        // Seen rarely under load on a shared database ("schema … does not exist" mid-replay; the
        // harness falls back to migrating then): say so, and replay once more into the same schema.
        t.diagnostic(`first replay failed: ${error.message}`);
        await client.query(`drop schema if exists ${replayed} cascade`);
        await client.query(`create schema ${replayed}`);
        await replayMigrations(url, replayed);
      });
      const expected = await pgCatalog(client, migrated);
      assert.equal(expected.migrations?.length, Object.keys(migrations).length);
      assert.deepEqual(await pgCatalog(client, replayed), expected);
    } finally {
      await client.query(`drop schema if exists ${migrated} cascade`);
      await client.query(`drop schema if exists ${replayed} cascade`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    }
  } else {
    const fresh = mkdtempSync(join(tmpdir(), 'zhongcao-test-'));
    const copied = mkdtempSync(join(tmpdir(), 'zhongcao-test-'));
    try {
      const a = openStorage({ dataDir: fresh });
      await migrateToLatest(a.db);
      await copyMigratedSqlite(copied);
      const b = openStorage({ dataDir: copied });
      const shape = async (s: typeof a): Promise<string[]> =>
        (await sql<{ sql: string | null }>`select sql from sqlite_master order by name`.execute(s.db)).rows.map(
          (r) => r.sql ?? '',
        );
      const names = async (s: typeof a): Promise<string[]> =>
        (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(s.db)).rows.map(
          (r) => r.name,
        );
      try {
        assert.deepEqual(await shape(b), await shape(a));
        assert.deepEqual(await names(b), Object.keys(migrations).sort());
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      rmSync(fresh, { recursive: true, force: true });
      rmSync(copied, { recursive: true, force: true });
    }
  }
  // Two test stores do not share writes.
  const one = await openTestCore();
  const two = await openTestCore();
  try {
    await one.ctx.db.insertInto('settings').values({ key: 'template-probe', value: 'one' }).execute();
    const seen = await two.ctx.db.selectFrom('settings').select('value').where('key', '=', 'template-probe').execute();
    assert.deepEqual(seen, []);
    assert.equal(usingPostgres(), Boolean(url));
    // Each is migrated through the last migration: a copied file, a replayed schema, or on the
    // suite's private server a database of its own cloned from the template (pg-clone.ts).
    for (const core of [one, two]) {
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        core.ctx.db,
      );
      assert.deepEqual(
        rows.map((r) => r.name),
        Object.keys(migrations).sort(),
      );
    }
    if (cloningDatabases()) assert.notEqual(one.databaseUrl, two.databaseUrl);
    else assert.equal(one.databaseUrl, url);
  } finally {
    await one.dispose();
    await two.dispose();
  }
});
