/** Production bases (产地 / 基地): the farm, orchard, ranch, fishery or factory goods come from. */
import type { Actor, CoreContext, Db } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import { conflict, newId } from '../platform/index.js';
import { isUniqueViolation, ownBase, supplierOfShop } from './access.js';
import { attachPhotos, detachPhotos, photosOf, type SupplyPhoto } from './photos.js';
import { checkBaseKind, LIMITS, text, type BaseKind } from './supply-rules.js';

export interface BaseInput {
  name: string;
  kind: string;
  province: string;
  city: string;
  description?: string | undefined;
  supplierId?: string | null | undefined;
  /** An uploaded photo of the base (null or absent: none). */
  photoId?: string | null | undefined;
}

export interface BaseView {
  id: string;
  shopId: string;
  supplierId: string | null;
  supplierName: string | null;
  name: string;
  kind: BaseKind;
  province: string;
  city: string;
  description: string;
  photo: SupplyPhoto | null;
  createdAt: number;
  updatedAt: number;
}

export const MAX_BASES = 500;

function clean(input: BaseInput) {
  return {
    name: text(input.name, 'name', LIMITS.name, 1),
    kind: checkBaseKind(input.kind),
    province: text(input.province, 'province', LIMITS.province, 1),
    city: text(input.city, 'city', LIMITS.city, 1),
    description: text(input.description, 'description', LIMITS.description),
    supplier_id: input.supplierId ?? null,
  };
}

const nameTaken = (name: string) => conflict('BASE_NAME_TAKEN', 'the shop has a base of this name already', { name });

export async function createBase(ctx: CoreContext, actor: Actor, shopId: string, input: BaseInput): Promise<BaseView> {
  requireShopMember(actor, shopId);
  const row = clean(input);
  const now = ctx.clock.now();
  const id = newId('productionBase', now);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const count = await tx
        .selectFrom('production_bases')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('shop_id', '=', shopId)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_BASES) throw conflict('TOO_MANY_BASES', `a shop has at most ${MAX_BASES} bases`);
      if (row.supplier_id) await supplierOfShop(tx, shopId, row.supplier_id);
      if (
        await tx
          .selectFrom('production_bases')
          .select('id')
          .where('shop_id', '=', shopId)
          .where('name', '=', row.name)
          .executeTakeFirst()
      )
        throw nameTaken(row.name);
      await tx
        .insertInto('production_bases')
        .values({ id, shop_id: shopId, ...row, created_at: now, updated_at: now })
        .execute();
      if (input.photoId) await attachPhotos(tx, shopId, [input.photoId], id);
    });
  } catch (err) {
    throw isUniqueViolation(err) ? nameTaken(row.name) : err;
  }
  return getBase(ctx.db, actor, id);
}

/** Replaces the base's fields; the photo is replaced too (null removes it). */
export async function updateBase(ctx: CoreContext, actor: Actor, baseId: string, input: BaseInput): Promise<BaseView> {
  const row = clean(input);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const b = await ownBase(tx, actor, baseId);
      if (row.supplier_id) await supplierOfShop(tx, b.shop_id, row.supplier_id);
      if (
        await tx
          .selectFrom('production_bases')
          .select('id')
          .where('shop_id', '=', b.shop_id)
          .where('name', '=', row.name)
          .where('id', '!=', baseId)
          .executeTakeFirst()
      )
        throw nameTaken(row.name);
      await tx
        .updateTable('production_bases')
        .set({ ...row, updated_at: ctx.clock.now() })
        .where('id', '=', baseId)
        .execute();
      const keep = input.photoId ? [input.photoId] : [];
      await detachPhotos(tx, baseId, keep);
      if (input.photoId) await attachPhotos(tx, b.shop_id, keep, baseId);
    });
  } catch (err) {
    throw isUniqueViolation(err) ? nameTaken(row.name) : err;
  }
  return getBase(ctx.db, actor, baseId);
}

export async function deleteBase(ctx: CoreContext, actor: Actor, baseId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await ownBase(tx, actor, baseId);
    const batch = await tx
      .selectFrom('supply_batches')
      .select('id')
      .where('base_id', '=', baseId)
      .limit(1)
      .executeTakeFirst();
    if (batch) throw conflict('BASE_IN_USE', 'batches refer to this base; it cannot be deleted');
    await detachPhotos(tx, baseId, []);
    await tx.deleteFrom('production_bases').where('id', '=', baseId).execute();
  });
}

type BaseRow = Awaited<ReturnType<typeof ownBase>>;

async function views(db: Db, rows: BaseRow[]): Promise<BaseView[]> {
  const supplierIds = [...new Set(rows.flatMap((r) => (r.supplier_id ? [r.supplier_id] : [])))];
  const suppliers = supplierIds.length
    ? await db.selectFrom('suppliers').select(['id', 'name']).where('id', 'in', supplierIds).execute()
    : [];
  const names = new Map(suppliers.map((s) => [s.id, s.name]));
  const photos = await photosOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    shopId: r.shop_id,
    supplierId: r.supplier_id,
    supplierName: r.supplier_id ? (names.get(r.supplier_id) ?? null) : null,
    name: r.name,
    kind: r.kind as BaseKind,
    province: r.province,
    city: r.city,
    description: r.description,
    photo: photos.get(r.id)?.[0] ?? null,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  }));
}

export async function getBase(db: Db, actor: Actor, baseId: string): Promise<BaseView> {
  return (await views(db, [await ownBase(db, actor, baseId)]))[0]!;
}

export async function listBases(db: Db, actor: Actor, shopId: string): Promise<{ items: BaseView[] }> {
  requireShopMember(actor, shopId);
  const rows = await db
    .selectFrom('production_bases')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('name')
    .orderBy('id')
    .limit(MAX_BASES)
    .execute();
  return { items: await views(db, rows) };
}
