/**
 * Compensation reaches the buyer. Booking it (late shipment, return-shipping insurance, a
 * merchant's or the platform's own) is one journal into "buyer compensation payable" plus a
 * payout row, in the caller's transaction; the worker sends pending payouts to the order's payment
 * provider as a transfer to the original payment (idempotent there by the payout id), retrying
 * with back-off; the provider's signed `transfer.succeeded` notification marks it paid and books
 * payable → provider cash, so the order's payable is back to zero.
 */
import type { CoreContext, Tx } from '../context.js';
import { DomainError, newId } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { accountId, postJournal, recordCompensationPaid } from '../ledger/index.js';
import type { CompensationKind, CompensationPayoutStatus } from '../storage/index.js';
import type { ProviderNotification } from './provider.js';

export type { CompensationKind, CompensationPayoutStatus };

export interface BookCompensationInput {
  orderId: string;
  amountFen: number;
  kind: CompensationKind;
  paidBy: 'merchant' | 'platform';
  /** The ledger account the money comes from (the merchant's available balance, a platform expense). */
  fromAccount: string;
  refKind: string;
  /** The compensation's reference: the same reference never books twice. */
  refId: string;
  memo: string;
}

/** Books compensation owed to the buyer and queues its payout; null when that reference was booked already. */
export async function bookBuyerCompensation(
  tx: Tx,
  input: BookCompensationInput,
  now: number,
): Promise<{ journalId: string; payoutId: string } | null> {
  const seen = await tx
    .selectFrom('ledger_journals')
    .select('id')
    .where('ref_id', '=', input.refId)
    .where('reason', '=', 'compensation')
    .executeTakeFirst();
  if (seen) return null;
  const journalId = await postJournal(
    tx,
    {
      reason: 'compensation',
      refKind: input.refKind,
      refId: input.refId,
      memo: input.memo,
      entries: [
        { account: input.fromAccount, amountFen: -input.amountFen },
        { account: accountId('buyer_compensation_payable'), amountFen: input.amountFen },
      ],
    },
    now,
  );
  const payment = await tx
    .selectFrom('orders')
    .innerJoin('payments', 'payments.checkout_id', 'orders.checkout_id')
    .select('payments.id')
    .where('orders.id', '=', input.orderId)
    .where('payments.status', '=', 'succeeded')
    .executeTakeFirst();
  const payoutId = newId('compensationPayout', now);
  await tx
    .insertInto('compensation_payouts')
    .values({
      id: payoutId,
      order_id: input.orderId,
      payment_id: payment?.id ?? null,
      kind: input.kind,
      paid_by: input.paidBy,
      booked_ref: input.refId,
      amount_fen: input.amountFen,
      status: payment ? 'pending' : 'failed',
      provider_transfer_id: null,
      attempts: 0,
      next_attempt_at: now,
      last_error: payment ? null : 'NO_PAYMENT',
      created_at: now,
      completed_at: null,
    })
    .execute();
  return { journalId, payoutId };
}

const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 3600_000;
export const compensationRetryDelayMs = (attempts: number): number =>
  Math.min(RETRY_FIRST_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);

/**
 * Sends due payouts to their provider (run by the worker loop). A provider that is unreachable is
 * tried again later (5 s doubling, at most an hour apart); one that refuses for good marks the
 * payout failed, and the money stays payable to the buyer.
 */
