import type { Kysely } from 'kysely';

/**
 * Favourites (收藏): one row per person and product, and the product's favourite count kept next
 * to it in the same transaction. Cart lines remember whether they are selected for 结算 (new and
 * existing lines start selected). A buyer's coupon wallet reads their claims newest first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('favourites')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('favourites_pk', ['user_id', 'product_id'])
    .execute();
  await s
    .createIndex('favourites_user_time')
    .on('favourites')
    .columns(['user_id', 'created_at', 'product_id'])
    .execute();
  await s
    .alterTable('products')
    .addColumn('favourites', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await s
    .alterTable('cart_items')
    .addColumn('selected', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await s.createIndex('live_coupon_claims_user').on('live_coupon_claims').columns(['user_id', 'coupon_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
