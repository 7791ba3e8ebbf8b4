import type { Tx } from '../context.js';
import { DomainError, newId } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { assertTransition, STATUS_TIME_COLUMN, type ActorKind, type OrderStatus } from './order-states.js';
import { insertRows } from '../storage/index.js';
import { onOrderTransition } from '../rules/index.js';
import { reasonColumns, type TransitionReason } from './transition-reasons.js';

export interface TransitionActor {
  kind: ActorKind;
  id: string | null;
}

/**
 * Moves an order from `from` to `to` inside the caller's transaction: checks the table, updates
 * conditionally on the current status (a concurrent change makes this fail, never both win),
 * and records who, when and why. Returns false (and changes nothing) when the order was no
 * longer in `from`.
 */
export async function transitionOrder(
  tx: Tx,
  order: { id: string; shopId: string },
  from: OrderStatus,
  to: OrderStatus,
  actor: TransitionActor,
  reason: TransitionReason,
  now: number,
  extra: { cancel_reason?: string } = {},
): Promise<boolean> {
  assertTransition(from, to, actor.kind);
  const timeColumn = to === 'unpaid' ? null : STATUS_TIME_COLUMN[to];
  const res = await tx
    .updateTable('orders')
    .set({ status: to, updated_at: now, ...(timeColumn ? { [timeColumn]: now } : {}), ...extra })
    .where('id', '=', order.id)
    .where('status', '=', from)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await insertRows(tx, 'order_transitions', [{ id: newId('transition', now), order_id: order.id, shop_id: order.shopId, from_status: from, to_status: to, actor_kind: actor.kind, actor_id: actor.id, ...reasonColumns(reason), at: now }]);
  await emit(tx, `order.${to}`, order.id, { orderId: order.id, shopId: order.shopId, from, to, actor }, now);
  await onOrderTransition(tx, order, to, now); // start, move or stop the order's deadlines
  return true;
}

export async function requireTransition(...args: Parameters<typeof transitionOrder>): Promise<void> {
  if (!(await transitionOrder(...args))) {
    throw new DomainError('ORDER_CHANGED', 'the order changed meanwhile; reload and try again', 409, { orderId: args[1].id });
  }
}
