import type { Actor, CoreContext, Db } from '../context.js';
import { requireShopMember, requireShopOwner } from '../accounts/index.js';
import { conflict, invalid, notFound, newId } from '../platform/index.js';
import { reindexShop } from '../search/index.js';

export interface ShopInput {
  name: string;
  description?: string;
  origin?: string;
  shippingFeeFen?: number;
  freeShippingOverFen?: number | null;
  /** Fast refund (极速退款) opt-in; unchanged when absent. */
  fastRefund?: boolean | undefined;
}

export interface ShopView {
  id: string;
  name: string;
  description: string;
  origin: string;
  shippingFeeFen: number;
  freeShippingOverFen: number | null;
  /** Qualifying refund requests before shipping are refunded at once by the platform. */
  fastRefund: boolean;
  status: string;
  createdAt: number;
}

/** A shop's name is MIN_SHOP_NAME–MAX_SHOP_NAME characters, its description at most MAX_SHOP_DESCRIPTION; its flat shipping fee at most MAX_SHIPPING_FEE_FEN. */
export const MIN_SHOP_NAME = 2;
export const MAX_SHOP_NAME = 40;
export const MAX_SHOP_DESCRIPTION = 500;
export const MAX_SHIPPING_FEE_FEN = 100_000;

function checkShop(input: ShopInput): void {
  const name = input.name.trim();
  if (name.length < MIN_SHOP_NAME || name.length > MAX_SHOP_NAME)
    throw invalid(`shop name must be ${MIN_SHOP_NAME}–${MAX_SHOP_NAME} characters`, { field: 'name' });
  if ((input.description ?? '').length > MAX_SHOP_DESCRIPTION)
    throw invalid(`description is at most ${MAX_SHOP_DESCRIPTION} characters`, { field: 'description' });
  const fee = input.shippingFeeFen ?? 0;
  if (!Number.isSafeInteger(fee) || fee < 0 || fee > MAX_SHIPPING_FEE_FEN)
    throw invalid(`shippingFeeFen must be 0–${MAX_SHIPPING_FEE_FEN}`, { field: 'shippingFeeFen' });
  const free = input.freeShippingOverFen ?? null;
  if (free !== null && (!Number.isSafeInteger(free) || free < 0 || free > 100_000_000))
    throw invalid('freeShippingOverFen out of range', { field: 'freeShippingOverFen' });
}

/** Opens a shop; the caller becomes its owner (and so a merchant). */
export async function createShop(ctx: CoreContext, actor: Actor, input: ShopInput): Promise<ShopView> {
  checkShop(input);
  const id = newId('shop');
  const now = ctx.clock.now();
  const row = {
    id,
    name: input.name.trim(),
    description: (input.description ?? '').trim(),
    origin: (input.origin ?? '').trim(),
    owner_id: actor.userId,
    shipping_fee_fen: input.shippingFeeFen ?? 0,
    free_shipping_over_fen: input.freeShippingOverFen ?? null,
    fast_refund: input.fastRefund ? 1 : 0,
    status: 'open',
    created_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('shops').values(row).execute();
    await tx
      .insertInto('shop_members')
      .values({ shop_id: id, user_id: actor.userId, role: 'owner', created_at: now })
      .execute();
  });
  return toView(row);
}

export async function updateShop(ctx: CoreContext, actor: Actor, shopId: string, input: ShopInput): Promise<ShopView> {
  requireShopOwner(actor, shopId);
  checkShop(input);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('shops')
      .set({
        name: input.name.trim(),
        description: (input.description ?? '').trim(),
        origin: (input.origin ?? '').trim(),
        shipping_fee_fen: input.shippingFeeFen ?? 0,
        free_shipping_over_fen: input.freeShippingOverFen ?? null,
        ...(input.fastRefund === undefined ? {} : { fast_refund: input.fastRefund ? 1 : 0 }),
      })
      .where('id', '=', shopId)
      .execute();
    await reindexShop(tx, shopId, ctx.clock.now()); // the shop's name is part of its products' search text
  });
  return getShop(ctx.db, shopId);
}

/** The owner adds a staff member by login. */
export async function addStaff(ctx: CoreContext, actor: Actor, shopId: string, login: string): Promise<void> {
  requireShopOwner(actor, shopId);
  const user = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('login', '=', login.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) throw notFound('user', login);
  const res = await ctx.db
    .insertInto('shop_members')
    .values({ shop_id: shopId, user_id: user.id, role: 'staff', created_at: ctx.clock.now() })
    .onConflict((oc) => oc.columns(['shop_id', 'user_id']).doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 0)
    throw conflict('ALREADY_MEMBER', 'this person already belongs to the shop');
}

export async function getShop(db: Db, shopId: string): Promise<ShopView> {
  const row = await db.selectFrom('shops').selectAll().where('id', '=', shopId).executeTakeFirst();
  if (!row) throw notFound('shop', shopId);
  return toView(row);
}

export async function myShops(db: Db, actor: Actor): Promise<Array<{ id: string; name: string; role: string }>> {
  if (actor.shops.size === 0) return [];
  const rows = await db
    .selectFrom('shops')
    .select(['id', 'name'])
    .where('id', 'in', [...actor.shops.keys()])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: requireShopMember(actor, r.id) }));
}

function toView(r: {
  id: string;
  name: string;
  description: string;
  origin: string;
  shipping_fee_fen: number;
  free_shipping_over_fen: number | null;
  fast_refund: number;
  status: string;
  created_at: number;
}): ShopView {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    origin: r.origin,
    shippingFeeFen: r.shipping_fee_fen,
    freeShippingOverFen: r.free_shipping_over_fen,
    fastRefund: Number(r.fast_refund) === 1,
    status: r.status,
    createdAt: r.created_at,
  };
}
