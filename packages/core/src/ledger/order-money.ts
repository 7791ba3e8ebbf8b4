/**
 * The money of one order in the ledger: captured into the shop's clearing account when paid;
 * refunds before settlement come out of clearing, after settlement they are clawed back from
 * the merchant and the beneficiaries in the proportions of the settlement (negative balances
 * allowed and visible); the settlement is scheduled when the order completes.
 * Every function here runs inside the caller's transaction.
 */
import type { Tx } from '../context.js';
import { DomainError } from '../platform/index.js';
import { insertRows } from '../storage/index.js';
import { accountId } from './accounts.js';
import { postJournal, type JournalEntryInput, type JournalInput } from './journal.js';
import { effectiveRates, LINE_MONEY_COLUMNS, type LineMoneyRow } from './line-rates.js';
import { clawbackLine, spreadRefund } from './split-rules.js';
import { parseOrderRules } from '../rules/index.js';
import { settleWindowFor } from './shop-terms.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Payment captured for an order: provider cash → the shop's clearing. Idempotent per order. */
export async function recordCapture(
  tx: Tx,
  order: { id: string; shop_id: string; total_fen: number },
  provider: string,
  now: number,
): Promise<boolean> {
  const inserted = await insertRows(
    tx,
    'ledger_order_money',
    [
      {
        order_id: order.id,
        shop_id: order.shop_id,
        provider,
        captured_fen: order.total_fen,
        refunded_fen: 0,
        shipping_refunded_fen: 0,
        status: 'held',
        settle_due_at: null,
        created_at: now,
        updated_at: now,
      },
    ],
    { onConflictDoNothing: ['order_id'] },
  );
  if (inserted !== 1) return false;
  await postJournal(
    tx,
    {
      reason: 'capture',
      refKind: 'order',
      refId: order.id,
      memo: '买家付款入待结算 / payment captured into clearing',
      entries: [
        { account: accountId('provider_cash', provider), amountFen: -order.total_fen },
        { account: accountId('clearing', order.shop_id), amountFen: order.total_fen },
      ],
    },
    now,
  );
  return true;
}

/**
 * Orders paid before the ledger existed (a store upgraded from an older version) are captured
 * when their money first moves: their paid amount enters clearing then.
 */
async function ensureCaptured(tx: Tx, orderId: string, now: number): Promise<void> {
  const seen = await tx
    .selectFrom('ledger_order_money')
    .select('order_id')
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  if (seen) return;
  const o = await tx
    .selectFrom('orders')
    .innerJoin('payments', 'payments.checkout_id', 'orders.checkout_id')
    .select(['orders.id', 'orders.shop_id', 'orders.total_fen', 'payments.provider'])
    .where('orders.id', '=', orderId)
    .where('payments.status', '=', 'succeeded')
    .executeTakeFirst();
  if (o) await recordCapture(tx, { id: o.id, shop_id: o.shop_id, total_fen: Number(o.total_fen) }, o.provider, now);
}

export interface RefundMoneyInput {
  orderId: string;
  refundId: string;
  amountFen: number;
  /** Refund only this line; otherwise spread over the lines and the shipping fee pro rata. */
  lineId?: string | undefined;
}

/**
 * Books a refund owed to the buyer (paid out later through the provider). Throws
 * `INVALID_AMOUNT` / `REFUND_EXCEEDS_REMAINDER` / `NOT_CAPTURED` before writing anything.
 */
