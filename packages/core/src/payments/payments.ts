/**
 * The platform's payment records: opening the provider's cashier, applying the provider's signed
 * notifications (idempotent by event id; duplicates and out-of-order events change nothing;
 * amounts verified), and refunds through the same provider interface. What a captured payment
 * does to the orders it covers is the orders module's (orders/payment-capture.ts): it passes that
 * step in, so payments knows payment rows and not orders.
 */
import type { Actor, CoreContext, Tx } from '../context.js';
import { DomainError, notFound, newId } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import type { ProviderNotification } from './provider.js';
import { insertRows, compiledOnce } from '../storage/index.js';
import { recordRefund, recordRefundPaid } from '../ledger/index.js';
import { applyTransferNotification } from './buyer-compensation.js';
import { PAYMENT_STATES, REFUND_STATES } from './payment-states.js';

export const notifyPath = (provider: string): string => `/api/v1/payments/notify/${provider}`;

export interface PaymentView {
  id: string;
  checkoutId: string;
  provider: string;
  amountFen: number;
  status: string;
  expiresAt: number;
  paidAt: number | null;
  orderIds: string[];
}

export async function paymentView(ctx: CoreContext, actor: Actor, paymentId: string): Promise<PaymentView> {
  const p = await ctx.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
  if (!p || p.buyer_id !== actor.userId) throw notFound('payment', paymentId);
  const orders = await ctx.db
    .selectFrom('orders')
    .select('id')
    .where('checkout_id', '=', p.checkout_id)
    .orderBy('id')
    .execute();
  return {
    id: p.id,
    checkoutId: p.checkout_id,
    provider: p.provider,
    amountFen: p.amount_fen,
    status: p.status,
    expiresAt: p.expires_at,
    paidAt: p.paid_at,
    orderIds: orders.map((o) => o.id),
  };
}

/** Creates (once) the payment at the provider and returns where the buyer pays. */
export async function openCashier(ctx: CoreContext, actor: Actor, paymentId: string): Promise<{ cashierUrl: string }> {
  const p = await ctx.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
  if (!p || p.buyer_id !== actor.userId) throw notFound('payment', paymentId);
  if (p.status !== 'pending')
    throw new DomainError('PAYMENT_NOT_PENDING', `this payment is ${p.status}`, { status: p.status });
  if (p.expires_at <= ctx.clock.now()) throw new DomainError('PAYMENT_EXPIRED', 'the time to pay has run out');
  if (p.cashier_url) return { cashierUrl: p.cashier_url };
  const provider = ctx.payments.get(p.provider);
  if (!provider) throw new DomainError('PROVIDER_UNAVAILABLE', `payment provider ${p.provider} is not configured`);
  const orders = await ctx.db
    .selectFrom('orders')
    .select('id')
    .where('checkout_id', '=', p.checkout_id)
    .orderBy('id')
    .execute();
  const created = await provider.createPayment({
    paymentId: p.id,
    amountFen: p.amount_fen,
    description: `Zhongcao order ${orders.map((o) => o.id).join(',')}`,
    expiresAt: p.expires_at,
    notifyUrl: ctx.payments.baseUrl() + notifyPath(provider.name),
    // Back from the cashier, the app waits for the provider's notification before it shows the order paid.
    returnUrl:
      orders.length === 1 ? `/app/orders/${orders[0]!.id}?from=cashier` : `/app/orders?from=cashier&payment=${p.id}`,
  });
  await ctx.db
    .updateTable('payments')
    .set({ provider_txn_id: created.providerTxnId, cashier_url: created.cashierUrl, updated_at: ctx.clock.now() })
    .where('id', '=', p.id)
    .where('cashier_url', 'is', null)
    .execute();
  const fresh = await ctx.db
    .selectFrom('payments')
    .select('cashier_url')
    .where('id', '=', p.id)
    .executeTakeFirstOrThrow();
  return { cashierUrl: fresh.cashier_url ?? created.cashierUrl };
}

export interface PaymentToOpen {
  id: string;
  checkoutId: string;
  buyerId: string;
  provider: string;
  amountFen: number;
  expiresAt: number;
}

/** Opens pending payments in the caller's transaction, one statement for the batch (checkout, a flash sale's group). */
export async function openPayments(tx: Tx, payments: readonly PaymentToOpen[], now: number): Promise<void> {
  await insertRows(
    tx,
    'payments',
    payments.map((p) => ({
      id: p.id,
      checkout_id: p.checkoutId,
      buyer_id: p.buyerId,
      provider: p.provider,
      amount_fen: p.amountFen,
      status: 'pending',
      provider_txn_id: null,
      cashier_url: null,
      created_at: now,
      expires_at: p.expiresAt,
      paid_at: null,
      updated_at: now,
    })),
  );
}

/** A payment the provider captured just now (pending → succeeded), as the step after it sees it. */
export interface CapturedPayment {
  id: string;
  checkoutId: string;
  amountFen: number;
}

