import { sql, type Kysely } from 'kysely';

/**
 * Compensation reaches the buyer: each compensation booked into "buyer compensation payable"
 * (late shipment, return-shipping insurance, a merchant's or the platform's own) gets a payout row,
 * sent by the worker to the payment provider as a transfer to the order's original payment and
 * confirmed by the provider's notification; the sandbox gateway keeps its transfers apart. Every
 * compensation booked before this migration gets its row (pending), so it is paid too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';
  const fen = 'bigint';

  await s
    .createTable('compensation_payouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('payment_id', 'text', (c) => c.references('payments.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // late_shipment | return_insurance | manual
    .addColumn('paid_by', 'text', (c) => c.notNull()) // merchant | platform
    .addColumn('booked_ref', 'text', (c) => c.notNull().unique()) // the compensation journal's ref_id
    .addColumn('amount_fen', fen, (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('status', 'text', (c) => c.notNull()) // pending | succeeded | failed
    .addColumn('provider_transfer_id', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ms, (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('completed_at', ms)
    .execute();
  await s.createIndex('compensation_payouts_order').on('compensation_payouts').columns(['order_id', 'id']).execute();
  await s
    .createIndex('compensation_payouts_due')
    .on('compensation_payouts')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await s
    .createTable('sandbox_transfers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('txn_id', 'text', (c) => c.notNull().references('sandbox_txns.id'))
    .addColumn('amount_fen', fen, (c) => c.notNull())
    .addColumn('request_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  // Compensation booked before payouts existed: one pending payout each.
  const booked = await db
    .selectFrom('ledger_journals as j')
    .innerJoin('ledger_entries as e', 'e.journal_id', 'j.id')
    .select(['j.id', 'j.ref_kind', 'j.ref_id', 'j.created_at', 'e.amount_fen'])
    .where('j.reason', '=', 'compensation')
    .where('e.account_id', '=', 'buyer_compensation_payable')
    .orderBy('j.id')
    .execute();
  for (const b of booked as Array<{
    id: string;
    ref_kind: string;
    ref_id: string;
    created_at: number | string;
    amount_fen: number | string;
  }>) {
    const head = b.ref_id.split(':')[0]!;
    let orderId: string | null = null;
    if (b.ref_kind === 'aftersales') {
      const c = await db.selectFrom('aftersales_cases').select('order_id').where('id', '=', head).executeTakeFirst();
      orderId = (c?.order_id as string | undefined) ?? null;
    } else if (head.startsWith('ord_')) orderId = head;
    if (!orderId) continue;
    const order = await db.selectFrom('orders').select('checkout_id').where('id', '=', orderId).executeTakeFirst();
    if (!order) continue;
    const payment = await db
      .selectFrom('payments')
      .select('id')
      .where('checkout_id', '=', order.checkout_id)
      .where('status', '=', 'succeeded')
      .executeTakeFirst();
    const from = await db
      .selectFrom('ledger_entries')
      .select('account_id')
      .where('journal_id', '=', b.id)
      .where('account_id', '<>', 'buyer_compensation_payable')
      .executeTakeFirst();
    const kind = b.ref_id.endsWith(':late_shipment')
      ? 'late_shipment'
      : b.ref_id.endsWith(':insurance')
        ? 'return_insurance'
        : 'manual';
    const paidBy = String(from?.account_id ?? '').startsWith('merchant_') ? 'merchant' : 'platform';
    const at = Number(b.created_at);
    await db
      .insertInto('compensation_payouts')
      .values({
        id: `cpo_${b.id.slice(4)}`,
        order_id: orderId,
        payment_id: payment?.id ?? null,
        kind,
        paid_by: paidBy,
        booked_ref: b.ref_id,
        amount_fen: Number(b.amount_fen),
        status: payment ? 'pending' : 'failed',
        provider_transfer_id: null,
        attempts: 0,
        next_attempt_at: at,
        last_error: payment ? null : 'NO_PAYMENT',
        created_at: at,
        completed_at: null,
      })
      .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
