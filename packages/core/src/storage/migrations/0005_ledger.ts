import { sql, type Kysely } from 'kysely';

/**
 * Money: the double-entry ledger (accounts, journals, entries, cached balances proved by
 * `ledger check`), per-order money state and settlements, payouts, reconciliation reports, the
 * sandbox payout gateway's own records, and the commission snapshot on order lines.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';
  const fen = 'bigint';

  // Commission snapshot on each order line (filled by the Creator economy issue; 0/null = none),
  // and what has been refunded of the line. SQLite needs defaults for NOT NULL columns added later.
  await s
    .alterTable('order_lines')
    .addColumn('creator_rate_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await s.alterTable('order_lines').addColumn('mcn_id', 'text').execute();
  await s
    .alterTable('order_lines')
    .addColumn('mcn_share_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await s.alterTable('order_lines').addColumn('colonel_id', 'text').execute();
  await s
    .alterTable('order_lines')
    .addColumn('colonel_fee_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await s
    .alterTable('order_lines')
    .addColumn('refunded_fen', fen, (c) => c.notNull().defaultTo(0))
    .execute();
  // After-sales window before settlement, per category.
  await s
    .alterTable('categories')
    .addColumn('settle_window_days', 'integer', (c) => c.notNull().defaultTo(7))
    .execute();

  await s
    .createTable('ledger_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey()) // `<kind>` or `<kind>:<owner id>`
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('ledger_accounts_owner').on('ledger_accounts').columns(['owner_id', 'kind']).execute();

  await s
    .createTable('ledger_journals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('ref_kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('memo', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('ledger_journals_ref').on('ledger_journals').columns(['ref_id', 'id']).execute();

  await s
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('journal_id', 'text', (c) => c.notNull().references('ledger_journals.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('ledger_accounts.id'))
    .addColumn('amount_fen', fen, (c) => c.notNull().check(sql`amount_fen <> 0`))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('ledger_entries_account').on('ledger_entries').columns(['account_id', 'id']).execute();
  await s.createIndex('ledger_entries_journal').on('ledger_entries').column('journal_id').execute();

  await s
    .createTable('ledger_balances')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('ledger_accounts.id'))
    .addColumn('balance_fen', fen, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await s
    .createTable('ledger_order_money')
    .addColumn('order_id', 'text', (c) => c.primaryKey().references('orders.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('captured_fen', fen, (c) => c.notNull())
    .addColumn('refunded_fen', fen, (c) => c.notNull())
    .addColumn('shipping_refunded_fen', fen, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // held | settled | closed
    .addColumn('settle_due_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('ledger_order_money_due').on('ledger_order_money').columns(['status', 'settle_due_at']).execute();
  await s.createIndex('ledger_order_money_shop').on('ledger_order_money').columns(['shop_id', 'order_id']).execute();

  await s
    .createTable('ledger_settlements')
    .addColumn('order_id', 'text', (c) => c.primaryKey()) // the unique key: an order settles once
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('journal_id', 'text', (c) => c.notNull().references('ledger_journals.id'))
    .addColumn('gross_fen', fen, (c) => c.notNull())
    .addColumn('fee_fen', fen, (c) => c.notNull())
    .addColumn('commission_fen', fen, (c) => c.notNull())
    .addColumn('merchant_fen', fen, (c) => c.notNull())
    .addColumn('settled_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('ledger_settlements_shop').on('ledger_settlements').columns(['shop_id', 'order_id']).execute();

  await s
    .createTable('payout_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ledger_account_id', 'text', (c) => c.notNull().references('ledger_accounts.id'))
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('bank', 'text', (c) => c.notNull())
    .addColumn('account_no', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('payout_accounts_ledger').on('payout_accounts').columns(['ledger_account_id', 'id']).execute();

  await s
    .createTable('payouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ledger_account_id', 'text', (c) => c.notNull().references('ledger_accounts.id'))
    .addColumn('payout_account_id', 'text', (c) => c.notNull().references('payout_accounts.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('amount_fen', fen, (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('status', 'text', (c) => c.notNull()) // requested | submitted | succeeded | failed
    .addColumn('request_key', 'text', (c) => c.notNull().unique())
    .addColumn('provider_payout_id', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', ms, (c) => c.notNull())
    .addColumn('failure', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('completed_at', ms)
    .execute();
  await s.createIndex('payouts_due').on('payouts').columns(['status', 'next_attempt_at']).execute();
  await s.createIndex('payouts_account').on('payouts').columns(['ledger_account_id', 'id']).execute();

  await s
    .createTable('payout_notifications')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('received_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('payout_notifications_pk', ['provider', 'event_id'])
    .execute();

  await s
    .createTable('reconciliation_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull().unique()) // YYYY-MM-DD (UTC) the report covers up to
    .addColumn('checked', 'integer', (c) => c.notNull())
    .addColumn('mismatches', 'text', (c) => c.notNull()) // JSON
    .addColumn('mismatch_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await s
    .createTable('sandbox_payouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_key', 'text', (c) => c.notNull().unique())
    .addColumn('amount_fen', fen, (c) => c.notNull())
    .addColumn('account_no', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // succeeded | failed
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
