/**
 * A migrated store per test without running the migrations per test.
 *
 * Migrating a fresh store is most of a test's setup (about 30 migrations, ~380 statements; on
 * PostgreSQL each run also queues behind one advisory lock shared by every schema in the database).
 * Each test process migrates once and gives every test its own copy:
 * - SQLite: the migrated database file, copied into the test's own folder;
 * - PostgreSQL: the statements the migrator ran (recorded once, in a scratch schema that is dropped
 *   at once), replayed into the test's own fresh schema in one transaction, without the advisory
 *   lock (the schema is the test's alone). store-template.test.ts checks that the replay builds the
 *   same catalog as the migrator.
 * Nothing is shared between tests but the recording: every test still writes to a store of its own.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  Kysely,
  PostgresDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';
import pg from 'pg';
import { openStorage, migrateToLatest } from '../storage/index.js';

const DB_FILE = 'zhongcao.db';

let sqliteTemplate: Promise<string> | null = null;

/** The path of this process's migrated SQLite file (made on first use, removed at exit). */
function migratedSqliteFile(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhongcao-test-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const storage = openStorage({ dataDir: dir });
    await migrateToLatest(storage.db);
    await storage.close();
    return join(dir, DB_FILE);
  })();
  sqliteTemplate.catch(() => (sqliteTemplate = null));
  return sqliteTemplate;
}

/** Puts a migrated SQLite store into the (empty) data folder. */
export async function copyMigratedSqlite(dataDir: string): Promise<void> {
  const file = await migratedSqliteFile();
  copyFileSync(file, join(dataDir, DB_FILE));
  for (const suffix of ['-wal', '-shm'])
    if (existsSync(file + suffix)) copyFileSync(file + suffix, join(dataDir, DB_FILE + suffix));
}

interface Recorded {
  sql: string;
  parameters: readonly unknown[];
}

interface MigrationScript {
  /** The scratch schema's name, replaced by the target schema's in every statement. */
  placeholder: string;
  statements: Recorded[];
}

const scripts = new Map<string, Promise<MigrationScript>>();

/**
 * What the migrator asks of the catalog, limited to the scratch schema. Kysely's own introspector
 * reads every table of every schema and names each schema in `has_schema_privilege` and
 * `pg_get_serial_sequence`, which fail with "schema … does not exist" when another test drops its
 * schema meanwhile (the cause of the replays that used to fail under load: that query was recorded
 * and replayed into every test schema). Catalog reads are not replayed at all (see `replayable`).
 */
class ScratchIntrospector implements DatabaseIntrospector {
  constructor(
    private readonly db: Kysely<any>,
    private readonly schema: string,
  ) {}
  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`
      select nspname as name from pg_catalog.pg_namespace where nspname = ${this.schema}`.execute(this.db);
    return rows;
  }
  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; kind: string }>`
      select c.relname as name, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${this.schema} and c.relkind in ('r', 'p', 'v', 'm')`.execute(this.db);
    return rows.map((t) => ({
      name: t.name,
      schema: this.schema,
      isView: t.kind !== 'r' && t.kind !== 'p',
      columns: [],
    }));
  }
  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/** The migrator's own bookkeeping that a replay must not repeat: its lock, and its reads of the catalog. */
const replayable = (s: Recorded): boolean =>
  !/pg_advisory_(xact_)?(un)?lock/i.test(s.sql) && !/^\s*select\b[\s\S]*"?pg_catalog"?\./i.test(s.sql);

/** Runs the migrations once into a scratch schema, recording each statement, and drops the schema. */
function migrationScript(url: string): Promise<MigrationScript> {
  let script = scripts.get(url);
  if (!script) {
    script = (async () => {
      const placeholder = `t_tpl_${randomBytes(8).toString('hex')}`;
      const statements: Recorded[] = [];
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`create schema ${placeholder}`);
        const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${placeholder}` });
        const db = new Kysely<unknown>({
          dialect: new (class extends PostgresDialect {
            override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
              return new ScratchIntrospector(db, placeholder);
            }
          })({ pool }),
          log: (event) => {
            if (event.level === 'query') statements.push({ sql: event.query.sql, parameters: event.query.parameters });
          },
        });
        try {
          await migrateToLatest(db, placeholder);
        } finally {
          await db.destroy();
        }
      } finally {
        await admin.query(`drop schema if exists ${placeholder} cascade`).catch(() => {});
        await admin.end();
      }
      return { placeholder, statements: statements.filter(replayable) };
    })();
    script.catch(() => scripts.delete(url));
    scripts.set(url, script);
  }
  return script;
}

/** Builds the migrated schema into `schema` (which exists and is empty) in one transaction. */
export async function replayMigrations(url: string, schema: string): Promise<void> {
  const { placeholder, statements } = await migrationScript(url);
  const rename = (v: string): string => v.split(placeholder).join(schema);
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query('begin');
    let batch: string[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length) await client.query(batch.join(';\n'));
      batch = [];
    };
    for (const s of statements) {
      if (s.parameters.length === 0) {
        batch.push(rename(s.sql));
        continue;
      }
      await flush();
      await client.query(rename(s.sql), s.parameters.map((p) => (typeof p === 'string' ? rename(p) : p)) as unknown[]);
    }
    await flush();
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
