/**
 * The gateway's hot reads by order ids, compiled once per shape (storage/query-shapes.ts): an
 * ERP's calls repeat the same few statements with new values (lists are at most 100 ids).
 */
import type { Compilable } from 'kysely';
import type { Db } from '../context.js';
import { byShape, listStandIns, listValues } from '../storage/index.js';

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
