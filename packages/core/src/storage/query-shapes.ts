/**
 * Queries compiled once per shape (compiled-once.ts) for hot paths whose lists vary in length: a
 * shape is the query's structure — which filters are present, how many ids a list holds, the
 * order — so the number of shapes stays small (lists of a page's or a call's ids). Kysely's
 * builder and compiler cost about as much as a small indexed query itself.
 */
import type { Compilable } from 'kysely';
import type { Db } from '../context.js';
import { compiledOnce, type CompiledOnce } from './compiled-once.js';

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

/** The longest list one shape holds; longer lists are read in chunks of this many (so a few shapes serve any length). */
export const SHAPED_LIST_MAX = 100;

/**
 * Rows of a query over a list of values (`build` gets the list's stand-ins), compiled once per
 * `key` and chunk length; a longer list is read in chunks, in order. `values` fills the query's
 * other stand-ins.
 */
export async function allByList<R>(
  db: Db,
  key: string,
  items: readonly unknown[],
  build: (db: Db, v: (name: string) => string, list: string[]) => Compilable<R>,
  values: Record<string, unknown> = {},
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += SHAPED_LIST_MAX) {
    const part = items.slice(i, i + SHAPED_LIST_MAX);
    const rows = await byShape(`${key}:${part.length}`, (d, v) =>
      build(d, v, listStandIns(v, 'item', part.length)),
    ).all(db, listValues('item', part, { ...values }));
    for (const r of rows) out.push(r);
  }
  return out;
}
