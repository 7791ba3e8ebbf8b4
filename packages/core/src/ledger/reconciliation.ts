/**
 * The daily reconciliation job: fetches each provider's statement (对账单) and compares it,
 * record by record, with what the platform booked — payments captured into the ledger, refunds
 * paid out, payouts paid — and stores a report listing every mismatch. Records younger than a
 * grace period are left for the next run (their notifications may still be on the way).
 */
import type { Actor, CoreContext } from '../context.js';
import { forbidden, newId } from '../platform/index.js';
import { reconcile, type Mismatch, type OurRecord } from './reconciliation-rules.js';

export const RECONCILE_GRACE_MS = 10 * 60 * 1000;

export type ReconciliationTrigger = 'daily' | 'manual';

export interface ReconciliationReport {
  id: string;
  /** The UTC day the report covers (YYYY-MM-DD), for a manual run the day it was run. */
  day: string;
  /** The worker's daily run or an admin's run on demand. */
  trigger: ReconciliationTrigger;
  checked: number;
  mismatchCount: number;
  mismatches: Mismatch[];
  createdAt: number;
}

/**
 * Compares every provider's records up to `until` with ours. Each side is cut at the time the
 * thing happened on that side: the provider's record time (a refund's acceptance, a payment's
 * capture), our completion (captured, refunded, paid out or failed, as the notification told us).
 * A record in scope on either side is compared with the other side's record of it, however recent:
 * a refund asked for long ago but accepted and confirmed within the grace period is left for the
 * next run on both sides, not reported missing on one. Things we only asked for (pending, never
 * confirmed) come in only through the provider's record of them.
 */
export async function compareWithProviders(
  ctx: CoreContext,
  until: number,
): Promise<{ checked: number; mismatches: Mismatch[] }> {
  const sources = ctx.payments.money?.statements ?? [];
  let checked = 0;
  const mismatches: Mismatch[] = [];
  for (const source of sources) {
    const records = await source.statement(Number.MAX_SAFE_INTEGER);
    const captured = await ctx.db
      .selectFrom('ledger_order_money')
      .innerJoin('orders', 'orders.id', 'ledger_order_money.order_id')
      .innerJoin('payments', 'payments.checkout_id', 'orders.checkout_id')
      .select([
        'payments.id as ref',
        'payments.paid_at',
        (eb) => eb.fn.sum<number | string>('ledger_order_money.captured_fen').as('fen'),
      ])
      .where('payments.provider', '=', source.name)
      .where('payments.status', '=', 'succeeded')
      .groupBy(['payments.id', 'payments.paid_at'])
      .execute();
    const refunds = await ctx.db
      .selectFrom('refunds')
      .innerJoin('payments', 'payments.id', 'refunds.payment_id')
      .select(['refunds.id', 'refunds.amount_fen', 'refunds.status', 'refunds.completed_at'])
      .where('payments.provider', '=', source.name)
      .execute();
    // Ad top-ups are payments at the provider too (paid into the shops' ad accounts).
    const topups = await ctx.db
      .selectFrom('ad_topups')
      .select(['id', 'amount_fen', 'paid_at'])
      .where('provider', '=', source.name)
      .where('status', '=', 'succeeded')
      .execute();
    const payouts = await ctx.db
      .selectFrom('payouts')
      .select(['id', 'amount_fen', 'status', 'completed_at'])
      .where('provider', '=', source.name)
      .execute();
    const settled = (status: string): 'succeeded' | 'failed' | 'pending' =>
      status === 'succeeded' ? 'succeeded' : status === 'failed' ? 'failed' : 'pending';
    const ours: Array<OurRecord & { at: number | null }> = [
      ...captured.map((c) => ({
        kind: 'payment' as const,
        ref: c.ref,
        bookedFen: Number(c.fen),
        status: 'succeeded' as const,
        at: c.paid_at === null ? null : Number(c.paid_at),
      })),
      // A refund the provider accepted but whose notification is missing shows up as pending vs succeeded.
      ...refunds.map((r) => ({
        kind: 'refund' as const,
        ref: r.id,
        bookedFen: r.status === 'succeeded' ? Number(r.amount_fen) : 0,
        status: settled(r.status),
        at: r.completed_at === null ? null : Number(r.completed_at),
      })),
      ...topups.map((t) => ({
        kind: 'payment' as const,
        ref: t.id,
        bookedFen: Number(t.amount_fen),
        status: 'succeeded' as const,
        at: t.paid_at === null ? null : Number(t.paid_at),
      })),
      ...payouts.map((p) => ({
        kind: 'payout' as const,
        ref: p.id,
        bookedFen: p.status === 'succeeded' ? Number(p.amount_fen) : 0,
        status: settled(p.status),
        at: p.completed_at === null ? null : Number(p.completed_at),
      })),
    ];
    const key = (r: { kind: string; ref: string }): string => `${r.kind}|${r.ref}`;
    const inScope = new Set([
      ...records.filter((r) => r.at <= until).map(key),
      ...ours.filter((o) => o.status !== 'pending' && o.at !== null && o.at <= until).map(key),
    ]);
    const theirs = records.filter((r) => inScope.has(key(r)));
    const comparable: OurRecord[] = ours.filter((o) => inScope.has(key(o))).map(({ at: _at, ...o }) => o);
    checked += theirs.length + comparable.length;
    mismatches.push(...reconcile(theirs, comparable));
  }
  return { checked, mismatches };
}

