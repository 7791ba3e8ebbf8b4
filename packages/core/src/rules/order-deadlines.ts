/**
 * The order deadlines on timers: what each order change schedules or cancels, inside the
 * change's transaction (orders/transition.ts calls `onOrderTransition` after every change).
 * The handlers that enforce a passed deadline are orders' (orders/deadline-handlers.ts).
 */
import type { Tx } from '../context.js';
import { scheduleTimer, type TimerInput } from '../timers/index.js';
import { compiledOnce } from '../storage/index.js';
import { DEADLINE_DAY_MS, DEADLINE, DEADLINE_HOUR_MS, ORDER_DEADLINES } from './deadline-kinds.js';
import { loadOrderRules, parseOrderRules } from './order-snapshot.js';
import { hasTrackedParcel } from './tracked-parcel.js';

/**
 * Cancels the order's pending timers of these kinds that are not due yet. A due timer is left to
 * fire: its handler re-checks the order and does nothing (or applies a rule that was already
 * broken). Not touching due timers also keeps the lock order one way on PostgreSQL: a scheduler
 * holds a due timer's row and then takes the order's, an order change never waits on a due timer.
 */
async function cancelNotDue(tx: Tx, kinds: readonly string[], orderId: string, now: number): Promise<void> {
  let query = cancelQueries.get(kinds.length);
  if (!query) cancelQueries.set(kinds.length, (query = cancelQuery(kinds.length)));
  await query.run(tx, { now, orderId, ...Object.fromEntries(kinds.map((k, i) => [`kind${i}`, k])) });
}

/** The cancelling update for `n` kinds, compiled once per count (every payment runs one). */
const cancelQueries = new Map<number, ReturnType<typeof cancelQuery>>();
const cancelQuery = (n: number) =>
  compiledOnce((db, v) =>
    db
      .updateTable('timers')
      .set({ status: 'cancelled', updated_at: v('now') as unknown as number })
      .where(
        'kind',
        'in',
        Array.from({ length: n }, (_, i) => v(`kind${i}`)),
      )
      .where('subject_id', '=', v('orderId'))
      .where('status', '=', 'pending')
      .where('due_at', '>', v('now') as unknown as number),
  );

/** The pay-by timer of a new order (checkout writes them all in one statement). */
export function payByTimer(order: { id: string; shopId: string; payDeadline: number }): TimerInput {
  return { kind: DEADLINE.payBy, subjectId: order.id, scopeId: order.shopId, dueAt: order.payDeadline };
}

/** When a paid order must ship: the promised pre-sale date (surge protection), or the snapshot's hours from payment. Pure. */
export function shipByAtOf(rules: { shipByHours: number }, promisedShipByAt: number | null, paidAt: number): number {
  return promisedShipByAt !== null ? promisedShipByAt : paidAt + rules.shipByHours * DEADLINE_HOUR_MS;
}

/**
 * Payment captured: the pay-by deadline is void and the ship-by clock starts (from the order's
 * snapshot). A caller that already wrote `ship_by_at` with the status change passes it (one read
 * and one write fewer on the payment's hot path).
 */
export async function onOrderPaid(
  tx: Tx,
  order: { id: string; shopId: string },
  now: number,
  written?: { shipByAt: number },
): Promise<number> {
  let shipByAt = written?.shipByAt;
  if (shipByAt === undefined) {
    const row = await tx
      .selectFrom('orders')
      .select(['rules', 'promised_ship_by_at'])
      .where('id', '=', order.id)
      .executeTakeFirst();
    shipByAt = shipByAtOf(parseOrderRules(row?.rules), row?.promised_ship_by_at ?? null, now);
    await tx.updateTable('orders').set({ ship_by_at: shipByAt }).where('id', '=', order.id).execute();
  }
  await cancelNotDue(tx, [DEADLINE.payBy], order.id, now);
  await scheduleTimer(tx, { kind: DEADLINE.shipBy, subjectId: order.id, scopeId: order.shopId, dueAt: shipByAt }, now);
  return shipByAt;
}

/**
 * Every line shipped: in time, the ship-by timer is done with. Shipped after the deadline, the
 * timer stays due and its handler applies the late-shipment rule on the next round (the rule is
 * the deadline, not the scheduler's timing; shipping itself stays cheap).
 */
export async function onOrderShipped(
  tx: Tx,
  orderId: string,
  now: number,
  /** Whether the order has a parcel with a carrier that scans, when the caller knows it (the shipping transaction does). */
  trackedParcel?: boolean,
): Promise<void> {
  // With a carrier that scans, dispatch is its first scan (logistics/tracking.ts ends the deadline then).
  if (trackedParcel ?? (await hasTrackedParcel(tx, orderId))) return;
  // Shipping at the due millisecond is in time; the timer is not due for the scheduler until then either.
  await shipByDone.run(tx, { now, orderId, kind: DEADLINE.shipBy });
}

/** Shipped in time: the ship-by timer is cancelled (compiled once; every shipment runs it). */
const shipByDone = compiledOnce((db, v) =>
  db
    .updateTable('timers')
    .set({ status: 'cancelled', updated_at: v('now') as unknown as number })
    .where('kind', '=', v('kind'))
    .where('subject_id', '=', v('orderId'))
    .where('status', '=', 'pending')
    .where('due_at', '>=', v('now') as unknown as number),
);

/** Delivered: receipt is confirmed automatically after the snapshot's number of days. */
export async function onOrderDelivered(tx: Tx, order: { id: string; shopId: string }, now: number): Promise<void> {
  const rules = await loadOrderRules(tx, order.id);
  await scheduleTimer(
    tx,
    {
      kind: DEADLINE.autoConfirm,
      subjectId: order.id,
      scopeId: order.shopId,
      dueAt: now + rules.autoConfirmDays * DEADLINE_DAY_MS,
    },
    now,
  );
}

/** Cancelled or completed: no order deadline runs any more. */
export async function onOrderClosed(tx: Tx, orderId: string, now: number): Promise<void> {
  await cancelNotDue(tx, ORDER_DEADLINES, orderId, now);
}

/** Called by every order transition (same transaction): keeps the order's timers in step with its status. */
export async function onOrderTransition(
  tx: Tx,
  order: { id: string; shopId: string },
  to: string,
  now: number,
  /**
   * What the change's caller wrote or knows already: the ship-by time written with a payment's
   * status, whether a shipped order has a parcel with a carrier that scans.
   */
  known: { shipByAt?: number; trackedParcel?: boolean } = {},
): Promise<void> {
  if (to === 'paid')
    await onOrderPaid(tx, order, now, known.shipByAt !== undefined ? { shipByAt: known.shipByAt } : undefined);
  else if (to === 'shipped') await onOrderShipped(tx, order.id, now, known.trackedParcel);
  else if (to === 'delivered') await onOrderDelivered(tx, order, now);
  else if (to === 'cancelled' || to === 'completed') await onOrderClosed(tx, order.id, now);
}
