/**
 * Handlers of the order deadlines: what happens when one passes. Every handler re-checks the
 * order's status, so a deadline that lost its race (the order was paid, shipped or confirmed
 * just before) changes nothing; each runs in the transaction that marks its timer done. The
 * deadlines themselves (kinds, the rule snapshot, what each transition schedules) are the rules
 * module's; enforcing them moves orders, stock and money, so the handlers sit here, above
 * ledger and payments. Registered at core open (core.ts, `registerOrderDeadlines`).
 */
import type { Tx } from '../context.js';
import { releaseReservations } from '../inventory/index.js';
import { giveBackCoupon } from '../coupons/index.js';
import { scheduleSettlement } from '../ledger/index.js';
import { transitionOrder } from './transition.js';
import { type TimerRegistry, scheduleTimer } from '../timers/index.js';
import type { CaseStatus } from '../storage/index.js';
import { DEADLINE, isLateDispatch, hasTrackedParcel } from '../rules/index.js';
import { applyLateShipment } from './late-shipment.js';

const SYSTEM = { kind: 'system' as const, id: null };

/**
 * While the buyer's request to refund an unshipped order is open, the merchant must not ship it,
 * so the ship-by rule waits: the check comes back every hour until the request is answered
 * (the refund-response deadline bounds the wait). Statuses as in the after-sales vocabulary.
 */
export const SHIP_BY_RECHECK_MS = 3600_000;
const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['requested', 'countered', 'escalated'];

async function hasOpenUnshippedRefund(tx: Tx, orderId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('aftersales_cases')
    .select('id')
    .where('order_id', '=', orderId)
    .where('type', '=', 'refund_unshipped')
    .where('status', 'in', OPEN_CASE_STATUSES)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function orderState(tx: Tx, orderId: string) {
  return tx
    .selectFrom('orders')
    .select(['id', 'shop_id', 'status', 'ship_by_at', 'shipped_at', 'dispatched_at'])
    .where('id', '=', orderId)
    .executeTakeFirst();
}

/** Registers the handlers of the order deadlines. */
export function registerOrderDeadlines(registry: TimerRegistry): TimerRegistry {
  registry.register(DEADLINE.payBy, async (tx, timer, now) => {
    const o = await orderState(tx, timer.subjectId);
    if (o?.status !== 'unpaid') return;
    if (
      await transitionOrder(
        tx,
        { id: o.id, shopId: o.shop_id },
        'unpaid',
        'cancelled',
        SYSTEM,
        { code: 'not_paid_in_time' },
        now,
        { cancel_reason: 'not paid in time' },
      )
    ) {
      await releaseReservations(tx, o.id, now);
      await giveBackCoupon(tx, o.id);
    }
  });
  registry.register(DEADLINE.shipBy, async (tx, timer, now) => {
    const o = await orderState(tx, timer.subjectId);
    if (!o) return;
    if (o.status === 'paid' && (await hasOpenUnshippedRefund(tx, o.id))) {
      await scheduleTimer(
        tx,
        {
          kind: DEADLINE.shipBy,
          subjectId: o.id,
          dueAt: now + SHIP_BY_RECHECK_MS,
          scopeId: timer.scopeId,
          payload: timer.payload,
        },
        now,
      );
      return;
    }
    // Not dispatched yet, or dispatched after the deadline (dispatching in time cancels this timer).
    const tracked = o.status !== 'paid' && (await hasTrackedParcel(tx, o.id));
    const late = isLateDispatch({
      status: o.status,
      shipByAt: o.ship_by_at,
      shippedAt: o.shipped_at,
      dispatchedAt: o.dispatched_at,
      tracked,
    });
    if (late) await applyLateShipment(tx, o.id, now);
  });
  registry.register(DEADLINE.autoConfirm, async (tx, timer, now) => {
    const o = await orderState(tx, timer.subjectId);
    if (o?.status !== 'delivered') return;
    if (
      await transitionOrder(
        tx,
        { id: o.id, shopId: o.shop_id },
        'delivered',
        'completed',
        SYSTEM,
        { code: 'receipt_confirmed_automatically' },
        now,
      )
    ) {
      await scheduleSettlement(tx, o.id, now);
    }
  });
  return registry;
}