export async function submitPendingCompensations(ctx: CoreContext, limit = 50): Promise<number> {
  const now = ctx.clock.now();
  const rows = await ctx.db
    .selectFrom('compensation_payouts')
    .innerJoin('payments', 'payments.id', 'compensation_payouts.payment_id')
    .select([
      'compensation_payouts.id',
      'compensation_payouts.order_id',
      'compensation_payouts.amount_fen',
      'compensation_payouts.kind',
      'compensation_payouts.attempts',
      'payments.provider',
      'payments.provider_txn_id',
    ])
    .where('compensation_payouts.status', '=', 'pending')
    .where('compensation_payouts.provider_transfer_id', 'is', null)
    .where('compensation_payouts.next_attempt_at', '<=', now)
    .orderBy('compensation_payouts.next_attempt_at')
    .limit(limit)
    .execute();
  let sent = 0;
  for (const r of rows) {
    const provider = ctx.payments.get(r.provider);
    const attempts = Number(r.attempts) + 1;
    try {
      if (!provider || !r.provider_txn_id) throw new Error(`payment provider ${r.provider} is not available`);
      const out = await provider.transfer({
        transferId: r.id,
        providerTxnId: r.provider_txn_id,
        amountFen: Number(r.amount_fen),
        memo: `Zhongcao compensation for ${r.order_id}`,
        notifyUrl: `${ctx.payments.baseUrl()}/api/v1/payments/notify/${provider.name}`,
      });
      await ctx.db
        .updateTable('compensation_payouts')
        .set({ provider_transfer_id: out.providerTransferId, attempts, last_error: null })
        .where('id', '=', r.id)
        .where('provider_transfer_id', 'is', null)
        .execute();
      sent++;
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      if (e instanceof DomainError && e.code === 'PROVIDER_TRANSFER_REJECTED') {
        await ctx.db
          .updateTable('compensation_payouts')
          .set({ status: 'failed', attempts, last_error: message, completed_at: ctx.clock.now() })
          .where('id', '=', r.id)
          .where('status', '=', 'pending')
          .execute();
      } else {
        await ctx.db
          .updateTable('compensation_payouts')
          .set({ attempts, last_error: message, next_attempt_at: ctx.clock.now() + compensationRetryDelayMs(attempts) })
          .where('id', '=', r.id)
          .where('status', '=', 'pending')
          .execute();
      }
    }
  }
  return sent;
}

/** The provider's `transfer.succeeded` (applied in the notification's transaction). */
export async function applyTransferNotification(
  tx: Tx,
  n: Extract<ProviderNotification, { kind: 'transfer.succeeded' }>,
  now: number,
): Promise<{ outcome: 'applied' | 'ignored' | 'rejected'; reason?: string }> {
  const p = await tx
    .selectFrom('compensation_payouts')
    .innerJoin('payments', 'payments.id', 'compensation_payouts.payment_id')
    .select([
      'compensation_payouts.id',
      'compensation_payouts.order_id',
      'compensation_payouts.amount_fen',
      'compensation_payouts.status',
      'compensation_payouts.kind',
      'payments.provider',
      'payments.provider_txn_id',
    ])
    .where('compensation_payouts.id', '=', n.transferId)
    .executeTakeFirst();
  if (!p) return { outcome: 'rejected', reason: 'UNKNOWN_TRANSFER' };
  if (p.provider_txn_id !== null && p.provider_txn_id !== n.providerTxnId)
    return { outcome: 'rejected', reason: 'TXN_MISMATCH' };
  if (Number(p.amount_fen) !== n.amountFen) return { outcome: 'rejected', reason: 'AMOUNT_MISMATCH' };
  const res = await tx
    .updateTable('compensation_payouts')
    .set({ status: 'succeeded', provider_transfer_id: n.providerTransferId, completed_at: now, last_error: null })
    .where('id', '=', p.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1)
    return { outcome: 'ignored', reason: `TRANSFER_${String(p.status).toUpperCase()}` };
  await recordCompensationPaid(
    tx,
    { id: p.id, orderId: p.order_id, amountFen: Number(p.amount_fen), provider: p.provider },
    now,
  );
  await emit(
    tx,
    'compensation.paid',
    p.order_id,
    { orderId: p.order_id, payoutId: p.id, amountFen: Number(p.amount_fen), kind: p.kind },
    now,
  );
  return { outcome: 'applied' };
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    /** Compensation owed to a buyer was booked (by hand, a late shipment, return-shipping insurance). */
    'compensation.booked': {
      orderId: string;
      amountFen: number;
      paidBy: 'merchant' | 'platform';
      caseId?: string;
      rule?: string;
    };
    'compensation.paid': { orderId: string; payoutId: string; amountFen: number; kind: string };
  }
}
