/** What a shop page shows above its shelf: the shop, how much it sells, and its categories (listed products only). */
import type { Db } from '../context.js';
import { getShop, type ShopView } from './shops.js';

export interface ShopSummary {
  shop: ShopView;
  products: number;
  totalSales: number;
  categories: Array<{ id: string; name: string; products: number }>;
}

export async function shopSummary(db: Db, shopId: string): Promise<ShopSummary> {
  const shop = await getShop(db, shopId);
  const rows = await db
    .selectFrom('products')
    .innerJoin('categories', 'categories.id', 'products.category_id')
    .select((eb) => [
      'categories.id',
      'categories.name',
      'categories.sort',
      eb.fn.countAll<number>().as('products'),
      eb.fn.sum<number>('products.sales').as('sales'),
    ])
    .where('products.shop_id', '=', shopId)
    .where('products.status', '=', 'listed')
    .groupBy(['categories.id', 'categories.name', 'categories.sort'])
    .execute();
  const categories = rows
    .map((r) => ({ id: r.id, name: r.name, products: Number(r.products), sort: r.sort }))
    .sort((a, b) => b.products - a.products || a.sort - b.sort || a.id.localeCompare(b.id))
    .map(({ id, name, products }) => ({ id, name, products }));
  return {
    shop,
    products: categories.reduce((n, c) => n + c.products, 0),
    totalSales: rows.reduce((n, r) => n + Number(r.sales ?? 0), 0),
    categories,
  };
}
