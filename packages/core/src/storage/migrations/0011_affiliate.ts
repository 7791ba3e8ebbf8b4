import { sql, type Kysely } from 'kysely';

/**
 * The creator economy (精选联盟): commission plans per product with their rate history, targeted
 * plans' creators, showcases, tracked links and the touches they leave, colonel activities, MCN
 * contracts, and the plan decision snapshotted on each order line.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('affiliate_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('creator_id', 'text')
    .addColumn('activity_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('close_requested_at', ms)
    .addColumn('closes_at', ms)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('affiliate_plans_product').on('affiliate_plans').columns(['product_id', 'status']).execute();
  await s.createIndex('affiliate_plans_shop').on('affiliate_plans').columns(['shop_id', 'id']).execute();
  // One open general and one open exclusive plan per product (a closing one may be replaced).
  await s
    .createIndex('affiliate_plans_one_open')
    .on('affiliate_plans')
    .columns(['product_id', 'kind'])
    .unique()
    .where(sql<boolean>`closes_at is null and status = 'active' and kind in ('general', 'exclusive')`)
    .execute();
  await s.createIndex('affiliate_plans_activity').on('affiliate_plans').columns(['activity_id', 'status']).execute();

  await s
    .createTable('affiliate_plan_rates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('affiliate_plans.id'))
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('rate_bp', 'integer', (c) => c.check(sql`rate_bp is null or (rate_bp >= 0 and rate_bp <= 10000)`))
    .addColumn('requested_at', ms, (c) => c.notNull())
    .addColumn('effective_at', ms, (c) => c.notNull())
    .addColumn('superseded_at', ms)
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .execute();
  await s
    .createIndex('affiliate_plan_rates_plan')
    .on('affiliate_plan_rates')
    .columns(['plan_id', 'effective_at'])
    .execute();

  await s
    .createTable('affiliate_plan_members')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('affiliate_plans.id'))
    .addColumn('creator_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('decided_at', ms)
    .addColumn('decided_by', 'text')
    .addPrimaryKeyConstraint('affiliate_plan_members_pk', ['plan_id', 'creator_id'])
    .execute();
  await s
    .createIndex('affiliate_plan_members_creator')
    .on('affiliate_plan_members')
    .columns(['creator_id', 'status'])
    .execute();
  await s
    .createIndex('affiliate_plan_members_shop')
    .on('affiliate_plan_members')
    .columns(['shop_id', 'status', 'created_at'])
    .execute();

  await s
    .createTable('affiliate_showcase')
    .addColumn('creator_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('via_plan_id', 'text')
    .addColumn('first_added_at', ms, (c) => c.notNull())
    .addColumn('added_at', ms, (c) => c.notNull())
    .addColumn('removed_at', ms)
    .addPrimaryKeyConstraint('affiliate_showcase_pk', ['creator_id', 'product_id'])
    .execute();

  await s
    .createTable('affiliate_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('creator_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('opens', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('affiliate_links_creator').on('affiliate_links').columns(['creator_id', 'id']).execute();

  await s
    .createTable('affiliate_touches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('buyer_id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('creator_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull())
    .addColumn('at', ms, (c) => c.notNull())
    .execute();
  await s
    .createIndex('affiliate_touches_buyer')
    .on('affiliate_touches')
    .columns(['buyer_id', 'product_id', 'at'])
    .execute();

  await s
    .createTable('colonel_activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('colonel_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('commission_floor_bp', 'integer', (c) => c.notNull())
    .addColumn('service_fee_bp', 'integer', (c) => c.notNull())
    .addColumn('starts_at', ms, (c) => c.notNull())
    .addColumn('ends_at', ms, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('colonel_activities_colonel').on('colonel_activities').columns(['colonel_id', 'id']).execute();
  await s.createIndex('colonel_activities_ends').on('colonel_activities').columns(['ends_at']).execute();

  await s
    .createTable('mcn_contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mcn_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('creator_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('share_bp', 'integer', (c) => c.notNull())
    .addColumn('starts_at', ms, (c) => c.notNull())
    .addColumn('ends_at', ms, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('accepted_at', ms)
    .addColumn('effective_at', ms)
    .addColumn('ended_at', ms)
    .addColumn('ended_by', 'text')
    .execute();
  await s.createIndex('mcn_contracts_creator').on('mcn_contracts').columns(['creator_id', 'status']).execute();
  await s.createIndex('mcn_contracts_mcn').on('mcn_contracts').columns(['mcn_id', 'id']).execute();

  // The plan decision on each order line (null on lines without a verified creator).
  await s.alterTable('order_lines').addColumn('plan_id', 'text').execute();
  await s.alterTable('order_lines').addColumn('plan_kind', 'text').execute();
  await s.alterTable('order_lines').addColumn('rate_decision', 'text').execute();
  // Performance reads by creator, MCN and colonel: partial indexes, so lines without a creator cost checkout nothing.
  await s
    .createIndex('order_lines_creator')
    .on('order_lines')
    .columns(['attr_creator_id', 'created_at'])
    .where(sql.ref('plan_kind'), 'is not', null)
    .execute();
  await s
    .createIndex('order_lines_mcn')
    .on('order_lines')
    .columns(['mcn_id', 'created_at'])
    .where(sql.ref('mcn_id'), 'is not', null)
    .execute();
  await s
    .createIndex('order_lines_colonel')
    .on('order_lines')
    .columns(['colonel_id', 'created_at'])
    .where(sql.ref('colonel_id'), 'is not', null)
    .execute();
  await s
    .createIndex('order_lines_shop_plan')
    .on('order_lines')
    .columns(['shop_id', 'created_at'])
    .where(sql.ref('plan_kind'), 'is not', null)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0011_affiliate cannot be reverted');
}
