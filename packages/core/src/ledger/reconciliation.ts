/**
 * The daily reconciliation job: fetches each provider's statement (对账单) and compares it,
 * record by record, with what the platform booked — payments captured into the ledger, refunds
 * paid out, payouts paid — and stores a report listing every mismatch. Records younger than a
 * grace period are left for the next run (their notifications may still be on the way).
 */
import type { Actor, CoreContext } from '../context.js';
import { forbidden } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { reconcile, type Mismatch, type OurRecord } from './reconciliation-rules.js';

export const RECONCILE_GRACE_MS = 10 * 60 * 1000;

export interface ReconciliationReport {
  id: string;
  day: string;
  checked: number;
  mismatchCount: number;
  mismatches: Mismatch[];
  createdAt: number;
}

/** Compares every provider's records up to `until` with ours. */
export async function compareWithProviders(ctx: CoreContext, until: number): Promise<{ checked: number; mismatches: Mismatch[] }> {
  const sources = ctx.payments.money?.statements ?? [];
  let checked = 0;
  const mismatches: Mismatch[] = [];
  for (const source of sources) {
    const records = await source.statement(until);
    const captured = await ctx.db
      .selectFrom('ledger_order_money')
      .innerJoin('orders', 'orders.id', 'ledger_order_money.order_id')
      .innerJoin('payments', 'payments.checkout_id', 'orders.checkout_id')
      .select(['payments.id as ref', (eb) => eb.fn.sum<number | string>('ledger_order_money.captured_fen').as('fen')])
      .where('payments.provider', '=', source.name)
      .where('payments.status', '=', 'succeeded')
      .where('payments.paid_at', '<=', until)
      .groupBy('payments.id')
      .execute();
    const refunds = await ctx.db.selectFrom('refunds').innerJoin('payments', 'payments.id', 'refunds.payment_id').select(['refunds.id', 'refunds.amount_fen', 'refunds.status', 'refunds.provider_refund_id']).where('payments.provider', '=', source.name).where('refunds.created_at', '<=', until).execute();
    const payouts = await ctx.db.selectFrom('payouts').select(['id', 'amount_fen', 'status']).where('provider', '=', source.name).where('created_at', '<=', until).execute();
    const ours: OurRecord[] = [
      ...captured.map((c) => ({ kind: 'payment' as const, ref: c.ref, bookedFen: Number(c.fen), status: 'succeeded' as const })),
      // A refund the provider accepted but whose notification is missing shows up as pending vs succeeded.
      ...refunds.map((r) => ({ kind: 'refund' as const, ref: r.id, bookedFen: r.status === 'succeeded' ? Number(r.amount_fen) : 0, status: r.status === 'succeeded' ? ('succeeded' as const) : r.status === 'failed' ? ('failed' as const) : ('pending' as const) })),
      ...payouts.map((p) => ({ kind: 'payout' as const, ref: p.id, bookedFen: p.status === 'succeeded' ? Number(p.amount_fen) : 0, status: p.status === 'succeeded' ? ('succeeded' as const) : p.status === 'failed' ? ('failed' as const) : ('pending' as const) })),
    ];
    // Things we only asked for (pending, never reached the provider) are not mismatches yet.
    const theirs = new Set(records.map((r) => `${r.kind}|${r.ref}`));
    const comparable = ours.filter((o) => o.status !== 'pending' || theirs.has(`${o.kind}|${o.ref}`));
    checked += records.length + comparable.length;
    mismatches.push(...reconcile(records, comparable));
  }
  return { checked, mismatches };
}

async function store(ctx: CoreContext, day: string, until: number): Promise<ReconciliationReport | null> {
  const { checked, mismatches } = await compareWithProviders(ctx, until);
  const now = ctx.clock.now();
  const id = newId('reconciliation', now);
  const res = await ctx.db
    .insertInto('reconciliation_reports')
    .values({ id, day, checked, mismatches: JSON.stringify(mismatches.slice(0, 5000)), mismatch_count: mismatches.length, created_at: now })
    .onConflict((oc) => oc.column('day').doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0n) !== 1) return null;
  return { id, day, checked, mismatchCount: mismatches.length, mismatches, createdAt: now };
}

/** Once per UTC day (run from the worker): a report covering everything up to the grace period. */
export async function reconcileDaily(ctx: CoreContext): Promise<ReconciliationReport | null> {
  const now = ctx.clock.now();
  const day = new Date(now).toISOString().slice(0, 10);
  const seen = await ctx.db.selectFrom('reconciliation_reports').select('id').where('day', '=', day).executeTakeFirst();
  if (seen) return null;
  return store(ctx, day, now - RECONCILE_GRACE_MS);
}

/** An admin asks for a report now. */
export async function runReconciliation(ctx: CoreContext, actor: Actor): Promise<ReconciliationReport> {
  if (!actor.roles.has('admin')) throw forbidden('only admins run reconciliation');
  const now = ctx.clock.now();
  const report = await store(ctx, `manual-${new Date(now).toISOString()}-${newId('reconciliation', now).slice(-6)}`, now - RECONCILE_GRACE_MS);
  return report!;
}

export async function listReconciliations(ctx: CoreContext, actor: Actor, limit = 30): Promise<ReconciliationReport[]> {
  if (!actor.roles.has('admin')) throw forbidden('only admins see reconciliation reports');
  const rows = await ctx.db.selectFrom('reconciliation_reports').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, day: r.day, checked: Number(r.checked), mismatchCount: Number(r.mismatch_count), mismatches: JSON.parse(r.mismatches) as Mismatch[], createdAt: Number(r.created_at) }));
}
