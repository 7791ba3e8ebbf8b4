import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect-of.js';
import { productSources, writeProductDocuments } from './frozen-search-terms.js';

/**
 * Product search: segmented documents with FTS5 (SQLite) or a tsvector + GIN (PostgreSQL), and
 * the existing products indexed. Also the shelf's covering indexes: a product card reads the
 * cheapest SKU's original price and the first image without touching the SKU or image rows.
 * Self-contained (the structures and the documents as they were then, see frozen-search-terms.ts):
 * it calls no module code that may change later.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('skus_product_price')
    .on('skus')
    .columns(['product_id', 'price_fen', 'id', 'original_price_fen'])
    .execute();
  await db.schema
    .createIndex('product_images_first')
    .on('product_images')
    .columns(['product_id', 'sort', 'id', 'file_name'])
    .execute();
  // The shelf sorted by sales or price across all listed products (shop and category pages filter first by their own indexes).
  await db.schema.createIndex('products_listed_sales').on('products').columns(['status', 'sales', 'id']).execute();
  await db.schema
    .createIndex('products_listed_price')
    .on('products')
    .columns(['status', 'min_price_fen', 'id'])
    .execute();
  await createSearchDocuments(db);
  // Migrations run outside any request, so there is no injected clock here: the time only records when a document was written.
  await backfill(db, Date.now());
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}

/**
 * `search_documents` and the dialect's full-text structures over it:
 *  - SQLite: an external-content FTS5 table `search_fts` (rowid = the document's integer id, which
 *    an INTEGER PRIMARY KEY keeps stable across VACUUM), kept in step by triggers;
 *  - PostgreSQL: a generated `tsv` column (to_tsvector('simple', …), weights A/B/C for title,
 *    category, shop) with a GIN index.
 */
async function createSearchDocuments(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  let table = db.schema.createTable('search_documents');
  if (dialect === 'sqlite') table = table.addColumn('id', 'integer', (c) => c.primaryKey());
  await table
    .addColumn('product_id', 'text', (c) => c.notNull().unique().references('products.id'))
    .addColumn('title_terms', 'text', (c) => c.notNull())
    .addColumn('title_words', 'text', (c) => c.notNull())
    .addColumn('category_terms', 'text', (c) => c.notNull())
    .addColumn('shop_terms', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  if (dialect === 'postgres') {
    await sql`alter table search_documents add column tsv tsvector generated always as (
      setweight(to_tsvector('simple', title_terms), 'A') ||
      setweight(to_tsvector('simple', category_terms), 'B') ||
      setweight(to_tsvector('simple', shop_terms), 'C')) stored`.execute(db);
    await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
    return;
  }
  await sql`create virtual table search_fts using fts5(title_terms, category_terms, shop_terms,
    content='search_documents', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`.execute(db);
  const cols = sql`title_terms, category_terms, shop_terms`;
  const add = (r: 'new' | 'old') =>
    sql`insert into search_fts(rowid, title_terms, category_terms, shop_terms) values (${sql.raw(r)}.id, ${sql.raw(r)}.title_terms, ${sql.raw(r)}.category_terms, ${sql.raw(r)}.shop_terms);`;
  const del = sql`insert into search_fts(search_fts, rowid, ${cols}) values ('delete', old.id, old.title_terms, old.category_terms, old.shop_terms);`;
  await sql`create trigger search_documents_ai after insert on search_documents begin ${add('new')} end`.execute(db);
  await sql`create trigger search_documents_ad after delete on search_documents begin ${del} end`.execute(db);
  await sql`create trigger search_documents_au after update on search_documents begin ${del} ${add('new')} end`.execute(
    db,
  );
}

/** A document for every product that has none yet, without pinyin (0019 added it and rewrote them all). */
async function backfill(db: Kysely<any>, now: number): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await productSources(db)
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
    if (rows.length === 0) return;
    await writeProductDocuments(db, rows, now, false);
    after = rows[rows.length - 1]!.id;
  }
}
