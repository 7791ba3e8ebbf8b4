import type { Kysely } from 'kysely';

/**
 * Live coupons are spent at checkout: a claim records the order it was used on (one use; given
 * back when that order is cancelled unpaid), and orders and their lines keep the discount next to
 * the price, so the line total stays what the buyer paid for the line. Order lines are indexed by
 * the content they are credited to, for the live dashboard.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('live_coupon_claims').addColumn('used_order_id', 'text').execute();
  await db.schema.alterTable('live_coupon_claims').addColumn('used_at', 'bigint').execute();
  await db.schema
    .alterTable('orders')
    .addColumn('discount_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('order_lines')
    .addColumn('discount_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('live_coupon_claims_used_order')
    .on('live_coupon_claims')
    .column('used_order_id')
    .execute();
  // A live room's dashboard sums the order lines credited to it, every second.
  await db.schema
    .createIndex('order_lines_content')
    .on('order_lines')
    .columns(['attr_content_id', 'product_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
