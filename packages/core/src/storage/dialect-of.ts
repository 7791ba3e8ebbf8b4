/** Which database a handle talks to, read from its adapter (for code that holds only the handle, e.g. a migration). */
import { PostgresAdapter, type Kysely } from 'kysely';
import type { Dialect } from './database.js';

// biome-ignore lint/suspicious/noExplicitAny: any store handle, migrations' included (they see no schema type)
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
