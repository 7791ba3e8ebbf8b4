import { sql, type Kysely } from 'kysely';

/**
 * Sample requests (寄样): a creator asks a merchant for a sample of a product open to them; an
 * approved request becomes a zero-price order the merchant ships like any other.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('affiliate_sample_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('creator_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('sku_id', 'text', (c) => c.notNull().references('skus.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('requested', 'approved', 'rejected', 'cancelled')`),
    )
    .addColumn('reason', 'text')
    .addColumn('order_id', 'text', (c) => c.references('orders.id'))
    // The product while a request waits: one waiting request per creator and product.
    .addColumn('open_key', 'text', (c) => c.unique())
    .addColumn('decided_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('affiliate_samples_shop')
    .on('affiliate_sample_requests')
    .columns(['shop_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('affiliate_samples_creator')
    .on('affiliate_sample_requests')
    .columns(['creator_id', 'product_id', 'id'])
    .execute();
}
