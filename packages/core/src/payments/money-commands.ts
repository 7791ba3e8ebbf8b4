/**
 * Commands that move money for an order outside its normal flow: a (partial) refund issued by
 * the merchant or the platform, and compensation paid to the buyer by the merchant or by the
 * platform. One transaction each; bad input is refused before anything is written.
 */
import type { Actor, CoreContext } from '../context.js';
import { DomainError, invalid, notFound } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { accountId, checkRequestKey } from '../ledger/index.js';
import { requestRefund } from './payments.js';
import { bookBuyerCompensation } from './buyer-compensation.js';

export interface RefundOrderInput {
  amountFen: number;
  lineId?: string | undefined;
  reason: string;
  /** The caller's idempotency key: the same key never refunds twice. */
  requestKey: string;
}

/** The reason given with a refund or a compensation, in characters (after trimming). */
export const MONEY_REASON_MAX = 200;

function checkAmount(amountFen: number): void {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    throw new DomainError('INVALID_AMOUNT', 'the amount must be a positive whole number of fen', {
      field: 'amountFen',
    });
}

function checkText(value: string, field: string, max: number): string {
  const v = value.trim();
  if (v.length < 1 || v.length > max) throw invalid(`${field} must be 1–${max} characters`, { field });
  return v;
}

async function orderFor(ctx: CoreContext, actor: Actor, orderId: string) {
  const o = await ctx.db
    .selectFrom('orders')
    .select(['id', 'shop_id', 'checkout_id', 'status'])
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!o || !(actor.shops.has(o.shop_id) || actor.roles.has('admin'))) throw notFound('order', orderId);
  return o;
}

/** Refunds part of a paid order (the merchant of its shop or an admin); idempotent by request key. */
export async function refundOrder(
  ctx: CoreContext,
  actor: Actor,
  orderId: string,
  input: RefundOrderInput,
): Promise<{ refundId: string | null; duplicate: boolean }> {
  checkAmount(input.amountFen);
  const reason = checkText(input.reason, 'reason', MONEY_REASON_MAX);
  const key = checkRequestKey(input.requestKey);
  const order = await orderFor(ctx, actor, orderId);
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const payment = await tx
      .selectFrom('payments')
      .select('id')
      .where('checkout_id', '=', order.checkout_id)
      .where('status', '=', 'succeeded')
      .executeTakeFirst();
    if (!payment) throw new DomainError('NOT_CAPTURED', 'this order has not been paid');
    const id = await requestRefund(
      tx,
      {
        paymentId: payment.id,
        orderId,
        amountFen: input.amountFen,
        reason,
        requestKey: `manual:${orderId}:${key}`,
        lineId: input.lineId,
      },
      now,
    );
    return { refundId: id, duplicate: id === null };
  });
}

export interface CompensationInput {
  amountFen: number;
  paidBy: 'merchant' | 'platform';
  reason: string;
  requestKey: string;
}

/**
 * Compensation to the buyer of an order: its own journal, from the merchant's available balance
 * (it may go negative) or from the platform's compensation expense, into compensation payable,
 * and paid to the buyer's original payment by the provider (payments/buyer-compensation.ts).
 * A merchant pays only from its own shop; the platform pays only when an admin says so.
 */
export async function compensateBuyer(
  ctx: CoreContext,
  actor: Actor,
  orderId: string,
  input: CompensationInput,
): Promise<{ journalId: string | null }> {
  checkAmount(input.amountFen);
  const reason = checkText(input.reason, 'reason', MONEY_REASON_MAX);
  const key = checkRequestKey(input.requestKey);
  if (input.paidBy !== 'merchant' && input.paidBy !== 'platform')
    throw invalid('paidBy must be merchant or platform', { field: 'paidBy' });
  const order = await orderFor(ctx, actor, orderId);
  if (input.paidBy === 'platform' && !actor.roles.has('admin'))
    throw new DomainError('FORBIDDEN', 'only the platform may pay compensation from its own funds');
  if (order.status === 'unpaid') throw new DomainError('NOT_CAPTURED', 'this order has not been paid');
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const ref = `${orderId}:${key}`;
    const from =
      input.paidBy === 'merchant'
        ? accountId('merchant_available', order.shop_id)
        : accountId('platform_compensation_expense');
    const booked = await bookBuyerCompensation(
      tx,
      {
        orderId,
        amountFen: input.amountFen,
        kind: 'manual',
        paidBy: input.paidBy,
        fromAccount: from,
        refKind: 'order',
        refId: ref,
        memo: reason,
      },
      now,
    );
    if (!booked) return { journalId: null };
    const journalId = booked.journalId;
    await emit(tx, 'compensation.booked', orderId, { orderId, amountFen: input.amountFen, paidBy: input.paidBy }, now);
    return { journalId };
  });
}
