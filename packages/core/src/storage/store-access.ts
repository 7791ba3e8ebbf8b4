/**
 * How another thread reaches the same store with a connection of its own: the SQLite file
 * (opened read-only, reading the committed data beside the writer, WAL) or the PostgreSQL URL and
 * schema (a small pool of its own). Long reads that feed background work (the engine's
 * retraining reads weeks of history) run there, so the thread answering requests never waits on
 * them nor on turning their rows into objects.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import { createRuntime, runtimePart, runtimeOf } from '../platform/index.js';
import { FifoSqliteDialect } from './fifo-sqlite.js';
import { cachingStatements } from './statement-cache.js';
import { GATE_THREAD, WriteGate, writeClassifier } from './write-gate.js';

export type StoreAccess =
  | {
      dialect: 'sqlite';
      file: string;
      /** The serving connection's write gate (write-gate.ts), for a thread that writes. */
      gate?: SharedArrayBuffer;
    }
  | { dialect: 'postgres'; url: string; schema: string | null };

/** How other threads reach this store: a part of its runtime, set when it is opened. */
const accessPart = runtimePart<StoreAccess | null, Kysely<Database>>('storage.access', () => null);

/** Registers how to reach a store from another thread (done when it is opened). */
export function registerStoreAccess(db: Kysely<Database>, access: StoreAccess): void {
  runtimeOf(db).set(accessPart, access);
}

/** How to reach this store from another thread, or null (a store not opened by openStorage). */
export function storeAccessOf(db: Kysely<Database>): StoreAccess | null {
  return runtimeOf(db).peek(accessPart) ?? null;
}

/** A read-only handle on SQLite, a pool of two on PostgreSQL; `close` when done. */
export async function openStoreReader(access: StoreAccess): Promise<{ db: Kysely<Database>; close(): Promise<void> }> {
  if (access.dialect === 'sqlite') {
    const sqlite = new SQLite(access.file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, close: () => db.destroy() };
  }
  // Imported here: database.ts registers accesses, so it cannot be imported at the top.
  const { openStorage } = await import('./database.js');
  const storage = openStorage({
    dataDir: '',
    databaseUrl: access.url,
    pgSchema: access.schema ?? undefined,
    pgPoolSize: 2,
  });
  return { db: storage.db, close: () => storage.close() };
}

/** The page cache of a writing thread's connection, KiB (the serving connection keeps the large one). */
const WRITER_CACHE_KIB = 8 * 1024;

/**
 * A read-write connection to a SQLite store for a thread of its own, which takes the serving
 * connection's write gate before each write (write-gate.ts): the thread waits for the serving
 * connection by blocking, the serving connection for the thread without blocking its event loop.
 */
export function openStoreWriter(access: StoreAccess): { db: Kysely<Database>; close(): Promise<void> } {
  if (access.dialect !== 'sqlite' || !access.gate)
    throw new Error('a writing thread needs a SQLite store and its gate');
  const sqlite = new SQLite(access.file, { fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('wal_autocheckpoint = 0'); // the serving connection's checkpointer thread copies pages back
  sqlite.pragma(`cache_size = -${WRITER_CACHE_KIB}`);
  const database = cachingStatements(sqlite);
  const gate = new WriteGate(access.gate, GATE_THREAD);
  const db = new Kysely<Database>({
    dialect: new FifoSqliteDialect({ database }, undefined, {
      gate,
      writes: writeClassifier((sql) => sqlite.prepare(sql)),
    }),
  });
  createRuntime(db);
  registerStoreAccess(db, access);
  return { db, close: () => db.destroy() };
}
