/** Read models of the catalog for shoppers (listed products only) and for the shop's own staff. */
import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { Actor, Db } from '../context.js';
import { notFound } from '../platform/index.js';

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

/**
 * A product's page as the catalog knows it. What the buyer is promised now (surge protection) is
 * added above, by capacity's `productDetail`, which reads the shop's load alongside.
 */
export interface CatalogProductDetail extends Omit<ProductCard, 'shopId' | 'shopName' | 'imageUrl'> {
  description: string;
  shop: { id: string; name: string; origin: string };
  specOptions: Array<{ name: string; values: string[] }>;
  skus: Array<{ id: string; specValues: string[]; priceFen: number; originalPriceFen: number | null; stock: number }>;
  images: string[];
  rules: { shipByHours: number; perishable: boolean };
  /** How many people have it in their favourites (收藏). */
  favourites: number;
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

/**
 * The card's columns in one statement: the cheapest SKU's original price and the first image come
 * from correlated subqueries over covering indexes (skus_product_price, product_images_first), so a
 * page is one query instead of three, and no SKU or image rows are read beyond the one needed.
 */
function cardQuery(db: Db) {
  return db
    .selectFrom('products')
    .innerJoin('shops', 'shops.id', 'products.shop_id')
    .select((eb) => [
      'products.id',
      'products.title',
      'products.shop_id',
      'shops.name as shop_name',
      'products.category_id',
      'products.min_price_fen',
      'products.sales',
      'products.status',
      eb
        .selectFrom('skus')
        .select('skus.original_price_fen')
        .whereRef('skus.product_id', '=', 'products.id')
        .whereRef('skus.price_fen', '=', 'products.min_price_fen')
        .orderBy('skus.id')
        .limit(1)
        .as('original_price_fen'),
      eb
        .selectFrom('product_images')
        .select('product_images.file_name')
        .whereRef('product_images.product_id', '=', 'products.id')
        .orderBy('product_images.sort')
        .orderBy('product_images.id')
        .limit(1)
        .as('image_file'),
    ]);
}

type CardRow = Awaited<ReturnType<ReturnType<typeof cardQuery>['execute']>>[number];

function toCard(r: CardRow): ProductCard {
  return {
    id: r.id,
    title: r.title,
    shopId: r.shop_id,
    shopName: r.shop_name,
    categoryId: r.category_id,
    priceFen: r.min_price_fen,
    originalPriceFen: r.original_price_fen ?? null,
    imageUrl: r.image_file ? imageUrl(r.image_file) : null,
    sales: r.sales,
    status: r.status,
  };
}

/** Cards of the given products, in the order of `ids` (missing ones and, with `onlyListed`, unlisted ones are left out). */
export async function productCardsByIds(db: Db, ids: string[], onlyListed: boolean): Promise<ProductCard[]> {
  if (ids.length === 0) return [];
  let query = cardQuery(db).where('products.id', 'in', ids);
  if (onlyListed) query = query.where('products.status', '=', 'listed');
  const byId = new Map((await query.execute()).map((r) => [r.id, toCard(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const LIMIT_SENTINEL = -770_001;
const sentinel = (name: string): string => `\u0000${name}`;
const listingSql = new Map<string, { sql: string; params: unknown[] }>();

/**
 * The listing's SQL is fixed per shape (which filters are present), so it is built and compiled
 * once per shape with sentinel parameters and reused; only the values change per call. Kysely's
 * builder and compiler cost about as much as the query itself on this hot path.
 */
function listingQuery(db: Db, q: ProductQuery, onlyListed: boolean): CompiledQuery<CardRow> {
  const status = onlyListed ? 'listed' : q.status;
  const dialect = db.getExecutor().adapter instanceof PostgresAdapter ? 'pg' : 'sqlite';
  const key = `${dialect}|${status ? 's' : ''}|${q.shopId ? 'h' : ''}|${q.categoryId ? 'c' : ''}|${q.cursor ? 'k' : ''}`;
  let shape = listingSql.get(key);
  if (!shape) {
    let query = cardQuery(db).orderBy('products.id', 'desc').limit(LIMIT_SENTINEL);
    if (status) query = query.where('products.status', '=', sentinel('status'));
    if (q.shopId) query = query.where('products.shop_id', '=', sentinel('shopId'));
    if (q.categoryId) {
      const catId = sentinel('categoryId');
      query = query.where((eb) =>
        eb.or([
          eb('products.category_id', '=', catId),
          eb('products.category_id', 'in', eb.selectFrom('categories').select('id').where('parent_id', '=', catId)),
        ]),
      );
    }
    if (q.cursor) query = query.where('products.id', '<', sentinel('cursor'));
    const compiled = query.compile();
    shape = { sql: compiled.sql, params: [...compiled.parameters] };
    listingSql.set(key, shape);
  }
  const values: Record<string, unknown> = {
    [sentinel('status')]: status,
    [sentinel('shopId')]: q.shopId,
    [sentinel('categoryId')]: q.categoryId,
    [sentinel('cursor')]: q.cursor,
  };
  return CompiledQuery.raw(
    shape.sql,
    shape.params.map((p) =>
      p === LIMIT_SENTINEL ? q.limit + 1 : typeof p === 'string' && p in values ? values[p] : p,
    ),
  ) as CompiledQuery<CardRow>;
}

/** Newest first, keyset-paginated by id. `onlyListed` for shoppers; staff see every status of their shop. */
export async function listProducts(db: Db, q: ProductQuery, onlyListed: boolean): Promise<Page<ProductCard>> {
  const { rows } = await db.executeQuery(listingQuery(db, q, onlyListed));
  const page = rows.slice(0, q.limit);
  return { items: page.map(toCard), nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
}

/** What a caller of `catalogProductDetail` may read alongside the SKUs and images, from the product's row. */
export interface ProductKey {
  id: string;
  shopId: string;
  shipByHours: number;
}

/**
 * A product with SKUs. Shoppers see listed products only; members of the shop see any status.
 * `alongside` runs in parallel with the SKU and image reads, once the product is found (capacity
 * reads the sale terms there), and its result is returned with the detail.
 */
export async function catalogProductDetail<T>(
  db: Db,
  productId: string,
  viewer: Actor | null,
  alongside: (product: ProductKey) => Promise<T>,
): Promise<{ detail: CatalogProductDetail; alongside: T }> {
  const p = await db
    .selectFrom('products')
    .innerJoin('shops', 'shops.id', 'products.shop_id')
    .innerJoin('categories', 'categories.id', 'products.category_id')
    .select([
      'products.id',
      'products.title',
      'products.description',
      'products.status',
      'products.shop_id',
      'shops.name as shop_name',
      'shops.origin',
      'products.category_id',
      'products.spec_options',
      'products.min_price_fen',
      'products.sales',
      'products.favourites',
      'categories.ship_by_hours',
      'categories.perishable',
    ])
    .where('products.id', '=', productId)
    .executeTakeFirst();
  if (!p || (p.status !== 'listed' && !viewer?.shops.has(p.shop_id))) throw notFound('product', productId);
  const [skus, images, extra] = await Promise.all([
    db.selectFrom('skus').selectAll().where('product_id', '=', productId).orderBy('id').execute(),
    db
      .selectFrom('product_images')
      .select(['file_name'])
      .where('product_id', '=', productId)
      .orderBy('sort')
      .orderBy('id')
      .execute(),
    alongside({ id: p.id, shopId: p.shop_id, shipByHours: p.ship_by_hours }),
  ]);
  const cheapest = skus.find((s) => s.price_fen === p.min_price_fen);
  const detail: CatalogProductDetail = {
    id: p.id,
    title: p.title,
    description: p.description,
    status: p.status,
    categoryId: p.category_id,
    shop: { id: p.shop_id, name: p.shop_name, origin: p.origin },
    priceFen: p.min_price_fen,
    originalPriceFen: cheapest?.original_price_fen ?? null,
    sales: p.sales,
    favourites: Number(p.favourites),
    specOptions: JSON.parse(p.spec_options) as CatalogProductDetail['specOptions'],
    skus: skus.map((s) => ({
      id: s.id,
      specValues: JSON.parse(s.spec_values) as string[],
      priceFen: s.price_fen,
      originalPriceFen: s.original_price_fen,
      stock: s.stock,
    })),
    images: images.map((i) => imageUrl(i.file_name)),
    rules: { shipByHours: p.ship_by_hours, perishable: p.perishable === 1 },
  };
  return { detail, alongside: extra };
}

/** The first image of each product, for lists that show a thumbnail (cart, order lines). */
export async function firstImages(db: Db, productIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(productIds)];
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('product_images')
    .select(['product_id', 'file_name'])
    .where('product_id', 'in', ids)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  for (const r of rows) if (!out.has(r.product_id)) out.set(r.product_id, imageUrl(r.file_name));
  return out;
}
