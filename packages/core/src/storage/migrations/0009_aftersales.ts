import type { Kysely } from 'kysely';

/**
 * After-sales cases (售后): one row per case with its type, status, amounts, return and reship
 * parcels and running deadline; the case's timeline (events) and the evidence photos; the
 * shop's fast-refund opt-in. Two nullable unique columns keep one open case per order line and
 * one fresh-produce claim per line, whatever the concurrency (NULLs never collide).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';
  const fen = 'bigint';

  await s
    .createTable('aftersales_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('order_line_id', 'text', (c) => c.notNull().references('order_lines.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('buyer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('requested_fen', fen, (c) => c.notNull())
    .addColumn('refund_fen', fen, (c) => c.notNull())
    .addColumn('counter_fen', fen)
    .addColumn('spoiled_percent', 'integer')
    .addColumn('open_line_key', 'text', (c) => c.unique())
    .addColumn('claim_line_key', 'text', (c) => c.unique())
    .addColumn('return_carrier', 'text')
    .addColumn('return_tracking_no', 'text')
    .addColumn('return_shipped_at', ms)
    .addColumn('reship_carrier', 'text')
    .addColumn('reship_tracking_no', 'text')
    .addColumn('reshipped_at', ms)
    .addColumn('decided_at', ms)
    .addColumn('deadline_kind', 'text')
    .addColumn('deadline_at', ms)
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('aftersales_cases_buyer').on('aftersales_cases').columns(['buyer_id', 'id']).execute();
  await s.createIndex('aftersales_cases_shop').on('aftersales_cases').columns(['shop_id', 'sort_key']).execute();
  await s
    .createIndex('aftersales_cases_shop_status')
    .on('aftersales_cases')
    .columns(['shop_id', 'status', 'sort_key'])
    .execute();
  await s.createIndex('aftersales_cases_status').on('aftersales_cases').columns(['status', 'sort_key']).execute();
  await s.createIndex('aftersales_cases_order').on('aftersales_cases').columns(['order_id', 'order_line_id']).execute();

  await s
    .createTable('aftersales_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('aftersales_cases.id'))
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull()) // buyer | merchant | admin | system
    .addColumn('actor_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('amount_fen', fen)
    .execute();
  await s.createIndex('aftersales_events_case').on('aftersales_events').columns(['case_id', 'id']).execute();

  await s
    .createTable('aftersales_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uploader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('case_id', 'text', (c) => c.references('aftersales_cases.id'))
    .addColumn('event_id', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('aftersales_evidence_case').on('aftersales_evidence').columns(['case_id', 'id']).execute();
  await s
    .createIndex('aftersales_evidence_uploader')
    .on('aftersales_evidence')
    .columns(['uploader_id', 'case_id'])
    .execute();

  // Fast refund (极速退款): the shop opts in; off by default.
  await s
    .alterTable('shops')
    .addColumn('fast_refund', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0009_aftersales cannot be reverted');
}