/**
 * What a captured payment does next, in the capture's transaction: the orders module passes its
 * step (orders/payment-capture.ts `payOrders`: the covered orders become paid, or their money goes
 * back) through `receiveNotification`/`applyNotification`; it is a required argument, so no
 * notification is applied without it.
 */
export type OnPaymentCaptured = (tx: Tx, payment: CapturedPayment, provider: string, now: number) => Promise<void>;

/** Verifies a provider's notification (signature, freshness, shape) and applies it. */
export async function receiveProviderNotification(
  ctx: CoreContext,
  providerName: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  onCaptured: OnPaymentCaptured,
): Promise<{ outcome: NotificationOutcome; reason?: string }> {
  const provider = ctx.payments.get(providerName);
  if (!provider) throw notFound('payment provider', providerName);
  const n = provider.verifyNotification(headers, rawBody);
  return applyProviderNotification(ctx, provider.name, n, rawBody, onCaptured);
}

export type NotificationOutcome = 'applied' | 'duplicate' | 'ignored' | 'rejected';

/** Applies a verified notification in one transaction; a captured payment's orders are `onCaptured`'s. */
export async function applyProviderNotification(
  ctx: CoreContext,
  provider: string,
  n: ProviderNotification,
  rawBody: string,
  onCaptured: OnPaymentCaptured,
): Promise<{ outcome: NotificationOutcome; reason?: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const claimed = await insertRows(
      tx,
      'payment_notifications',
      [
        {
          provider,
          event_id: n.eventId,
          kind: n.kind,
          provider_txn_id: n.providerTxnId,
          outcome: 'applied',
          received_at: now,
          payload: rawBody.slice(0, 4000),
        },
      ],
      { onConflictDoNothing: ['provider', 'event_id'] },
    );
    if (claimed !== 1) return { outcome: 'duplicate' as const };
    const result =
      n.kind === 'refund.succeeded'
        ? await applyRefund(tx, n, now)
        : n.kind === 'transfer.succeeded'
          ? await applyTransferNotification(tx, n, now)
          : await applyPayment(tx, provider, n, now, onCaptured);
    if (result.outcome !== 'applied') {
      await tx
        .updateTable('payment_notifications')
        .set({ outcome: result.reason ? `${result.outcome}:${result.reason}` : result.outcome })
        .where('provider', '=', provider)
        .where('event_id', '=', n.eventId)
        .execute();
    }
    return result;
  });
}

const paymentById = compiledOnce((db, v) => db.selectFrom('payments').selectAll().where('id', '=', v('id')));
const capturePayment = compiledOnce((db, v) =>
  db
    .updateTable('payments')
    .set({
      status: 'succeeded',
      provider_txn_id: v('txnId'),
      paid_at: v('now') as unknown as number,
      updated_at: v('now') as unknown as number,
    })
    .where('id', '=', v('id'))
    .where('status', 'in', PAYMENT_STATES.sourcesOf('capture', 'provider')) // pending (payment-states.ts)
    .where('provider', '=', v('provider'))
    .where('amount_fen', '=', v('amountFen') as unknown as number)
    .where((eb) => eb.or([eb('provider_txn_id', 'is', null), eb('provider_txn_id', '=', v('txnId'))]))
    .returning(['id', 'checkout_id', 'amount_fen']),
);

async function applyPayment(
  tx: Tx,
  provider: string,
  n: Extract<ProviderNotification, { kind: 'payment.succeeded' | 'payment.failed' }>,
  now: number,
  onCaptured: OnPaymentCaptured,
): Promise<{ outcome: NotificationOutcome; reason?: string }> {
  // The usual case first, in one statement: a pending payment of this provider, amount and transaction is captured.
  const captured =
    n.kind === 'payment.succeeded'
      ? await capturePayment.takeFirst(tx, {
          txnId: n.providerTxnId,
          now,
          id: n.paymentId,
          provider,
          amountFen: n.amountFen,
        })
      : undefined;
  if (!captured) {
    // Nothing captured (or a failure): the reason, from the payment as it is.
    const p = await paymentById.takeFirst(tx, { id: n.paymentId });
    if (!p || p.provider !== provider) return { outcome: 'rejected', reason: 'UNKNOWN_PAYMENT' };
    if (p.amount_fen !== n.amountFen) return { outcome: 'rejected', reason: 'AMOUNT_MISMATCH' };
    if (p.provider_txn_id !== null && p.provider_txn_id !== n.providerTxnId)
      return { outcome: 'rejected', reason: 'TXN_MISMATCH' };
    if (n.kind === 'payment.failed') return { outcome: p.status === 'pending' ? 'applied' : 'ignored' }; // the buyer may try again
    return { outcome: 'ignored', reason: `PAYMENT_${p.status.toUpperCase()}` };
  }
  const p = { id: captured.id, checkoutId: captured.checkout_id, amountFen: Number(captured.amount_fen) };
  await emit(tx, 'payment.succeeded', p.id, { paymentId: p.id, amountFen: p.amountFen }, now);
  await onCaptured(tx, p, provider, now);
  return { outcome: 'applied' };
}

