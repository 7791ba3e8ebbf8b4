import { sql, type Kysely } from 'kysely';

/**
 * Paid traffic (投流): a prepaid ad account per shop (its money lives in the ledger; the row holds
 * the spendable balance in milli-fen, since an impression costs a fraction of a fen), top-ups
 * through the payment provider, campaigns, each day's spend per campaign, every ad served in the
 * feed (its impression id, price and billing state) and the orders attributed to campaigns.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('ad_accounts')
    .addColumn('shop_id', 'text', (c) => c.primaryKey().references('shops.id'))
    .addColumn('balance_mfen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('spent_mfen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('posted_spend_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('topped_up_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('withdrawn_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addCheckConstraint('ad_accounts_balance_nonneg', sql`balance_mfen >= 0`)
    .execute();

  await s
    .createTable('ad_topups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_txn_id', 'text')
    .addColumn('cashier_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('paid_at', ms)
    .execute();
  await s.createIndex('ad_topups_shop').on('ad_topups').columns(['shop_id', 'id']).execute();

  await s
    .createTable('ad_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('promote', 'text', (c) => c.notNull())
    .addColumn('video_id', 'text')
    .addColumn('product_id', 'text')
    .addColumn('live_room_id', 'text')
    .addColumn('goal', 'text', (c) => c.notNull())
    .addColumn('bid_kind', 'text', (c) => c.notNull())
    .addColumn('cost_cap_fen', 'bigint')
    .addColumn('roi_target_centi', 'integer')
    .addColumn('daily_budget_fen', 'bigint', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('pacing', 'text', (c) => c.notNull())
    .addColumn('target_categories', 'text', (c) => c.notNull())
    .addColumn('target_regions', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('impressions', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('clicks', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('conversions', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('gmv_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('spent_mfen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('ad_campaigns_shop').on('ad_campaigns').columns(['shop_id', 'id']).execute();
  await s.createIndex('ad_campaigns_status').on('ad_campaigns').column('status').execute();

  await s
    .createTable('ad_campaign_days')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('ad_campaigns.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('spent_mfen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('impressions', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('ad_campaign_days_pk', ['campaign_id', 'day'])
    .execute();

  await s
    .createTable('ad_serves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('ad_campaigns.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('viewer_key', 'text', (c) => c.notNull())
    .addColumn('video_id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text')
    .addColumn('ecpm_fen', 'bigint', (c) => c.notNull())
    .addColumn('price_mfen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('invalid_reason', 'text')
    .addColumn('billed_mfen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('served_at', ms, (c) => c.notNull())
    .addColumn('seen_at', ms)
    .addColumn('clicked_at', ms)
    .addColumn('click_status', 'text')
    .execute();
  await s.createIndex('ad_serves_viewer').on('ad_serves').columns(['viewer_key', 'served_at']).execute();
  await s.createIndex('ad_serves_campaign').on('ad_serves').columns(['campaign_id', 'served_at']).execute();

  await s
    .createTable('ad_conversions')
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('ad_campaigns.id'))
    .addColumn('serve_id', 'text', (c) => c.notNull())
    .addColumn('touch', 'text', (c) => c.notNull())
    .addColumn('gmv_fen', 'bigint', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('ad_conversions_campaign').on('ad_conversions').columns(['campaign_id', 'created_at']).execute();
}
