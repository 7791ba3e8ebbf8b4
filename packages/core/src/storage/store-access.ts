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
import { runtimePart, runtimeOf } from '../platform/index.js';

export type StoreAccess =
  | { dialect: 'sqlite'; file: string }
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
