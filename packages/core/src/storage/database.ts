import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type DatabaseIntrospector } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { startCheckpointer } from './checkpointer.js';
import { registerReadAside, startReadAside, type ReadAside, type ReadAsideLane } from './read-aside.js';
import { SearchPathIntrospector } from './pg-introspector.js';
import { registerStoreAccess } from './store-access.js';
import { createRuntime } from '../platform/index.js';
import { FifoSqliteDialect } from './fifo-sqlite.js';
import { countStatement } from './statement-count.js';
import { wantsArrayRows } from './array-rows.js';
import { cachingStatements } from './statement-cache.js';
import { WriteGate, writeClassifier } from './write-gate.js';

export type Dialect = 'sqlite' | 'postgres';

export interface StorageOptions {
  /** Data directory; the SQLite file lives at `<dataDir>/zhongcao.db`. */
  dataDir: string;
  /** When set, PostgreSQL is used instead of SQLite. */
  databaseUrl?: string | undefined;
  /** PostgreSQL schema to use (tests isolate themselves with one). */
  pgSchema?: string | undefined;
  /** Size of the PostgreSQL pool. */
  pgPoolSize?: number | undefined;
  /** Told when PostgreSQL drops an idle connection (default: a warning on stderr). */
  onConnectionLost?: ((err: Error) => void) | undefined;
}

export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL schema in use, when one was chosen. */
  schema?: string | undefined;
  close(): Promise<void>;
}

/** The page cache of the store's main connection, KiB. */
const SQLITE_CACHE_KIB = 64 * 1024;

/** Opens the store: SQLite (WAL) under the data directory by default, PostgreSQL with a URL. */
export function openStorage(options: StorageOptions): Storage {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, 'zhongcao.db');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('journal_size_limit = 67108864');
  sqlite.pragma('temp_store = MEMORY');
  // SQLite's own page cache (2 MiB by default): the rollups' and events' indexes take writes all
  // over their B-trees, and with the default each of those reads its pages from the file again.
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const checkpointer = startCheckpointer(sqlite, file, driver);
  // Taken before each write, so a thread writing to this file (the 罗盘's rollups) is waited for off the event loop.
  const gate = new WriteGate();
  const db = new Kysely<Database>({
    dialect: new FifoSqliteDialect({ database: cachingStatements(sqlite) }, () => checkpointer.pauseIfDue(), {
      gate,
      writes: writeClassifier((sql) => sqlite.prepare(sql)),
    }),
  });
  // Started on first use, one per lane: most stores (tests, one-off commands) never send a query aside.
  const asides = new Map<ReadAsideLane, ReadAside>();
  createRuntime(db); // what this process holds for the store (platform/runtime.ts)
  registerReadAside(db, (lane) => {
    const running = asides.get(lane);
    if (running) return running;
    const aside = startReadAside(file, driver);
    asides.set(lane, aside);
    return aside;
  });
  registerStoreAccess(db, { dialect: 'sqlite', file, gate: gate.buffer });
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await Promise.all([...asides.values()].map((a) => a.stop()));
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

function openPostgres(url: string, options: StorageOptions): Storage {
  const types = {
    getTypeParser: (oid: number, format?: string) => {
      // int8 (20) and numeric (1700) arrive as strings; every int8 here (fen, ms, counts) fits a double.
      if (oid === 20 || oid === 1700) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: options.pgPoolSize ?? 20,
    types: types as pg.CustomTypesConfig,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  });
  // A connection the server drops while idle (a restart, a failover, an idle timeout in a
  // proxy) is removed by the pool and replaced on next use; it must not take the process down.
  const onError = options.onConnectionLost ?? warnConnectionLost;
  pool.on('error', (err) => onError(err));
  // The pool listens for errors only on idle connections: one the server drops while it is checked
  // out between two queries of a transaction would emit an unhandled 'error' and end the process.
  // Its queries fail on their own (the transaction rolls back); the pool discards it on release.
  // (Idle ones are the pool's own listener's to report, so each loss is reported once.)
  const checkedOut = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_err, client) => checkedOut.delete(client));
  pool.on('connect', (client) => {
    client.on('error', (err) => checkedOut.has(client) && onError(err));
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const text =
        typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: unknown } | undefined)?.text ?? '');
      countStatement(text);
      // Kysely passes (sql, values); a marked statement asks for its rows as arrays (array-rows.ts).
      if (typeof args[0] === 'string' && wantsArrayRows(text) && typeof args[2] !== 'function')
        return query({ text, values: args[1], rowMode: 'array' });
      return query(...args);
    };
  });
  const db = new Kysely<Database>({ dialect: new SearchPathPostgresDialect({ pool }) });
  createRuntime(db); // what this process holds for the store (platform/runtime.ts)
  registerStoreAccess(db, { dialect: 'postgres', url, schema: options.pgSchema ?? null });
  return { db, dialect: 'postgres', schema: options.pgSchema, close: () => closePool(db, pool) };
}

function warnConnectionLost(err: Error): void {
  process.stderr.write(
    `${JSON.stringify({ level: 'warn', msg: 'a PostgreSQL connection was lost; the pool opens a new one', err: err.message })}\n`,
  );
}

/**
 * Ends the pool and waits until every connection has really closed: pg's pool resolves its end
 * once it has let go of its clients, while their sockets may still be open (a database dropped
 * right after would kill them mid-goodbye).
 */
async function closePool(db: Kysely<Database>, pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const allClosed = new Promise<void>((resolve) => {
    if (open === 0) return resolve();
    pool.on('remove', () => {
      if (--open <= 0) resolve();
    });
  });
  await db.destroy();
  await Promise.race([allClosed, new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref())]);
}

/** PostgreSQL with an introspector limited to the search path (see pg-introspector.ts). */
class SearchPathPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SearchPathIntrospector(db);
  }
}
