/**
 * A PostgreSQL database per test, cloned from a migrated template database.
 *
 * `CREATE DATABASE … TEMPLATE` copies the template's files: no DDL runs per test, where building a
 * schema (replaying ~400 statements) and dropping it again used to be most of a test's time on
 * PostgreSQL. Only on a private, throw-away server: `DROP DATABASE` forces a checkpoint, which on a
 * shared server with fsync on waits for every other client's writes (seconds to a minute under
 * load). scripts/test-pg.mjs starts such a server (initdb, fsync off) and sets TEST_PG_CLONE=1;
 * without it the harness gives each test a schema of its own in DATABASE_URL's database, as before.
 *
 * The template is built once per server and migration set (the first test process to need it
 * builds it under an advisory lock, the others wait): a scratch database migrated by the usual
 * migrator, renamed to the template's name when complete, so a half-built one is never cloned.
 */
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { openStorage, migrateToLatest, migrations } from '../storage/index.js';

/** The schema every cloned store uses (each test has a database of its own). */
export const CLONE_SCHEMA = 'zhongcao';

/** Whether the tests clone databases (a private server started by scripts/test-pg.mjs). */
export const cloningDatabases = (): boolean => process.env.TEST_PG_CLONE === '1' && Boolean(process.env.DATABASE_URL);

/** An arbitrary, fixed key for the template builders' advisory lock. */
const TEMPLATE_LOCK = 7_314_002_611;

const templateName = (): string =>
  `zc_template_${createHash('sha256').update(Object.keys(migrations).join(',')).digest('hex').slice(0, 12)}`;

/** The URL of another database on the same server. */
function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const templates = new Map<string, Promise<string>>();

/** The migrated template database on the server of `url` (built if it does not exist yet). */
function migratedTemplate(url: string): Promise<string> {
  let template = templates.get(url);
  if (!template) {
    template = withClient(url, async (admin) => {
      const name = templateName();
      await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
      try {
        const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
        if (rowCount) return name;
        const scratch = `zc_building_${randomBytes(6).toString('hex')}`;
        await admin.query(`create database ${scratch}`);
        try {
          await withClient(databaseUrl(url, scratch), (c) => c.query(`create schema ${CLONE_SCHEMA}`));
          const storage = openStorage({
            dataDir: tmpdir(), // unused on PostgreSQL
            databaseUrl: databaseUrl(url, scratch),
            pgSchema: CLONE_SCHEMA,
            pgPoolSize: 1,
          });
          try {
            await migrateToLatest(storage.db, CLONE_SCHEMA);
          } finally {
            await storage.close();
          }
          await admin.query(`alter database ${scratch} rename to ${name}`);
        } catch (error) {
          await admin.query(`drop database if exists ${scratch} with (force)`).catch(() => {});
          throw error;
        }
        return name;
      } finally {
        await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
      }
    });
    template.catch(() => templates.delete(url));
    templates.set(url, template);
  }
  return template;
}

export interface ClonedStore {
  /** The URL of the test's own database. */
  url: string;
  schema: string;
  /** Drops the database (its connections are closed first if any were left open). */
  drop(): Promise<void>;
}

/** A fresh database holding a migrated store, cloned from the template. */
export async function cloneMigratedDatabase(url: string): Promise<ClonedStore> {
  const template = await migratedTemplate(url);
  const name = `zc_t_${randomBytes(6).toString('hex')}`;
  await withClient(url, (admin) => admin.query(`create database ${name} template ${template}`));
  return {
    url: databaseUrl(url, name),
    schema: CLONE_SCHEMA,
    drop: () => withClient(url, (admin) => admin.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

/**
 * A fresh database on the server of `url` holding a copy of the database `sourceUrl` names (a
 * store closed first: no client may be connected to a template).
 */
export async function cloneDatabase(url: string, sourceUrl: string): Promise<ClonedStore> {
  const source = new URL(sourceUrl).pathname.slice(1);
  const name = `zc_t_${randomBytes(6).toString('hex')}`;
  await withClient(url, (admin) => admin.query(`create database ${name} template ${source}`));
  return {
    url: databaseUrl(url, name),
    schema: CLONE_SCHEMA,
    drop: () => withClient(url, (admin) => admin.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}
