/** Which database a handle talks to, read from its adapter (for code that holds only the handle, e.g. a migration). */
import { PostgresAdapter, type Kysely } from 'kysely';
import type { Dialect } from './database.js';

export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
