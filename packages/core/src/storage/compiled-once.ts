/**
 * Queries on hot paths whose SQL never changes, only their values: the query is built and
 * compiled once per dialect with named stand-in values, and each call fills in its own. Kysely's
 * builder and compiler cost about as much as a small indexed query itself, so a request that
 * makes a few of these saves a good part of its time.
 *
 *   const sessionByToken = compiledOnce((db, v) => db.selectFrom('sessions').selectAll().where('token_hash', '=', v('hash')));
 *   const row = await sessionByToken.takeFirst(db, { hash });
 */
import { CompiledQuery, PostgresAdapter, type Compilable, type QueryResult } from 'kysely';
import type { Db } from '../context.js';

type Executor = Pick<Db, 'executeQuery' | 'getExecutor'>;

/** A named stand-in value; strings of this shape never occur in real input (they start with NUL). */
const standIn = (name: string): string => `\u0000${name}\u0000`;

export interface CompiledOnce<R> {
  query(db: Executor, values: Record<string, unknown>): CompiledQuery<R>;
  all(db: Executor, values: Record<string, unknown>): Promise<R[]>;
  takeFirst(db: Executor, values: Record<string, unknown>): Promise<R | undefined>;
  /** Runs it and returns the whole result (an update's or insert's `numAffectedRows`). */
  run(db: Executor, values: Record<string, unknown>): Promise<QueryResult<R>>;
}

export function compiledOnce<R>(build: (db: Db, value: (name: string) => string) => Compilable<R>): CompiledOnce<R> {
  const byDialect = new Map<string, { sql: string; params: readonly unknown[] }>();
  const query = (db: Executor, values: Record<string, unknown>): CompiledQuery<R> => {
    const dialect = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
    let shape = byDialect.get(dialect);
    if (!shape) {
      const compiled = build(db as Db, standIn).compile();
      shape = { sql: compiled.sql, params: compiled.parameters };
      byDialect.set(dialect, shape);
    }
    const params = shape.params.map((p) => {
      if (typeof p !== 'string' || p.charCodeAt(0) !== 0) return p;
      const name = p.slice(1, -1);
      if (!(name in values)) throw new Error(`compiledOnce: no value for ${name}`);
      return values[name];
    });
    return CompiledQuery.raw(shape.sql, params) as CompiledQuery<R>;
  };
  return {
    query,
    all: async (db, values) => (await db.executeQuery(query(db, values))).rows,
    takeFirst: async (db, values) => (await db.executeQuery(query(db, values))).rows[0],
    run: (db, values) => db.executeQuery(query(db, values)),
  };
}
