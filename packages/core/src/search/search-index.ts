/**
 * Keeps `search_documents` current: called inside the catalog's own transactions (a product is
 * created or edited) and when a shop or category is renamed. The migrations that created and
 * rewrote the documents (0004, 0019) carry their own frozen copy of these rules and never call here.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';
import { cutForSearch, cutWords } from './segmenter.js';
import { indexTerms, wholeWords } from './terms.js';
import { withPinyin } from './pinyin.js';
import { reindexShopSubjects } from './subject-index.js';

type Store = Kysely<Database>;

export interface SearchSource {
  productId: string;
  title: string;
  categoryNames: string[];
  shopName: string;
}

export function documentOf(src: SearchSource, now: number): Database['search_documents'] {
  return {
    product_id: src.productId,
    title_terms: withPinyin(indexTerms(src.title, cutForSearch)).join(' '),
    title_words: wholeWords(src.title, cutWords).join(' '),
    category_terms: withPinyin(indexTerms(src.categoryNames.join(' '), cutForSearch)).join(' '),
    shop_terms: withPinyin(indexTerms(src.shopName, cutForSearch)).join(' '),
    updated_at: now,
  };
}

function sources(db: Store) {
  return db
    .selectFrom('products')
    .innerJoin('shops', 'shops.id', 'products.shop_id')
    .innerJoin('categories', 'categories.id', 'products.category_id')
    .leftJoin('categories as parent', 'parent.id', 'categories.parent_id')
    .select([
      'products.id',
      'products.title',
      'shops.name as shop_name',
      'categories.name as category_name',
      'parent.name as parent_name',
    ]);
}

async function write(
  db: Store,
  rows: Array<{ id: string; title: string; shop_name: string; category_name: string; parent_name: string | null }>,
  now: number,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const docs = rows.slice(i, i + 200).map((r) =>
      documentOf(
        {
          productId: r.id,
          title: r.title,
          shopName: r.shop_name,
          categoryNames: [r.parent_name ?? '', r.category_name],
        },
        now,
      ),
    );
    await db
      .insertInto('search_documents')
      .values(docs)
      .onConflict((oc) =>
        oc.column('product_id').doUpdateSet((eb) => ({
          title_terms: eb.ref('excluded.title_terms'),
          title_words: eb.ref('excluded.title_words'),
          category_terms: eb.ref('excluded.category_terms'),
          shop_terms: eb.ref('excluded.shop_terms'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/** (Re)indexes one product; pass the transaction that changed it. */
export async function indexProduct(db: Store, productId: string, now: number): Promise<void> {
  await write(db, await sources(db).where('products.id', '=', productId).execute(), now);
}

/** After a shop is renamed: its products carry the shop's name in their documents, its videos and rooms too. */
export async function reindexShop(db: Store, shopId: string, now: number): Promise<void> {
  await write(db, await sources(db).where('products.shop_id', '=', shopId).execute(), now);
  await reindexShopSubjects(db, shopId, now);
}

/** After a category is renamed: its products and those of its children. */
export async function reindexCategory(db: Store, categoryId: string, now: number): Promise<void> {
  const rows = await sources(db)
    .where((eb) => eb.or([eb('products.category_id', '=', categoryId), eb('categories.parent_id', '=', categoryId)]))
    .execute();
  await write(db, rows, now);
}

/** Rewrites every product's document with today's rules (e.g. after the rules change); returns how many. */
export async function reindexAllProducts(db: Store, now: number): Promise<number> {
  let indexed = 0;
  let after = '';
  for (;;) {
    const rows = await sources(db).where('products.id', '>', after).orderBy('products.id').limit(1000).execute();
    if (rows.length === 0) return indexed;
    await write(db, rows, now);
    indexed += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}

/** Indexes every product that has no document yet (a backfill, like migration 0004's; safe to rerun). */
export async function backfillSearchIndex(db: Store, now: number): Promise<number> {
  let indexed = 0;
  let after = '';
  for (;;) {
    const rows = await sources(db)
      .where('products.id', '>', after)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('search_documents')
              .select('product_id')
              .whereRef('search_documents.product_id', '=', 'products.id'),
          ),
        ),
      )
      .orderBy('products.id')
      .limit(1000)
      .execute();
    if (rows.length === 0) return indexed;
    await write(db, rows, now);
    indexed += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}
