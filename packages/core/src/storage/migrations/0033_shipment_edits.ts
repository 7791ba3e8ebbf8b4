import type { Kysely } from 'kysely';

/**
 * The audit of changes after checkout that the open platform's ERPs make or hear about: a
 * parcel's carrier and tracking number edited by the shop (the logistics module), and the
 * delivery address of an unshipped order changed by its buyer (the orders module). And the
 * index an ERP's most frequent call walks: a shop's orders of one status, newest first
 * (order.searchList), read in order and stopped after one page instead of sorted whole.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('shipment_edits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('old_carrier', 'text', (c) => c.notNull())
    .addColumn('old_tracking_no', 'text', (c) => c.notNull())
    .addColumn('new_carrier', 'text', (c) => c.notNull())
    .addColumn('new_tracking_no', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shipment_edits_shipment').on('shipment_edits').columns(['shipment_id', 'at']).execute();
  await db.schema
    .createTable('order_address_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('old_address', 'text', (c) => c.notNull())
    .addColumn('new_address', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('orders_shop_status_created')
    .on('orders')
    .columns(['shop_id', 'status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('order_address_changes_order')
    .on('order_address_changes')
    .columns(['order_id', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_shop_status_created').execute();
  await db.schema.dropTable('order_address_changes').execute();
  await db.schema.dropTable('shipment_edits').execute();
}
