/**
 * The gateway's hot reads, compiled once per shape (storage/compiled-once.ts): an ERP's calls
 * repeat the same few statements with new values, and building and compiling each with Kysely
 * costs about as much as running it. A shape is the query's structure — which filters are
 * present, how many ids a list holds, the order — so the number of shapes stays small
 * (lists are at most 100 ids).
 */
import type { Compilable } from 'kysely';
import type { Db } from '../context.js';
import { compiledOnce, type CompiledOnce } from '../storage/index.js';

const shapes = new Map<string, CompiledOnce<unknown>>();

/** The compiled query of this shape, built the first time it is asked for. */
export function byShape<R>(
  key: string,
  build: (db: Db, v: (name: string) => string) => Compilable<R>,
): CompiledOnce<R> {
  let q = shapes.get(key);
  if (!q) {
    q = compiledOnce(build) as CompiledOnce<unknown>;
    shapes.set(key, q);
  }
  return q as CompiledOnce<R>;
}

/** Stand-ins for a list of n values (`name0`, `name1`, …) and the values object that fills them. */
export function listStandIns(v: (name: string) => string, name: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => v(`${name}${i}`));
}
export function listValues(
  name: string,
  items: readonly unknown[],
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  items.forEach((x, i) => {
    into[`${name}${i}`] = x;
  });
  return into;
}

/** Rows of `table` whose `order_id` is one of `ids`: one compiled statement per table, column list and count. */
export async function byOrderIds<R>(
  db: Db,
  key: string,
  ids: readonly string[],
  build: (db: Db, ids: string[]) => Compilable<R>,
): Promise<R[]> {
  if (ids.length === 0) return [];
  return byShape(`${key}:${ids.length}`, (d, v) => build(d, listStandIns(v, 'id', ids.length))).all(
    db,
    listValues('id', ids),
  );
}
