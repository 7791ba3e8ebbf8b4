import type { Kysely } from 'kysely';
import { createSearchStructures, backfillSearchIndex } from '../../search/index.js';

/**
 * Product search: segmented documents with FTS5 (SQLite) or a tsvector + GIN (PostgreSQL), and
 * the existing products indexed. Also the shelf's covering indexes: a product card reads the
 * cheapest SKU's original price and the first image without touching the SKU or image rows.
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
  await createSearchStructures(db);
  // Migrations run outside any request, so there is no injected clock here: the time only records when a document was written.
  await backfillSearchIndex(db, Date.now());
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