export async function recordRefund(tx: Tx, input: RefundMoneyInput, now: number): Promise<void> {
  const A = input.amountFen;
  if (!Number.isSafeInteger(A) || A <= 0)
    throw new DomainError('INVALID_AMOUNT', 'the refund must be a positive number of fen', { amountFen: A });
  await ensureCaptured(tx, input.orderId, now);
  const money = await tx
    .selectFrom('ledger_order_money')
    .selectAll()
    .where('order_id', '=', input.orderId)
    .executeTakeFirst();
  if (!money)
    throw new DomainError('NOT_CAPTURED', 'no payment was captured for this order', { orderId: input.orderId });
  // Conditional: concurrent refunds can never together exceed what was captured.
  const won = await tx
    .updateTable('ledger_order_money')
    .set((eb) => ({ refunded_fen: eb('refunded_fen', '+', A), updated_at: now }))
    .where('order_id', '=', input.orderId)
    .where((eb) => eb(eb('refunded_fen', '+', A), '<=', eb.ref('captured_fen')))
    .executeTakeFirst();
  if (Number(won.numUpdatedRows) !== 1) {
    throw new DomainError('REFUND_EXCEEDS_REMAINDER', 'the refund is more than what remains refundable', {
      refundableFen: Number(money.captured_fen) - Number(money.refunded_fen),
    });
  }
  const fresh = await tx
    .selectFrom('ledger_order_money')
    .selectAll()
    .where('order_id', '=', input.orderId)
    .executeTakeFirstOrThrow();
  const order = await tx
    .selectFrom('orders')
    .select(['shipping_fee_fen'])
    .where('id', '=', input.orderId)
    .executeTakeFirstOrThrow();
  const lines = (await tx
    .selectFrom('order_lines')
    .select([...LINE_MONEY_COLUMNS])
    .where('order_id', '=', input.orderId)
    .orderBy('id')
    .execute()) as LineMoneyRow[];
  const shippingLeft = Number(order.shipping_fee_fen) - Number(fresh.shipping_refunded_fen);
  let remaining = lines.map((l) => Number(l.line_total_fen) - Number(l.refunded_fen));
  let shippingRemaining = shippingLeft;
  if (input.lineId !== undefined) {
    if (!lines.some((l) => l.id === input.lineId))
      throw new DomainError('NOT_FOUND', 'order line not found', { what: 'order line', id: input.lineId });
    remaining = lines.map((l, i) => (l.id === input.lineId ? remaining[i]! : 0));
    shippingRemaining = 0;
  }
  const refundable = remaining.reduce((a, b) => a + b, 0) + shippingRemaining;
  if (A > refundable)
    throw new DomainError('REFUND_EXCEEDS_REMAINDER', 'the refund is more than what remains refundable of that line', {
      refundableFen: refundable,
    });
  const spread = spreadRefund(A, [...remaining, shippingRemaining]);
  const shippingPart = spread[lines.length]!;
  const shop = money.shop_id;
  const entries: JournalEntryInput[] = [{ account: accountId('refunds_payable'), amountFen: A }];
  const settled = fresh.status === 'settled';
  for (const [i, l] of lines.entries()) {
    const part = spread[i]!;
    if (part === 0) continue;
    const before = Number(l.refunded_fen);
    await tx
      .updateTable('order_lines')
      .set({ refunded_fen: before + part })
      .where('id', '=', l.id)
      .execute();
    if (!settled) continue;
    const back = clawbackLine(before, before + part, effectiveRates(l));
    entries.push({ account: accountId('merchant_available', shop), amountFen: -back.merchant });
    if (back.creator)
      entries.push({
        account: accountId('creator_available', l.attr_creator_id),
        amountFen: -back.creator,
        lineId: l.id,
      });
    if (back.mcn) entries.push({ account: accountId('mcn_available', l.mcn_id), amountFen: -back.mcn, lineId: l.id });
    if (back.colonel)
      entries.push({ account: accountId('colonel_available', l.colonel_id), amountFen: -back.colonel, lineId: l.id });
    if (back.fee) entries.push({ account: accountId('platform_fee_revenue'), amountFen: -back.fee });
  }
  if (shippingPart > 0) {
    await tx
      .updateTable('ledger_order_money')
      .set({ shipping_refunded_fen: Number(fresh.shipping_refunded_fen) + shippingPart })
      .where('order_id', '=', input.orderId)
      .execute();
    if (settled) entries.push({ account: accountId('merchant_available', shop), amountFen: -shippingPart });
  }
  if (!settled) {
    entries.push({ account: accountId('clearing', shop), amountFen: -A });
    // Fully refunded before settlement: nothing is left to settle.
    if (Number(fresh.refunded_fen) === Number(fresh.captured_fen))
      await tx
        .updateTable('ledger_order_money')
        .set({ status: 'closed' })
        .where('order_id', '=', input.orderId)
        .where('status', '=', 'held')
        .execute();
  }
  const journal: JournalInput = settled
    ? {
        reason: 'clawback',
        refKind: 'refund',
        refId: input.refundId,
        memo: `结算后退款追回 / refund after settlement of ${input.orderId}`,
        entries,
      }
    : {
        reason: 'refund_requested',
        refKind: 'refund',
        refId: input.refundId,
        memo: `结算前退款 / refund before settlement of ${input.orderId}`,
        entries,
      };
  await postJournal(tx, journal, now);
}

/** The provider paid a refund out: refunds payable → provider cash. */
export async function recordRefundPaid(
  tx: Tx,
  refund: { id: string; amountFen: number; provider: string },
  now: number,
): Promise<void> {
  await postJournal(
    tx,
    {
      reason: 'refund_paid',
      refKind: 'refund',
      refId: refund.id,
      memo: '退款已到账 / refund paid by the provider',
      entries: [
        { account: accountId('refunds_payable'), amountFen: -refund.amountFen },
        { account: accountId('provider_cash', refund.provider), amountFen: refund.amountFen },
      ],
    },
    now,
  );
}

/**
 * The order completed (receipt confirmed): it settles once the longest after-sales window of
 * its lines' categories has passed (or sooner, when the shop's terms cap the window). Every path that completes an order calls this.
 */
export async function scheduleSettlement(tx: Tx, orderId: string, completedAt: number): Promise<void> {
  // The window the order was sold under (its rule snapshot); orders from before snapshots use their categories' current window.
  const order = await tx.selectFrom('orders').select(['rules', 'shop_id']).where('id', '=', orderId).executeTakeFirst();
  let days: number;
  if (order?.rules && order.rules !== '{}') {
    days = parseOrderRules(order.rules).settleWindowDays;
  } else {
    const w = await tx
      .selectFrom('order_lines')
      .innerJoin('categories', 'categories.id', 'order_lines.category_id')
      .select((eb) => eb.fn.max('categories.settle_window_days').as('days'))
      .where('order_lines.order_id', '=', orderId)
      .executeTakeFirst();
    days = Number(w?.days ?? 7);
  }
  if (order) days = await settleWindowFor(tx, order.shop_id, days); // a top experience score settles sooner
  await ensureCaptured(tx, orderId, completedAt);
  await tx
    .updateTable('ledger_order_money')
    .set({ settle_due_at: completedAt + days * DAY_MS, updated_at: completedAt })
    .where('order_id', '=', orderId)
    .where('status', '=', 'held')
    .execute();
}

/** The provider paid compensation to the buyer: buyer compensation payable → provider cash. */
export async function recordCompensationPaid(
  tx: Tx,
  payout: { id: string; orderId: string; amountFen: number; provider: string },
  now: number,
): Promise<void> {
  await postJournal(
    tx,
    {
      reason: 'compensation_paid',
      refKind: 'compensation',
      refId: payout.id,
      memo: `赔付已到账 / compensation paid to the buyer of ${payout.orderId}`,
      entries: [
        { account: accountId('buyer_compensation_payable'), amountFen: -payout.amountFen },
        { account: accountId('provider_cash', payout.provider), amountFen: payout.amountFen },
      ],
    },
    now,
  );
}
