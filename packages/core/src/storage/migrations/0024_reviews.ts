import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Buyer reviews (商品评价): one review per order line (three star ratings, text, photos, the rule
 * book's flags), its one follow-up and the shop's one reply; review photos uploaded ahead of the
 * review; and the product's review figures (count, star sums, good, bad, with photos).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('order_line_id', 'text', (c) => c.notNull().unique().references('order_lines.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('sku_id', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('buyer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('spec_values', 'text', (c) => c.notNull())
    .addColumn('product_stars', 'integer', (c) => c.notNull().check(sqlRange('product_stars')))
    .addColumn('logistics_stars', 'integer', (c) => c.notNull().check(sqlRange('logistics_stars')))
    .addColumn('service_stars', 'integer', (c) => c.notNull().check(sqlRange('service_stars')))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('has_photos', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('followup_text', 'text')
    .addColumn('followup_flags', 'text')
    .addColumn('followup_at', ms)
    .addColumn('reply_text', 'text')
    .addColumn('reply_flags', 'text')
    .addColumn('reply_by', 'text', (c) => c.references('users.id'))
    .addColumn('reply_at', ms)
    .execute();
  await s.createIndex('reviews_product_order').on('reviews').columns(['product_id', 'has_photos', 'id']).execute();
  await s.createIndex('reviews_shop').on('reviews').columns(['shop_id', 'id']).execute();
  await s.createIndex('reviews_buyer').on('reviews').columns(['buyer_id', 'id']).execute();
  await s.createIndex('reviews_order').on('reviews').columns(['order_id']).execute();

  await s
    .createTable('review_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uploader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('review_id', 'text', (c) => c.references('reviews.id'))
    .addColumn('part', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('review_photos_review').on('review_photos').columns(['review_id', 'part', 'sort']).execute();
  await s.createIndex('review_photos_uploader').on('review_photos').columns(['uploader_id', 'review_id']).execute();

  await s
    .createTable('product_review_stats')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('reviews', ms, (c) => c.notNull())
    .addColumn('product_star_sum', ms, (c) => c.notNull())
    .addColumn('logistics_star_sum', ms, (c) => c.notNull())
    .addColumn('service_star_sum', ms, (c) => c.notNull())
    .addColumn('good', ms, (c) => c.notNull())
    .addColumn('bad', ms, (c) => c.notNull())
    .addColumn('with_photos', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
}

function sqlRange(column: string) {
  return sql.raw(`${column} between 1 and 5`);
}

export async function down(): Promise<void> {
  throw new Error('0024_reviews cannot be reverted');
}
