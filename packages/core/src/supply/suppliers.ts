/** Suppliers (供应商) of a shop: who grows, catches or makes what the shop sells. */
import type { Actor, CoreContext, Db } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import { conflict, newId } from '../platform/index.js';
import { isUniqueViolation, ownSupplier } from './access.js';
import { LIMITS, text } from './supply-rules.js';

export interface SupplierInput {
  name: string;
  contactName?: string | undefined;
  phone?: string | undefined;
  region?: string | undefined;
  note?: string | undefined;
}

export interface SupplierView {
  id: string;
  shopId: string;
  name: string;
  contactName: string;
  phone: string;
  region: string;
  note: string;
  /** Batches recorded from this supplier. */
  batches: number;
  createdAt: number;
  updatedAt: number;
}

/** The maximum a shop lists at once (suppliers are few; the list is not paged). */
export const MAX_SUPPLIERS = 500;

function clean(input: SupplierInput) {
  return {
    name: text(input.name, 'name', LIMITS.name, 1),
    contact_name: text(input.contactName, 'contactName', LIMITS.contactName),
    phone: text(input.phone, 'phone', LIMITS.phone),
    region: text(input.region, 'region', LIMITS.region),
    note: text(input.note, 'note', LIMITS.note),
  };
}

const nameTaken = (name: string) =>
  conflict('SUPPLIER_NAME_TAKEN', 'the shop has a supplier of this name already', { name });

export async function createSupplier(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  input: SupplierInput,
): Promise<SupplierView> {
  requireShopMember(actor, shopId);
  const row = clean(input);
  const now = ctx.clock.now();
  const id = newId('supplier', now);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const count = await tx
        .selectFrom('suppliers')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('shop_id', '=', shopId)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_SUPPLIERS)
        throw conflict('TOO_MANY_SUPPLIERS', `a shop has at most ${MAX_SUPPLIERS} suppliers`);
      const same = await tx
        .selectFrom('suppliers')
        .select('id')
        .where('shop_id', '=', shopId)
        .where('name', '=', row.name)
        .executeTakeFirst();
      if (same) throw nameTaken(row.name);
      await tx
        .insertInto('suppliers')
        .values({ id, shop_id: shopId, ...row, created_at: now, updated_at: now })
        .execute();
    });
  } catch (err) {
    throw isUniqueViolation(err) ? nameTaken(row.name) : err;
  }
  return getSupplier(ctx.db, actor, id);
}

export async function updateSupplier(
  ctx: CoreContext,
  actor: Actor,
  supplierId: string,
  input: SupplierInput,
): Promise<SupplierView> {
  const row = clean(input);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const s = await ownSupplier(tx, actor, supplierId);
      const same = await tx
        .selectFrom('suppliers')
        .select('id')
        .where('shop_id', '=', s.shop_id)
        .where('name', '=', row.name)
        .where('id', '!=', supplierId)
        .executeTakeFirst();
      if (same) throw nameTaken(row.name);
      await tx
        .updateTable('suppliers')
        .set({ ...row, updated_at: ctx.clock.now() })
        .where('id', '=', supplierId)
        .execute();
    });
  } catch (err) {
    throw isUniqueViolation(err) ? nameTaken(row.name) : err;
  }
  return getSupplier(ctx.db, actor, supplierId);
}

/** Only a supplier nothing refers to may go: its batches are the trace of what was sold. */
export async function deleteSupplier(ctx: CoreContext, actor: Actor, supplierId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await ownSupplier(tx, actor, supplierId);
    const batch = await tx
      .selectFrom('supply_batches')
      .select('id')
      .where('supplier_id', '=', supplierId)
      .limit(1)
      .executeTakeFirst();
    const base = await tx
      .selectFrom('production_bases')
      .select('id')
      .where('supplier_id', '=', supplierId)
      .limit(1)
      .executeTakeFirst();
    if (batch || base)
      throw conflict('SUPPLIER_IN_USE', 'batches or bases refer to this supplier; it cannot be deleted');
    await tx.deleteFrom('suppliers').where('id', '=', supplierId).execute();
  });
}

function view(
  r: {
    id: string;
    shop_id: string;
    name: string;
    contact_name: string;
    phone: string;
    region: string;
    note: string;
    created_at: number;
    updated_at: number;
  },
  batches: number,
): SupplierView {
  return {
    id: r.id,
    shopId: r.shop_id,
    name: r.name,
    contactName: r.contact_name,
    phone: r.phone,
    region: r.region,
    note: r.note,
    batches,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

async function batchCounts(db: Db, supplierIds: string[]): Promise<Map<string, number>> {
  if (supplierIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('supply_batches')
    .select(['supplier_id', (eb) => eb.fn.countAll().as('n')])
    .where('supplier_id', 'in', supplierIds)
    .groupBy('supplier_id')
    .execute();
  return new Map(rows.map((r) => [r.supplier_id, Number(r.n)]));
}

export async function getSupplier(db: Db, actor: Actor, supplierId: string): Promise<SupplierView> {
  const r = await ownSupplier(db, actor, supplierId);
  return view(r, (await batchCounts(db, [r.id])).get(r.id) ?? 0);
}

/** A shop's suppliers by name. */
export async function listSuppliers(db: Db, actor: Actor, shopId: string): Promise<{ items: SupplierView[] }> {
  requireShopMember(actor, shopId);
  const rows = await db
    .selectFrom('suppliers')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('name')
    .orderBy('id')
    .limit(MAX_SUPPLIERS)
    .execute();
  const counts = await batchCounts(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => view(r, counts.get(r.id) ?? 0)) };
}
