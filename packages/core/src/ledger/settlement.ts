/**
 * Settlement: once an order's after-sales window has passed with no open case, its net money
 * leaves clearing — the platform fee to revenue, commissions to the creator, MCN and colonel,
 * the rest (and the shipping fee) to the merchant's available balance.
 *
 * Crash safety: one transaction claims the orders (`held → settled`, conditionally), posts their
 * journals and inserts their settlement rows (primary key = order id). A crash anywhere rolls
 * the whole batch back; the next round finds the same orders still `held` and settles them;
 * a second settlement of an order is impossible (the claim fails, and the key would collide).
 */
import type { CoreContext, Tx } from '../context.js';
import { insertRows, type CaseStatus } from '../storage/index.js';
import { accountId } from './accounts.js';
import { postJournals, type JournalEntryInput, type JournalInput } from './journal.js';
import { effectiveRates, LINE_MONEY_COLUMNS, type LineMoneyRow } from './line-rates.js';
import { splitLine } from './split-rules.js';

export type SettleStep = 'claimed' | 'loaded' | 'posted' | 'recorded';
/** Test hook: called after each step inside the transaction (a crash test throws from it). */
export type FaultHook = (step: SettleStep) => void;

const HOUR_MS = 60 * 60 * 1000;

/** After-sales case statuses that hold an order's settlement back (see aftersales/case-types.ts). */
export const SETTLEMENT_HOLDING_CASE_STATUSES: readonly CaseStatus[] = [
  'requested',
  'countered',
  'awaiting_return',
  'return_shipped',
  'escalated',
];

/** Settles due orders in batches; returns how many settled. Run by the worker loop. */
export async function settleDueOrders(
  ctx: CoreContext,
  options: { limit?: number; batchSize?: number; fault?: FaultHook } = {},
): Promise<number> {
  const now = ctx.clock.now();
  const limit = options.limit ?? 2000;
  const batchSize = options.batchSize ?? 500;
  const due = await ctx.db
    .selectFrom('ledger_order_money')
    .select('order_id')
    .where('status', '=', 'held')
    .where('settle_due_at', '<=', now)
    .orderBy('settle_due_at')
    .limit(limit)
    .execute();
  let settled = 0;
  for (let i = 0; i < due.length; i += batchSize) {
    const ids = due.slice(i, i + batchSize).map((d) => d.order_id);
    settled += await ctx.db.transaction().execute((tx) => settleOrders(tx, ids, now, options.fault));
  }
  return settled;
}

/** Settles the given orders that are due, in the caller's transaction. */
export async function settleOrders(
  tx: Tx,
  orderIds: readonly string[],
  now: number,
  fault?: FaultHook,
): Promise<number> {
  if (orderIds.length === 0) return 0;
  // An open case holds the money back an hour at a time: a refund still pending at the provider,
  // or an after-sales case still being handled (requested, countered, awaiting or carrying a
  // return, escalated). Final and rejected cases do not hold settlement.
  const open = await tx
    .selectFrom('refunds')
    .select('order_id')
    .where('order_id', 'in', orderIds)
    .where('status', '=', 'pending')
    .execute();
  const cases = await tx
    .selectFrom('aftersales_cases')
    .select('order_id')
    .where('order_id', 'in', orderIds)
    .where('status', 'in', SETTLEMENT_HOLDING_CASE_STATUSES)
    .execute();
  const blocked = new Set([...open.map((o) => o.order_id), ...cases.map((c) => c.order_id)]);
  if (blocked.size)
    await tx
      .updateTable('ledger_order_money')
      .set({ settle_due_at: now + HOUR_MS })
      .where('order_id', 'in', [...blocked])
      .where('status', '=', 'held')
      .execute();
  const candidates = orderIds.filter((id) => !blocked.has(id));
  if (candidates.length === 0) return 0;
  const claimed = await tx
    .updateTable('ledger_order_money')
    .set({ status: 'settled', updated_at: now })
    .where('order_id', 'in', candidates)
    .where('status', '=', 'held')
    .where('settle_due_at', '<=', now)
    .returning(['order_id', 'shop_id', 'captured_fen', 'refunded_fen', 'shipping_refunded_fen'])
    .execute();
  fault?.('claimed');
  if (claimed.length === 0) return 0;
  const ids = claimed.map((c) => c.order_id);
  const lines = (await tx
    .selectFrom('order_lines')
    .select([...LINE_MONEY_COLUMNS])
    .where('order_id', 'in', ids)
    .orderBy('id')
    .execute()) as LineMoneyRow[];
  const orders = await tx.selectFrom('orders').select(['id', 'shipping_fee_fen']).where('id', 'in', ids).execute();
  fault?.('loaded');
  const shipping = new Map(orders.map((o) => [o.id, Number(o.shipping_fee_fen)]));
  const byOrder = new Map<string, LineMoneyRow[]>();
  for (const l of lines) {
    const list = byOrder.get(l.order_id) ?? [];
    list.push(l);
    byOrder.set(l.order_id, list);
  }
  const journals: JournalInput[] = [];
  const rows: Array<{
    order_id: string;
    shop_id: string;
    journal_id: string;
    gross_fen: number;
    fee_fen: number;
    commission_fen: number;
    merchant_fen: number;
    settled_at: number;
  }> = [];
  for (const c of claimed) {
    const net = Number(c.captured_fen) - Number(c.refunded_fen);
    const shop = c.shop_id;
    let merchant = (shipping.get(c.order_id) ?? 0) - Number(c.shipping_refunded_fen);
    let fee = 0;
    let commission = 0;
    const entries: JournalEntryInput[] = [{ account: accountId('clearing', shop), amountFen: -net }];
    for (const l of byOrder.get(c.order_id) ?? []) {
      const p = splitLine(Number(l.line_total_fen) - Number(l.refunded_fen), effectiveRates(l));
      merchant += p.merchant;
      fee += p.fee;
      commission += p.creator + p.mcn + p.colonel;
      // Each commission names its line: reports read what the ledger paid for a line.
      if (p.creator)
        entries.push({
          account: accountId('creator_available', l.attr_creator_id),
          amountFen: p.creator,
          lineId: l.id,
        });
      if (p.mcn) entries.push({ account: accountId('mcn_available', l.mcn_id), amountFen: p.mcn, lineId: l.id });
      if (p.colonel)
        entries.push({ account: accountId('colonel_available', l.colonel_id), amountFen: p.colonel, lineId: l.id });
    }
    entries.push({ account: accountId('merchant_available', shop), amountFen: merchant });
    entries.push({ account: accountId('platform_fee_revenue'), amountFen: fee });
    journals.push({
      reason: 'settlement',
      refKind: 'order',
      refId: c.order_id,
      memo: '订单结算 / order settled',
      entries,
    });
    rows.push({
      order_id: c.order_id,
      shop_id: shop,
      journal_id: '',
      gross_fen: net,
      fee_fen: fee,
      commission_fen: commission,
      merchant_fen: merchant,
      settled_at: now,
    });
  }
  const journalIds = await postJournals(tx, journals, now);
  fault?.('posted');
  rows.forEach((r, i) => (r.journal_id = journalIds[i]!));
  for (let i = 0; i < rows.length; i += 500) await insertRows(tx, 'ledger_settlements', rows.slice(i, i + 500));
  fault?.('recorded');
  return rows.length;
}
