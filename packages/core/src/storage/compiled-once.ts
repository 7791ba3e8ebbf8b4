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
import { ARRAY_ROWS } from './array-rows.js';

type Executor = Pick<Db, 'executeQuery' | 'getExecutor'>;

/** A named stand-in value; strings of this shape never occur in real input (they start with NUL). */
const standIn = (name: string): string => `\u0000${name}\u0000`;

export interface CompiledOnce<R> {
  query(db: Executor, values: Record<string, unknown>): CompiledQuery<R>;
  all(db: Executor, values: Record<string, unknown>): Promise<R[]>;
  takeFirst(db: Executor, values: Record<string, unknown>): Promise<R | undefined>;
  /** Runs it and returns the whole result (an update's or insert's `numAffectedRows`). */
  run(db: Executor, values: Record<string, unknown>): Promise<QueryResult<R>>;
  /** Its rows as arrays of the selected columns, in the order selected (array-rows.ts). */
  arrays(db: Executor, values: Record<string, unknown>): Promise<unknown[][]>;
}

/** A compiled shape: its SQL (and the same marked for rows as arrays) and where each call's values go. */
interface Shape {
  sql: string;
  arraysSql: string;
  /** The compiled parameters: constants stay, stand-ins are filled from the call's values by name. */
  params: readonly unknown[];
  /** The name of the value each parameter takes, or null for a constant. */
  names: ReadonlyArray<string | null>;
  node: CompiledQuery['query'];
  arraysNode: CompiledQuery['query'];
}

export function compiledOnce<R>(build: (db: Db, value: (name: string) => string) => Compilable<R>): CompiledOnce<R> {
  let sqlite: Shape | undefined;
  let postgres: Shape | undefined;
  const shapeOf = (db: Executor): Shape => {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    const known = pg ? postgres : sqlite;
    if (known) return known;
    const compiled = build(db as Db, standIn).compile();
    const arraysSql = ARRAY_ROWS + compiled.sql;
    const shape: Shape = {
      sql: compiled.sql,
      arraysSql,
      params: compiled.parameters,
      names: compiled.parameters.map((p) => (typeof p === 'string' && p.charCodeAt(0) === 0 ? p.slice(1, -1) : null)),
      node: CompiledQuery.raw(compiled.sql).query,
      arraysNode: CompiledQuery.raw(arraysSql).query,
    };
    if (pg) postgres = shape;
    else sqlite = shape;
    return shape;
  };
  // Each call's query is a plain object (CompiledQuery.raw would freeze three objects and draw a
  // random query id per call; no plugin here reads them).
  const fill = (db: Executor, values: Record<string, unknown>, arrays: boolean): CompiledQuery<R> => {
    const shape = shapeOf(db);
    const { names } = shape;
    const params = new Array<unknown>(names.length);
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string | null;
      if (name === null) params[i] = shape.params[i];
      else {
        const value = values[name];
        if (value === undefined && !(name in values)) throw new Error(`compiledOnce: no value for ${name}`);
        params[i] = value;
      }
    }
    return {
      sql: arrays ? shape.arraysSql : shape.sql,
      query: arrays ? shape.arraysNode : shape.node,
      parameters: params,
      queryId: NO_QUERY_ID,
    } as CompiledQuery<R>;
  };
  const query = (db: Executor, values: Record<string, unknown>): CompiledQuery<R> => fill(db, values, false);
  return {
    query,
    all: async (db, values) => (await db.executeQuery(query(db, values))).rows,
    takeFirst: async (db, values) => (await db.executeQuery(query(db, values))).rows[0],
    run: (db, values) => db.executeQuery(query(db, values)),
    arrays: async (db, values) => (await db.executeQuery(fill(db, values, true))).rows as unknown[][],
  };
}

const NO_QUERY_ID = CompiledQuery.raw('').queryId;
