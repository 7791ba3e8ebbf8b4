import { sql, type Kysely } from 'kysely';

/** Accounts, catalog, inventory, cart, checkout, orders, payments, outbox, sandbox gateway. */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint'; // epoch ms
  const fen = 'bigint'; // integer fen

  await s
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await s
    .createTable('user_roles')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();

  await s
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('revoked_at', ms)
    .execute();

  await s
    .createTable('addresses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('addresses_user').on('addresses').columns(['user_id', 'is_default', 'id']).execute();

  await s
    .createTable('shops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('shipping_fee_fen', fen, (c) => c.notNull())
    .addColumn('free_shipping_over_fen', fen)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await s
    .createTable('shop_members')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('shop_members_pk', ['shop_id', 'user_id'])
    .execute();
  await s.createIndex('shop_members_user').on('shop_members').column('user_id').execute();

  await s
    .createTable('categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('categories.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ship_by_hours', 'integer', (c) => c.notNull())
    .addColumn('perishable', 'integer', (c) => c.notNull())
    .addColumn('fee_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await s
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('category_id', 'text', (c) => c.notNull().references('categories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('spec_options', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('min_price_fen', fen, (c) => c.notNull())
    .addColumn('sales', 'bigint', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('products_shop').on('products').columns(['shop_id', 'status', 'id']).execute();
  await s.createIndex('products_status').on('products').columns(['status', 'id']).execute();
  await s.createIndex('products_category').on('products').columns(['category_id', 'status', 'id']).execute();

  await s
    .createTable('skus')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('spec_values', 'text', (c) => c.notNull())
    .addColumn('spec_key', 'text', (c) => c.notNull())
    .addColumn('price_fen', fen, (c) => c.notNull())
    .addColumn('original_price_fen', fen)
    .addColumn('stock', 'bigint', (c) => c.notNull().check(sql`stock >= 0`))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addUniqueConstraint('skus_product_spec', ['product_id', 'spec_key'])
    .execute();
  await s.createIndex('skus_product').on('skus').column('product_id').execute();

  await s
    .createTable('product_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('product_images_product').on('product_images').columns(['product_id', 'sort']).execute();

  await s
    .createTable('cart_items')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('sku_id', 'text', (c) => c.notNull().references('skus.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('attribution', 'text', (c) => c.notNull())
    .addColumn('added_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('cart_items_pk', ['user_id', 'sku_id'])
    .execute();

  await s
    .createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'scope', 'key'])
    .execute();

  await s
    .createTable('checkouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('buyer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('total_fen', fen, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await s
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('checkout_id', 'text', (c) => c.notNull().references('checkouts.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('buyer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('items_fen', fen, (c) => c.notNull())
    .addColumn('shipping_fee_fen', fen, (c) => c.notNull())
    .addColumn('total_fen', fen, (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('buyer_note', 'text', (c) => c.notNull())
    .addColumn('pay_deadline', ms, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('paid_at', ms)
    .addColumn('shipped_at', ms)
    .addColumn('delivered_at', ms)
    .addColumn('completed_at', ms)
    .addColumn('cancelled_at', ms)
    .addColumn('cancel_reason', 'text')
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('orders_buyer').on('orders').columns(['buyer_id', 'id']).execute();
  await s.createIndex('orders_shop').on('orders').columns(['shop_id', 'status', 'id']).execute();
  await s.createIndex('orders_shop_id').on('orders').columns(['shop_id', 'id']).execute();
  await s.createIndex('orders_unpaid_deadline').on('orders').columns(['status', 'pay_deadline']).execute();
  await s.createIndex('orders_checkout').on('orders').column('checkout_id').execute();

  await s
    .createTable('order_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('sku_id', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('spec_values', 'text', (c) => c.notNull())
    .addColumn('unit_price_fen', fen, (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('line_total_fen', fen, (c) => c.notNull())
    .addColumn('ship_by_hours', 'integer', (c) => c.notNull())
    .addColumn('fee_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('perishable', 'integer', (c) => c.notNull())
    .addColumn('attr_source', 'text', (c) => c.notNull())
    .addColumn('attr_content_id', 'text')
    .addColumn('attr_creator_id', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('order_lines_order').on('order_lines').column('order_id').execute();

  await s
    .createTable('order_transitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('order_transitions_order').on('order_transitions').columns(['order_id', 'id']).execute();

  await s
    .createTable('stock_reservations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('sku_id', 'text', (c) => c.notNull().references('skus.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('stock_reservations_order').on('stock_reservations').column('order_id').execute();
  await s.createIndex('stock_reservations_sku').on('stock_reservations').columns(['sku_id', 'status']).execute();

  await s
    .createTable('shipments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('tracking_no', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('delivered_at', ms)
    .addUniqueConstraint('shipments_tracking', ['carrier', 'tracking_no'])
    .execute();
  await s.createIndex('shipments_order').on('shipments').column('order_id').execute();

  await s
    .createTable('shipment_lines')
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('order_line_id', 'text', (c) => c.notNull().references('order_lines.id'))
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shipment_lines_pk', ['shipment_id', 'order_line_id'])
    .execute();
  await s.createIndex('shipment_lines_order').on('shipment_lines').column('order_id').execute();

  await s
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('checkout_id', 'text', (c) => c.notNull().references('checkouts.id'))
    .addColumn('buyer_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('amount_fen', fen, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provider_txn_id', 'text')
    .addColumn('cashier_url', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('paid_at', ms)
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addUniqueConstraint('payments_provider_txn', ['provider', 'provider_txn_id'])
    .execute();
  await s.createIndex('payments_checkout').on('payments').column('checkout_id').execute();

  await s
    .createTable('payment_notifications')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('provider_txn_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('received_at', ms, (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_notifications_pk', ['provider', 'event_id'])
    .execute();

  await s
    .createTable('refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('amount_fen', fen, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('request_key', 'text', (c) => c.notNull().unique())
    .addColumn('provider_refund_id', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('completed_at', ms)
    .execute();
  await s.createIndex('refunds_pending').on('refunds').columns(['status', 'created_at']).execute();
  await s.createIndex('refunds_order').on('refunds').column('order_id').execute();

  await s
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('dispatched_at', ms)
    .execute();
  await s.createIndex('outbox_pending').on('outbox').columns(['dispatched_at', 'id']).execute();

  await s
    .createTable('sandbox_txns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_ref', 'text', (c) => c.notNull().unique())
    .addColumn('amount_fen', fen, (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notify_url', 'text', (c) => c.notNull())
    .addColumn('return_url', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('paid_at', ms)
    .addColumn('refunded_fen', fen, (c) => c.notNull())
    .execute();

  await s
    .createTable('sandbox_refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('txn_id', 'text', (c) => c.notNull().references('sandbox_txns.id'))
    .addColumn('amount_fen', fen, (c) => c.notNull())
    .addColumn('request_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await s
    .createTable('sandbox_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', ms, (c) => c.notNull())
    .addColumn('delivered_at', ms)
    .addColumn('last_error', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s
    .createIndex('sandbox_deliveries_due')
    .on('sandbox_deliveries')
    .columns(['delivered_at', 'next_attempt_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('the foundation migration is not reversible');
}
