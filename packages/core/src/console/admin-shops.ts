/** 平台管理 · 店铺: every shop with its owner and how much it sells; newest first, keyset by id. */
import type { Actor, Db } from '../context.js';
import { requireRole } from '../accounts/index.js';

export interface AdminShopRow {
  id: string;
  name: string;
  ownerLogin: string;
  status: string;
  products: number;
  orders: number;
  createdAt: number;
}

export async function adminShops(
  db: Db,
  actor: Actor,
  query: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: AdminShopRow[]; nextCursor: string | null }> {
  requireRole(actor, 'admin');
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
  let q = db
    .selectFrom('shops')
    .innerJoin('users', 'users.id', 'shops.owner_id')
    .select(['shops.id', 'shops.name', 'shops.status', 'shops.created_at', 'users.login'])
    .select((eb) => [
      eb
        .selectFrom('products')
        .select((p) => p.fn.countAll<number>().as('n'))
        .whereRef('products.shop_id', '=', 'shops.id')
        .as('products'),
      eb
        .selectFrom('orders')
        .select((o) => o.fn.countAll<number>().as('n'))
        .whereRef('orders.shop_id', '=', 'shops.id')
        .as('orders'),
    ])
    .orderBy('shops.id', 'desc')
    .limit(limit + 1);
  if (query.cursor) q = q.where('shops.id', '<', query.cursor);
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      ownerLogin: r.login,
      status: r.status,
      products: Number(r.products ?? 0),
      orders: Number(r.orders ?? 0),
      createdAt: Number(r.created_at),
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}
