/**
 * Loading supply rows for a caller: a row of another shop answers NOT_FOUND exactly like an id
 * that does not exist, so tenants cannot probe each other.
 */
import type { Actor, Db, Tx } from '../context.js';
import { notFound } from '../platform/index.js';

type Store = Db | Tx;

export async function ownSupplier(db: Store, actor: Actor, supplierId: string) {
  const row = await db.selectFrom('suppliers').selectAll().where('id', '=', supplierId).executeTakeFirst();
  if (!row || !actor.shops.has(row.shop_id)) throw notFound('supplier', supplierId);
  return row;
}

export async function ownBase(db: Store, actor: Actor, baseId: string) {
  const row = await db.selectFrom('production_bases').selectAll().where('id', '=', baseId).executeTakeFirst();
  if (!row || !actor.shops.has(row.shop_id)) throw notFound('base', baseId);
  return row;
}

export async function ownBatch(db: Store, actor: Actor, batchId: string) {
  const row = await db.selectFrom('supply_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
  if (!row || !actor.shops.has(row.shop_id)) throw notFound('batch', batchId);
  return row;
}

/** A supplier of this very shop (a batch or base never points at another shop's supplier). */
export async function supplierOfShop(db: Store, shopId: string, supplierId: string): Promise<void> {
  const row = await db
    .selectFrom('suppliers')
    .select('id')
    .where('id', '=', supplierId)
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  if (!row) throw notFound('supplier', supplierId);
}

export async function baseOfShop(db: Store, shopId: string, baseId: string): Promise<{ supplier_id: string | null }> {
  const row = await db
    .selectFrom('production_bases')
    .select('supplier_id')
    .where('id', '=', baseId)
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  if (!row) throw notFound('base', baseId);
  return row;
}

/** A unique index refused the row (SQLite or PostgreSQL): the caller maps it to its 409. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown } | null;
  return (
    typeof e?.code === 'string' &&
    (e.code === '23505' || e.code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}
