import { sql, type Kysely } from 'kysely';

/**
 * Live rooms (直播): rooms and their shopping bag (小黄车), flash sales (秒杀) whose remaining units
 * and per-buyer counts are guarded by conditional updates and check constraints, the flash-sale
 * orders' reservations (with the Idempotency-Key answer), live coupons and lucky bags (福袋).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('live_rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('host_kind', 'text', (c) => c.notNull())
    .addColumn('host_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pinned_product_id', 'text')
    .addColumn('stream_key_hash', 'text')
    .addColumn('publishing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fallback_video_url', 'text')
    .addColumn('stats', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('opened_at', ms)
    .addColumn('ended_at', ms)
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('live_rooms_status').on('live_rooms').columns(['status', 'id']).execute();
  await s.createIndex('live_rooms_host').on('live_rooms').columns(['host_id', 'id']).execute();

  await s
    .createTable('live_bag_items')
    .addColumn('room_id', 'text', (c) => c.notNull().references('live_rooms.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('added_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('live_bag_items_pk', ['room_id', 'product_id'])
    .execute();

  await s
    .createTable('live_flash_sales')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.notNull().references('live_rooms.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('sku_id', 'text', (c) => c.notNull().references('skus.id'))
    .addColumn('price_fen', 'integer', (c) => c.notNull())
    .addColumn('original_price_fen', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('remaining', 'integer', (c) => c.notNull().check(sql`remaining >= 0`))
    .addColumn('per_person_limit', 'integer', (c) => c.notNull())
    .addColumn('starts_at', ms, (c) => c.notNull())
    .addColumn('ends_at', ms, (c) => c.notNull())
    .addColumn('closed_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('live_flash_sales_room').on('live_flash_sales').columns(['room_id', 'id']).execute();

  await s
    .createTable('live_sale_buyers')
    .addColumn('sale_id', 'text', (c) => c.notNull().references('live_flash_sales.id'))
    .addColumn('buyer_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_sale_buyers_pk', ['sale_id', 'buyer_id'])
    .execute();

  await s
    .createTable('live_sale_orders')
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    .addColumn('sale_id', 'text', (c) => c.notNull().references('live_flash_sales.id'))
    .addColumn('buyer_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text', (c) => c.notNull())
    .addColumn('pay_before', ms, (c) => c.notNull())
    .addColumn('idem_key', 'text')
    .addColumn('request_hash', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addUniqueConstraint('live_sale_orders_idem', ['buyer_id', 'idem_key'])
    .execute();
  await s.createIndex('live_sale_orders_sale').on('live_sale_orders').columns(['sale_id', 'status']).execute();

  await s
    .createTable('live_coupons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.notNull().references('live_rooms.id'))
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('min_spend_fen', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('remaining', 'integer', (c) => c.notNull().check(sql`remaining >= 0`))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('live_coupons_room').on('live_coupons').columns(['room_id', 'id']).execute();

  await s
    .createTable('live_coupon_claims')
    .addColumn('coupon_id', 'text', (c) => c.notNull().references('live_coupons.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('claimed_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('live_coupon_claims_pk', ['coupon_id', 'user_id'])
    .execute();

  await s
    .createTable('live_lucky_bags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.notNull().references('live_rooms.id'))
    .addColumn('keyword', 'text', (c) => c.notNull())
    .addColumn('prize', 'text', (c) => c.notNull())
    .addColumn('winners', 'integer', (c) => c.notNull())
    .addColumn('draw_at', ms, (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('seed_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('winner_ids', 'text')
    .addColumn('drawn_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('live_lucky_bags_room').on('live_lucky_bags').columns(['room_id', 'id']).execute();

  await s
    .createTable('live_lucky_entrants')
    .addColumn('bag_id', 'text', (c) => c.notNull().references('live_lucky_bags.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('entered_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('live_lucky_entrants_pk', ['bag_id', 'user_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0012_live cannot be reverted');
}
