import type { Tx } from '../context.js';
import { DomainError, newId } from '../platform/index.js';
import { emitMany, type OutboxEntry } from '../outbox/index.js';
import { assertTransition, STATUS_TIME_COLUMN, type ActorKind, type OrderStatus } from './order-states.js';
import { insertRows, compiledOnce, type CompiledOnce } from '../storage/index.js';
import { onOrderTransition, shipByAtOf, parseOrderRules } from '../rules/index.js';
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
/** The conditional status update setting these columns, compiled once per set of columns (a handful: one per target status). */
const statusUpdates = new Map<string, CompiledOnce<unknown>>();
function statusUpdate(columns: readonly string[]): CompiledOnce<unknown> {
  const key = columns.join(',');
  let q = statusUpdates.get(key);
  if (!q) {
    q = compiledOnce((db, v) =>
      db
        .updateTable('orders')
        .set(Object.fromEntries(columns.map((c) => [c, v(c)])) as Record<string, string>)
        .where('id', '=', v('id'))
        .where('status', '=', v('from') as never),
    ) as CompiledOnce<unknown>;
    statusUpdates.set(key, q);
  }
  return q;
}

/**
 * What the caller of a transition holds already, so that the transition neither reads nor writes
 * it again (each field saves statements on a hot path; absent, the transition does it itself).
 */
export interface TransitionKnown {
  /** The order's rule snapshot: a payment then sets the ship-by time with the status. */
  snapshot?: { rules: string | null; promisedShipByAt: number | null };
  /**
   * To shipped: whether the order now has a parcel with a carrier that scans (the shipping
   * transaction has just written its parcels and read the earlier ones).
   */
  trackedParcel?: boolean;
  /** Events of the same change, written before the transition's own event in the same statement (none when it fails). */
  events?: readonly OutboxEntry[];
}

export async function transitionOrder(
  tx: Tx,
  order: { id: string; shopId: string },
  from: OrderStatus,
  to: OrderStatus,
  actor: TransitionActor,
  reason: TransitionReason,
  now: number,
  extra: { cancel_reason?: string } = {},
  known: TransitionKnown = {},
): Promise<boolean> {
  assertTransition(from, to, actor.kind);
  const timeColumn = to === 'unpaid' ? null : STATUS_TIME_COLUMN[to];
  const snapshot = known.snapshot;
  const shipByAt =
    to === 'paid' && snapshot ? shipByAtOf(parseOrderRules(snapshot.rules), snapshot.promisedShipByAt, now) : undefined;
  const set: Record<string, unknown> = {
    status: to,
    updated_at: now,
    ...(timeColumn ? { [timeColumn]: now } : {}),
    ...(shipByAt !== undefined ? { ship_by_at: shipByAt } : {}),
    ...extra,
  };
  const res = await statusUpdate(Object.keys(set)).run(tx, { ...set, id: order.id, from });
  if (Number(res.numAffectedRows ?? 0n) !== 1) return false;
  await insertRows(tx, 'order_transitions', [
    {
      id: newId('transition', now),
      order_id: order.id,
      shop_id: order.shopId,
      from_status: from,
      to_status: to,
      actor_kind: actor.kind,
      actor_id: actor.id,
      ...reasonColumns(reason),
      at: now,
    },
  ]);
  const own: OutboxEntry = {
    topic: `order.${to}`,
    subjectId: order.id,
    payload: { orderId: order.id, shopId: order.shopId, from, to, actor },
  };
  await emitMany(tx, known.events?.length ? [...known.events, own] : [own], now);
  // Start, move or stop the order's deadlines.
  await onOrderTransition(tx, order, to, now, {
    ...(shipByAt !== undefined ? { shipByAt } : {}),
    ...(known.trackedParcel !== undefined ? { trackedParcel: known.trackedParcel } : {}),
  });
  return true;
}

export async function requireTransition(...args: Parameters<typeof transitionOrder>): Promise<void> {
  if (!(await transitionOrder(...args))) {
    throw new DomainError('ORDER_CHANGED', 'the order changed meanwhile; reload and try again', {
      orderId: args[1].id,
    });
  }
}

/** An order moved between states (`order.paid`, `order.shipped`, …); `from` is '' for an order created paid (a sample). */
export interface OrderTransitionEvent {
  orderId: string;
  shopId: string;
  from: OrderStatus | '';
  to: OrderStatus;
  actor: TransitionActor;
}

/** A new order (checkout, or a flash sale with its sale and room). */
export interface OrderCreatedEvent {
  orderId: string;
  shopId: string;
  buyerId: string;
  totalFen: number;
  /** The status it was placed in: unpaid, or paid for a sample the creator does not pay for. */
  status?: OrderStatus;
  saleId?: string;
  roomId?: string;
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents extends Record<`order.${OrderStatus}`, OrderTransitionEvent> {
    'order.created': OrderCreatedEvent;
    'order.address_changed': { orderId: string; shopId: string };
  }
}
