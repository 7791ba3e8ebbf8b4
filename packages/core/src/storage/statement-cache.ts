/** A SQLite connection's prepared statements kept by SQL text, for Kysely's driver (database.ts, store-access.ts). */
import type SQLite from 'better-sqlite3';
import { countStatement } from './statement-count.js';
import { wantsArrayRows } from './array-rows.js';

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; better-sqlite3 statements are reusable, so keep the most
 * recently used ones by SQL text (the SQL is parameterised, so the set is small and stable).
 */
export function cachingStatements(sqlite: SQLite.Database): { prepare(sql: string): SQLite.Statement; close(): void } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      countStatement(sql); // the driver prepares once per statement it runs
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (wantsArrayRows(sql)) stmt.raw(true);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
    close: () => sqlite.close(),
  };
}
