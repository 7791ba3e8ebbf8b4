/**
 * For the migrations' own tests: an empty store (SQLite in a temporary folder, or a fresh schema
 * when DATABASE_URL is set) and a migrator that runs the migrations up to a given one, so a test
 * can write rows the way an older schema held them and then run the next migration over them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Migrator, type Kysely } from 'kysely';
import pg from 'pg';
import { migrations, openStorage, type Dialect } from '../storage/index.js';

export interface EmptyStore {
  db: Kysely<any>;
  dialect: Dialect;
  /** The PostgreSQL schema (undefined on SQLite). */
  schema: string | undefined;
  /** A migrator over the migrations up to and including `last` (by name order); all of them without it. */
  upTo(last?: string): Migrator;
  dispose(): Promise<void>;
}

async function admin(url: string, q: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(q);
  } finally {
    await client.end();
  }
}

export async function emptyStore(options: { pgPoolSize?: number } = {}): Promise<EmptyStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-mig-'));
  const url = process.env.DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  if (url && schema) await admin(url, `create schema ${schema}`);
  const storage = openStorage({ dataDir, databaseUrl: url, pgSchema: schema, ...options });
  const db = storage.db as unknown as Kysely<any>;
  const names = Object.keys(migrations).sort();
  return {
    db,
    dialect: storage.dialect,
    schema,
    upTo: (last) =>
      new Migrator({
        db,
        provider: {
          getMigrations: async () =>
            Object.fromEntries(names.filter((n) => last === undefined || n <= last).map((n) => [n, migrations[n]!])),
        },
        ...(schema ? { migrationTableSchema: schema } : {}),
      }),
    async dispose() {
      await storage.close();
      if (url && schema) await admin(url, `drop schema if exists ${schema} cascade`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