const MANUAL_KEY = 'manual-';

/** The stored key of a report: the day for the daily run (one a day), a unique key for each manual run. */
function reportKey(trigger: ReconciliationTrigger, now: number): string {
  const day = new Date(now).toISOString().slice(0, 10);
  return trigger === 'daily'
    ? day
    : `${MANUAL_KEY}${new Date(now).toISOString()}-${newId('reconciliation', now).slice(-6)}`;
}

/** The day and trigger a stored key stands for. */
export function reportDay(key: string): { day: string; trigger: ReconciliationTrigger } {
  return key.startsWith(MANUAL_KEY)
    ? { day: key.slice(MANUAL_KEY.length, MANUAL_KEY.length + 10), trigger: 'manual' }
    : { day: key, trigger: 'daily' };
}

async function store(ctx: CoreContext, key: string, until: number): Promise<ReconciliationReport | null> {
  const { checked, mismatches } = await compareWithProviders(ctx, until);
  const now = ctx.clock.now();
  const id = newId('reconciliation', now);
  const res = await ctx.db
    .insertInto('reconciliation_reports')
    .values({
      id,
      day: key,
      checked,
      mismatches: JSON.stringify(mismatches.slice(0, 5000)),
      mismatch_count: mismatches.length,
      created_at: now,
    })
    .onConflict((oc) => oc.column('day').doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0n) !== 1) return null;
  return { id, ...reportDay(key), checked, mismatchCount: mismatches.length, mismatches, createdAt: now };
}

/** Once per UTC day (run from the worker): a report covering everything up to the grace period. */
export async function reconcileDaily(ctx: CoreContext): Promise<ReconciliationReport | null> {
  const now = ctx.clock.now();
  const day = new Date(now).toISOString().slice(0, 10);
  const seen = await ctx.db.selectFrom('reconciliation_reports').select('id').where('day', '=', day).executeTakeFirst();
  if (seen) return null;
  return store(ctx, reportKey('daily', now), now - RECONCILE_GRACE_MS);
}

/** An admin asks for a report now. */
export async function runReconciliation(ctx: CoreContext, actor: Actor): Promise<ReconciliationReport> {
  if (!actor.roles.has('admin')) throw forbidden('only admins run reconciliation');
  const now = ctx.clock.now();
  const report = await store(ctx, reportKey('manual', now), now - RECONCILE_GRACE_MS);
  return report!;
}

export async function listReconciliations(ctx: CoreContext, actor: Actor, limit = 30): Promise<ReconciliationReport[]> {
  if (!actor.roles.has('admin')) throw forbidden('only admins see reconciliation reports');
  const rows = await ctx.db
    .selectFrom('reconciliation_reports')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ...reportDay(r.day),
    checked: Number(r.checked),
    mismatchCount: Number(r.mismatch_count),
    mismatches: JSON.parse(r.mismatches) as Mismatch[],
    createdAt: Number(r.created_at),
  }));
}
