/** Who may act in the creator economy, and the lookups every command starts with. */
import type { Actor, Db, Tx } from '../context.js';
import { hasRole, requireRole } from '../accounts/index.js';
import { DomainError, forbidden, notFound } from '../platform/index.js';

export const requireCreator = (actor: Actor): void => requireRole(actor, 'creator');
export const requireColonel = (actor: Actor): void => requireRole(actor, 'colonel');
export const requireMcn = (actor: Actor): void => requireRole(actor, 'mcn');

/** Someone of the creator economy: a shop's member, a creator, an MCN or a colonel. */
export function requireAffiliateParty(actor: Actor): void {
  if (actor.shops.size === 0 && !hasRole(actor, 'creator') && !hasRole(actor, 'mcn') && !hasRole(actor, 'colonel'))
    throw forbidden('this needs a shop or the creator, MCN or colonel role');
}

/** A product of one of the caller's shops; another shop's product is NOT_FOUND, as an unknown id. */
export async function ownProduct(
  db: Db | Tx,
  actor: Actor,
  productId: string,
): Promise<{ id: string; shopId: string; status: string; title: string }> {
  const row = await db
    .selectFrom('products')
    .select(['id', 'shop_id', 'status', 'title'])
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!row || !actor.shops.has(row.shop_id)) throw notFound('product', productId);
  return { id: row.id, shopId: row.shop_id, status: row.status, title: row.title };
}

/** A product creators may promote: listed, in an open shop. */
export async function saleableProduct(
  db: Db | Tx,
  productId: string,
): Promise<{ id: string; shopId: string; title: string }> {
  const row = await db
    .selectFrom('products')
    .innerJoin('shops', 'shops.id', 'products.shop_id')
    .select(['products.id', 'products.shop_id', 'products.status', 'products.title', 'shops.status as shop_status'])
    .where('products.id', '=', productId)
    .executeTakeFirst();
  if (!row) throw notFound('product', productId);
  if (row.status !== 'listed' || row.shop_status !== 'open')
    throw new DomainError('PRODUCT_UNAVAILABLE', 'this product is not on sale', { productId });
  return { id: row.id, shopId: row.shop_id, title: row.title };
}

/** People holding the creator role, among the given ids; any other id answers NOT_FOUND. */
export async function requireCreators(db: Db | Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db
    .selectFrom('user_roles')
    .select('user_id')
    .where('user_id', 'in', [...ids])
    .where('role', '=', 'creator')
    .execute();
  const found = new Set(rows.map((r) => r.user_id));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw notFound('creator', missing);
}

/** Dual identity: a creator who belongs to the product's shop earns nothing from it. */
export async function refuseSelfCommission(db: Db | Tx, shopId: string, creatorIds: readonly string[]): Promise<void> {
  if (creatorIds.length === 0) return;
  const own = await db
    .selectFrom('shop_members')
    .select('user_id')
    .where('shop_id', '=', shopId)
    .where('user_id', 'in', [...creatorIds])
    .executeTakeFirst();
  if (own) {
    throw new DomainError('SELF_COMMISSION', 'a creator earns no commission on products of their own shop', {
      creatorId: own.user_id,
      shopId,
    });
  }
}

/** Names of people by id (for read models). */
export async function displayNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
