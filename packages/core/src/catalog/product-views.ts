/** Read models of the catalog for shoppers (listed products only) and for the shop's own staff. */
import type { Actor, Db } from '../context.js';
import { notFound } from '../platform/errors.js';

export interface ProductCard {
  id: string;
  title: string;
  shopId: string;
  shopName: string;
  categoryId: string;
  priceFen: number;
  originalPriceFen: number | null;
  imageUrl: string | null;
  sales: number;
  status: string;
}

export interface ProductDetail extends Omit<ProductCard, 'shopId' | 'shopName' | 'imageUrl'> {
  description: string;
  shop: { id: string; name: string; origin: string };
  specOptions: Array<{ name: string; values: string[] }>;
  skus: Array<{ id: string; specValues: string[]; priceFen: number; originalPriceFen: number | null; stock: number }>;
  images: string[];
  rules: { shipByHours: number; perishable: boolean };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const imageUrl = (fileName: string): string => `/media/${fileName}`;

export interface ProductQuery {
  shopId?: string | undefined;
  categoryId?: string | undefined;
  status?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Newest first, keyset-paginated by id. `onlyListed` for shoppers; staff see every status of their shop. */
export async function listProducts(db: Db, q: ProductQuery, onlyListed: boolean): Promise<Page<ProductCard>> {
  let query = db
    .selectFrom('products')
    .innerJoin('shops', 'shops.id', 'products.shop_id')
    .select(['products.id', 'products.title', 'products.shop_id', 'shops.name as shop_name', 'products.category_id', 'products.min_price_fen', 'products.sales', 'products.status'])
    .orderBy('products.id', 'desc')
    .limit(q.limit + 1);
  if (onlyListed) query = query.where('products.status', '=', 'listed');
  else if (q.status) query = query.where('products.status', '=', q.status);
  if (q.shopId) query = query.where('products.shop_id', '=', q.shopId);
  if (q.categoryId) {
    const catId = q.categoryId;
    query = query.where((eb) => eb.or([eb('products.category_id', '=', catId), eb('products.category_id', 'in', eb.selectFrom('categories').select('id').where('parent_id', '=', catId))]));
  }
  if (q.cursor) query = query.where('products.id', '<', q.cursor);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.id);
  const [origPrices, images] = ids.length
    ? await Promise.all([
        db.selectFrom('skus').select(['product_id', 'price_fen', 'original_price_fen']).where('product_id', 'in', ids).execute(),
        db.selectFrom('product_images').select(['product_id', 'file_name', 'sort']).where('product_id', 'in', ids).orderBy('sort').orderBy('id').execute(),
      ])
    : [[], []];
  const firstImage = new Map<string, string>();
  for (const img of images) if (!firstImage.has(img.product_id)) firstImage.set(img.product_id, imageUrl(img.file_name));
  const original = new Map<string, number | null>();
  for (const r of page) {
    const cheapest = origPrices.filter((s) => s.product_id === r.id && s.price_fen === r.min_price_fen)[0];
    original.set(r.id, cheapest?.original_price_fen ?? null);
  }
  return {
    items: page.map((r) => ({
      id: r.id,
      title: r.title,
      shopId: r.shop_id,
      shopName: r.shop_name,
      categoryId: r.category_id,
      priceFen: r.min_price_fen,
      originalPriceFen: original.get(r.id) ?? null,
      imageUrl: firstImage.get(r.id) ?? null,
      sales: r.sales,
      status: r.status,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

/** A product with SKUs. Shoppers see listed products only; members of the shop see any status. */
export async function productDetail(db: Db, productId: string, viewer: Actor | null): Promise<ProductDetail> {
  const p = await db
    .selectFrom('products')
    .innerJoin('shops', 'shops.id', 'products.shop_id')
    .innerJoin('categories', 'categories.id', 'products.category_id')
    .select(['products.id', 'products.title', 'products.description', 'products.status', 'products.shop_id', 'shops.name as shop_name', 'shops.origin', 'products.category_id', 'products.spec_options', 'products.min_price_fen', 'products.sales', 'categories.ship_by_hours', 'categories.perishable'])
    .where('products.id', '=', productId)
    .executeTakeFirst();
  if (!p || (p.status !== 'listed' && !viewer?.shops.has(p.shop_id))) throw notFound('product', productId);
  const [skus, images] = await Promise.all([
    db.selectFrom('skus').selectAll().where('product_id', '=', productId).orderBy('id').execute(),
    db.selectFrom('product_images').select(['file_name']).where('product_id', '=', productId).orderBy('sort').orderBy('id').execute(),
  ]);
  const cheapest = skus.find((s) => s.price_fen === p.min_price_fen);
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    status: p.status,
    categoryId: p.category_id,
    shop: { id: p.shop_id, name: p.shop_name, origin: p.origin },
    priceFen: p.min_price_fen,
    originalPriceFen: cheapest?.original_price_fen ?? null,
    sales: p.sales,
    specOptions: JSON.parse(p.spec_options) as ProductDetail['specOptions'],
    skus: skus.map((s) => ({ id: s.id, specValues: JSON.parse(s.spec_values) as string[], priceFen: s.price_fen, originalPriceFen: s.original_price_fen, stock: s.stock })),
    images: images.map((i) => imageUrl(i.file_name)),
    rules: { shipByHours: p.ship_by_hours, perishable: p.perishable === 1 },
  };
}
