/** After-sales on order pages: each line's case (the open one, else the latest) and, for the buyer, what may be filed now. */
import type { Db } from '../context.js';
import { isOpen, type CaseType } from './case-types.js';
import { eligibleTypes, lineRuleProfile } from './eligibility.js';

export interface LineAfterSales {
  afterSales: { caseId: string; status: string; type: string } | null;
  afterSalesEligible: CaseType[];
}

/**
 * Per line of these orders. Eligibility is computed only when `now` is given (the buyer's
 * views); otherwise every line's list is empty.
 */
export async function linesAfterSales(
  db: Db,
  orderIds: readonly string[],
  now?: number,
): Promise<Map<string, LineAfterSales>> {
  const out = new Map<string, LineAfterSales>();
  if (orderIds.length === 0) return out;
  const ids = [...new Set(orderIds)];
  const [orders, lines, shipped, cases] = await Promise.all([
    now === undefined
      ? []
      : db
          .selectFrom('orders')
          .select(['id', 'status', 'delivered_at', 'completed_at', 'rules'])
          .where('id', 'in', ids)
          .execute(),
    db
      .selectFrom('order_lines')
      .select(['id', 'order_id', 'perishable', 'rules', 'line_total_fen', 'refunded_fen'])
      .where('order_id', 'in', ids)
      .execute(),
    now === undefined
      ? []
      : db.selectFrom('shipment_lines').select('order_line_id').where('order_id', 'in', ids).execute(),
    db
      .selectFrom('aftersales_cases')
      .select(['id', 'order_line_id', 'status', 'type', 'claim_line_key'])
      .where('order_id', 'in', ids)
      .orderBy('id')
      .execute(),
  ]);
  const byOrder = new Map(orders.map((o) => [o.id, o]));
  const shippedIds = new Set(shipped.map((s) => s.order_line_id));
  for (const l of lines) {
    const mine = cases.filter((c) => c.order_line_id === l.id);
    const shown = mine.find((c) => isOpen(c.status)) ?? mine[mine.length - 1];
    const o = byOrder.get(l.order_id);
    let eligible: CaseType[] = [];
    if (now !== undefined && o) {
      const { rules, perishable } = lineRuleProfile(l.rules, o.rules, l.perishable);
      eligible = eligibleTypes(
        {
          orderStatus: o.status,
          deliveredAt: o.delivered_at === null ? null : Number(o.delivered_at),
          completedAt: o.completed_at === null ? null : Number(o.completed_at),
          lineShipped: shippedIds.has(l.id),
          refundableFen: Number(l.line_total_fen) - Number(l.refunded_fen),
          perishable,
          rules,
          openCase: mine.some((c) => isOpen(c.status)),
          hadFreshClaim: mine.some((c) => c.claim_line_key !== null),
        },
        now,
      );
    }
    out.set(l.id, {
      afterSales: shown ? { caseId: shown.id, status: shown.status, type: shown.type } : null,
      afterSalesEligible: eligible,
    });
  }
  return out;
}
