/**
 * The shelf (货架) of a shop or category page, sorted the ways shoppers sort it: newest, best
 * selling, cheapest, dearest. Keyset pages (the cursor carries the sort key and the id), listed
 * products only, the category including its children.
 */
import type { Db } from '../context.js';
import { invalid } from '../platform/index.js';
import { productCardsByIds, type Page, type ProductCard } from './product-views.js';

export const SHELF_SORTS = ['new', 'sales', 'price_asc', 'price_desc'] as const;
export type ShelfSort = (typeof SHELF_SORTS)[number];

export interface ShelfQuery {
  shopId?: string | undefined;
  categoryId?: string | undefined;
  sort?: ShelfSort | undefined;
  cursor?: string | undefined;
  limit: number;
}

interface Key {
  value: number;
  id: string;
}

export function encodeShelfCursor(key: Key): string {
  return Buffer.from(JSON.stringify([key.value, key.id])).toString('base64url');
}

export function decodeShelfCursor(cursor: string): Key {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !Number.isSafeInteger(parsed[0]) ||
    typeof parsed[1] !== 'string' ||
    !/^prd_[0-9a-z]{26}$/.test(parsed[1])
  ) {
    throw invalid('cursor is not valid', { field: 'cursor' });
  }
  return { value: parsed[0] as number, id: parsed[1] };
}

const COLUMN = {
  new: null,
  sales: 'products.sales',
  price_asc: 'products.min_price_fen',
  price_desc: 'products.min_price_fen',
} as const;

export async function shelfProducts(db: Db, q: ShelfQuery): Promise<Page<ProductCard>> {
  const sort = q.sort ?? 'new';
  if (!SHELF_SORTS.includes(sort)) throw invalid('unknown sort', { field: 'sort' });
  const column = COLUMN[sort];
  const ascending = sort === 'price_asc';
  let query = db
    .selectFrom('products')
    .select(['products.id', 'products.sales', 'products.min_price_fen'])
    .where('products.status', '=', 'listed')
    .limit(q.limit + 1);
  if (column) query = query.orderBy(column, ascending ? 'asc' : 'desc');
  query = query.orderBy('products.id', 'desc');
  if (q.shopId) query = query.where('products.shop_id', '=', q.shopId);
  if (q.categoryId) {
    const catId = q.categoryId;
    query = query.where((eb) =>
      eb.or([
        eb('products.category_id', '=', catId),
        eb('products.category_id', 'in', eb.selectFrom('categories').select('id').where('parent_id', '=', catId)),
      ]),
    );
  }
  if (q.cursor) {
    const key = decodeShelfCursor(q.cursor);
    query = column
      ? query.where((eb) =>
          eb.or([
            eb(column, ascending ? '>' : '<', key.value),
            eb.and([eb(column, '=', key.value), eb('products.id', '<', key.id)]),
          ]),
        )
      : query.where('products.id', '<', key.id);
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const valueOf = (r: (typeof rows)[number]): number =>
    sort === 'sales' ? r.sales : sort === 'new' ? 0 : r.min_price_fen;
  return {
    items: await productCardsByIds(
      db,
      page.map((r) => r.id),
      true,
    ),
    nextCursor: rows.length > q.limit && last ? encodeShelfCursor({ value: valueOf(last), id: last.id }) : null,
  };
}
