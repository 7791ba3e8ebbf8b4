/**
 * 待结算佣金: what a creator, MCN or colonel is due from orders attributed to them that are paid
 * but not settled yet, order by order, with the amount expected (the settlement's own split of
 * what each line kept after refunds) and when it is expected to settle: the scheduled time once
 * the buyer has confirmed receipt, otherwise the order's settlement window after receipt.
 * Orders refunded in full (closed) and settled ones are left out.
 */
import type { Actor, CoreContext } from '../context.js';
import { effectiveRates, type LineMoneyRow, splitLine } from '../ledger/index.js';
import { parseOrderRules } from '../rules/index.js';
import { requireColonel, requireCreator, requireMcn } from './access.js';

export type CommissionParty = 'creator' | 'mcn' | 'colonel';

export interface PendingCommissionOrder {
  orderId: string;
  orderStatus: string;
  paidAt: number;
  /** Titles of the order's lines credited to the party. */
  products: string[];
  expectedFen: number;
  /** When the order settles: set once receipt is confirmed; null before. */
  settleDueAt: number | null;
  /** Days after receipt the order settles (its rule snapshot's after-sales window). */
  settleWindowDays: number;
}

export interface PendingCommission {
  party: CommissionParty;
  totalFen: number;
  orders: number;
  items: PendingCommissionOrder[];
  /** More orders than one answer lists (the total still counts them all). */
  truncated: boolean;
}

const MAX_LINES = 20_000;
const MAX_ITEMS = 200;

interface PendingLine extends LineMoneyRow {
  title: string;
  status: string;
  paid_at: number | null;
  rules: string;
  settle_due_at: number | null;
}

export async function pendingCommission(
  ctx: CoreContext,
  actor: Actor,
  party: CommissionParty,
): Promise<PendingCommission> {
  if (party === 'creator') requireCreator(actor);
  else if (party === 'mcn') requireMcn(actor);
  else requireColonel(actor);
  let q = ctx.db
    .selectFrom('order_lines as l')
    .innerJoin('orders as o', 'o.id', 'l.order_id')
    .innerJoin('ledger_order_money as m', 'm.order_id', 'l.order_id')
    .select([
      'l.id',
      'l.order_id',
      'l.line_total_fen',
      'l.refunded_fen',
      'l.fee_rate_bp',
      'l.creator_rate_bp',
      'l.mcn_share_bp',
      'l.colonel_fee_bp',
      'l.attr_creator_id',
      'l.mcn_id',
      'l.colonel_id',
      'l.title',
      'o.status',
      'o.paid_at',
      'o.rules',
      'm.settle_due_at',
    ])
    .where('m.status', '=', 'held')
    .where('o.paid_at', 'is not', null)
    .where('o.status', '<>', 'cancelled')
    .orderBy('l.order_id', 'desc')
    .limit(MAX_LINES + 1);
  if (party === 'creator') q = q.where('l.attr_creator_id', '=', actor.userId).where('l.plan_kind', 'is not', null);
  else if (party === 'mcn') q = q.where('l.mcn_id', '=', actor.userId);
  else q = q.where('l.colonel_id', '=', actor.userId);
  const rows = (await q.execute()) as PendingLine[];
  const byOrder = new Map<string, PendingCommissionOrder>();
  for (const l of rows.slice(0, MAX_LINES)) {
    const own = splitLine(Number(l.line_total_fen) - Number(l.refunded_fen), effectiveRates(l))[party];
    let o = byOrder.get(l.order_id);
    if (!o) {
      o = {
        orderId: l.order_id,
        orderStatus: l.status,
        paidAt: Number(l.paid_at),
        products: [],
        expectedFen: 0,
        settleDueAt: l.settle_due_at === null ? null : Number(l.settle_due_at),
        settleWindowDays: parseOrderRules(l.rules).settleWindowDays,
      };
      byOrder.set(l.order_id, o);
    }
    o.expectedFen += own;
    if (!o.products.includes(l.title)) o.products.push(l.title);
  }
  const all = [...byOrder.values()].filter((o) => o.expectedFen > 0);
  // Soonest to settle first (scheduled ones by date), then the newest paid.
  all.sort(
    (a, b) =>
      (a.settleDueAt ?? Infinity) - (b.settleDueAt ?? Infinity) ||
      b.paidAt - a.paidAt ||
      b.orderId.localeCompare(a.orderId),
  );
  return {
    party,
    totalFen: all.reduce((s, o) => s + o.expectedFen, 0),
    orders: all.length,
    items: all.slice(0, MAX_ITEMS),
    truncated: rows.length > MAX_LINES || all.length > MAX_ITEMS,
  };
}
