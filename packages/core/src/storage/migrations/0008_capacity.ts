import type { Kysely } from 'kysely';

/**
 * Surge protection (爆单保护): the shipping capacity a shop declares per day and warehouse, the
 * policy each product follows as the projection nears the limit, and the pre-sale ship-by date a
 * checkout promised (the order's ship-by deadline is that date instead of "hours after payment").
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('shop_capacity')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('warehouse', 'text', (c) => c.notNull()) // 'default' until a shop has several
    .addColumn('per_day', 'integer', (c) => c.notNull()) // orders shipped per day (Asia/Shanghai)
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('shop_capacity_pk', ['shop_id', 'warehouse'])
    .execute();

  await s
    .createTable('product_surge_policies')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('policy', 'text', (c) => c.notNull()) // warn | presale | pause
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s
    .createIndex('product_surge_policies_shop')
    .on('product_surge_policies')
    .columns(['shop_id', 'product_id'])
    .execute();

  // The pre-sale date promised at checkout (null: the usual "ships within N hours of payment").
  await s.alterTable('orders').addColumn('promised_ship_by_at', ms).execute();
}

export async function down(): Promise<void> {
  throw new Error('0008_capacity cannot be reverted');
}