async function applyRefund(
  tx: Tx,
  n: Extract<ProviderNotification, { kind: 'refund.succeeded' }>,
  now: number,
): Promise<{ outcome: NotificationOutcome; reason?: string }> {
  const r = await tx
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .select(['refunds.id', 'refunds.amount_fen', 'refunds.status', 'payments.provider', 'payments.provider_txn_id'])
    .where('refunds.id', '=', n.refundId)
    .executeTakeFirst();
  if (!r) return { outcome: 'rejected', reason: 'UNKNOWN_REFUND' };
  if (r.provider_txn_id !== null && r.provider_txn_id !== n.providerTxnId)
    return { outcome: 'rejected', reason: 'TXN_MISMATCH' };
  if (r.amount_fen !== n.amountFen) return { outcome: 'rejected', reason: 'AMOUNT_MISMATCH' };
  const to = REFUND_STATES.next(r.status, 'confirm', 'provider');
  const res =
    to === null
      ? null
      : await tx
          .updateTable('refunds')
          .set({ status: to, provider_refund_id: n.providerRefundId, completed_at: now })
          .where('id', '=', r.id)
          .where('status', 'in', REFUND_STATES.sourcesOf('confirm', 'provider'))
          .executeTakeFirst();
  if (!res || Number(res.numUpdatedRows) !== 1)
    return { outcome: 'ignored', reason: `REFUND_${r.status.toUpperCase()}` };
  await recordRefundPaid(tx, { id: r.id, amountFen: r.amount_fen, provider: r.provider }, now);
  await emit(tx, 'refund.succeeded', r.id, { refundId: r.id, amountFen: r.amount_fen }, now);
  return { outcome: 'applied' };
}

/**
 * Records a refund to be sent to the provider after commit; the request key makes it happen once.
 * The ledger books it in the same transaction (pro rata over the lines, or one line when
 * `lineId` is given) and refuses amounts above the refundable remainder.
 */
export async function requestRefund(
  tx: Tx,
  input: {
    paymentId: string;
    orderId: string;
    amountFen: number;
    reason: string;
    requestKey: string;
    lineId?: string | undefined;
  },
  now: number,
): Promise<string | null> {
  const id = newId('refund', now);
  const res = await tx
    .insertInto('refunds')
    .values({
      id,
      payment_id: input.paymentId,
      order_id: input.orderId,
      amount_fen: input.amountFen,
      status: 'pending',
      reason: input.reason,
      request_key: input.requestKey,
      provider_refund_id: null,
      created_at: now,
      completed_at: null,
    })
    .onConflict((oc) => oc.column('request_key').doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0n) !== 1) return null;
  await recordRefund(
    tx,
    { orderId: input.orderId, refundId: id, amountFen: input.amountFen, lineId: input.lineId },
    now,
  );
  await emit(tx, 'refund.requested', id, { refundId: id, orderId: input.orderId, amountFen: input.amountFen }, now);
  return id;
}

/** Sends pending refunds to their provider (idempotent there by refund id); run by the worker loop. */
export async function submitPendingRefunds(ctx: CoreContext, limit = 50): Promise<number> {
  const rows = await ctx.db
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .select(['refunds.id', 'refunds.amount_fen', 'payments.provider', 'payments.provider_txn_id'])
    .where('refunds.status', '=', 'pending')
    .where('refunds.provider_refund_id', 'is', null)
    .orderBy('refunds.created_at')
    .limit(limit)
    .execute();
  let sent = 0;
  for (const r of rows) {
    const provider = ctx.payments.get(r.provider);
    if (!provider || !r.provider_txn_id) continue;
    try {
      const out = await provider.refund({
        refundId: r.id,
        providerTxnId: r.provider_txn_id,
        amountFen: r.amount_fen,
        notifyUrl: ctx.payments.baseUrl() + notifyPath(provider.name),
      });
      await ctx.db
        .updateTable('refunds')
        .set({ provider_refund_id: out.providerRefundId })
        .where('id', '=', r.id)
        .where('provider_refund_id', 'is', null)
        .execute();
      sent++;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'PROVIDER_REFUND_REJECTED') {
        await ctx.db
          .updateTable('refunds')
          .set({ status: REFUND_STATES.assertTransition('pending', 'refuse', 'system'), completed_at: ctx.clock.now() })
          .where('id', '=', r.id)
          .where('status', 'in', REFUND_STATES.sourcesOf('refuse', 'system'))
          .execute();
      }
      // other errors: the provider is unreachable; the next round retries.
    }
  }
  return sent;
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'payment.succeeded': { paymentId: string; amountFen: number };
    'refund.succeeded': { refundId: string; amountFen: number };
    'refund.requested': { refundId: string; orderId: string; amountFen: number };
  }
}
