import { sql, type Kysely } from 'kysely';

/**
 * Supply and traceability (供应链 / 溯源): suppliers, production bases, batches with their
 * quality checks and photos, and the batch(es) each shipped order line's units came from.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('suppliers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('suppliers_shop_name').on('suppliers').columns(['shop_id', 'name']).unique().execute();

  await s
    .createTable('production_bases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('supplier_id', 'text', (c) => c.references('suppliers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s
    .createIndex('production_bases_shop_name')
    .on('production_bases')
    .columns(['shop_id', 'name'])
    .unique()
    .execute();

  await s
    .createTable('supply_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('sku_id', 'text', (c) => c.notNull().references('skus.id'))
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.id'))
    .addColumn('base_id', 'text', (c) => c.references('production_bases.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('harvested_at', ms, (c) => c.notNull())
    .addColumn('shelf_life_days', 'integer')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('remaining', 'integer', (c) => c.notNull().check(sql`remaining >= 0`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_at', ms)
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('supply_batches_shop_code').on('supply_batches').columns(['shop_id', 'code']).unique().execute();
  // FIFO: a SKU's batches with units left, oldest harvest first.
  await s
    .createIndex('supply_batches_sku_fifo')
    .on('supply_batches')
    .columns(['sku_id', 'harvested_at', 'id'])
    .execute();
  await s.createIndex('supply_batches_product').on('supply_batches').columns(['product_id', 'harvested_at']).execute();
  await s.createIndex('supply_batches_supplier').on('supply_batches').column('supplier_id').execute();

  await s
    .createTable('supply_qc_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('supply_batches.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('inspector', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('checked_at', ms, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('supply_qc_records_batch').on('supply_qc_records').columns(['batch_id', 'checked_at']).execute();

  await s
    .createTable('supply_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('attached_to', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('supply_photos_attached').on('supply_photos').columns(['attached_to', 'id']).execute();

  await s
    .createTable('order_line_batches')
    .addColumn('order_line_id', 'text', (c) => c.notNull().references('order_lines.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('supply_batches.id'))
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('order_line_batches_pk', ['order_line_id', 'batch_id'])
    .execute();
  await s.createIndex('order_line_batches_batch').on('order_line_batches').column('batch_id').execute();
  await s.createIndex('order_line_batches_order').on('order_line_batches').column('order_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('0010_supply cannot be reverted');
}
