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

/** The names `name0`, `name1`, … of a list's values, made once per list name (lists hold at most a few hundred). */
const listNames = new Map<string, string[]>();
function namesOf(name: string, n: number): readonly string[] {
  let names = listNames.get(name);
  if (!names) listNames.set(name, (names = []));
  for (let i = names.length; i < n; i++) names.push(`${name}${i}`);
  return names;
}

/** Stand-ins for a list of n values (`name0`, `name1`, …) and the values object that fills them. */
export function listStandIns(v: (name: string) => string, name: string, n: number): string[] {
  return namesOf(name, n)
    .slice(0, n)
    .map((x) => v(x));
}
export function listValues(
  name: string,
  items: readonly unknown[],
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  const names = namesOf(name, items.length);
  for (let i = 0; i < items.length; i++) into[names[i]!] = items[i];
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
