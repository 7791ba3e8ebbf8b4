/**
 * The capacity projection (pure, no I/O). Paid-but-unshipped orders are shipped earliest
 * ship-by first, `capacityPerDay` a day (Asia/Shanghai days; today keeps what is left after the
 * orders already shipped today). An order is projected to ship at the end of its day — the
 * honest, conservative reading — and is at risk when that is after its ship-by deadline.
 * Unpaid orders hold a slot after the paid ones (like they hold stock) until paid or cancelled.
 */
import { DAY_MS, endOfShanghaiDay } from '../platform/index.js';

export interface BacklogOrder {
  orderId: string;
  shipBy: number;
}

export interface ProjectionInput {
  now: number;
  capacityPerDay: number;
  shippedToday: number;
  /** Paid, not yet shipped. */
  backlog: readonly BacklogOrder[];
  /** Unpaid orders: each holds a slot after the backlog. */
  pendingCount: number;
  /** The usual in-stock promise window (ship within N hours), for the pressure figure. */
  promiseWindowMs: number;
}

export interface ProjectedOrder extends BacklogOrder {
  projectedShipAt: number;
}

export interface Projection {
  capacityPerDay: number;
  backlog: number;
  /** When the last paid order is projected to ship (null: nothing to ship). */
  projectedClearAt: number | null;
  projected: ProjectedOrder[];
  atRisk: ProjectedOrder[];
  /** When an order placed now would ship: after every order already placed. */
  newOrderShipAt: number;
  /** Slots taken in the promise window, 0..1; 1 means a new order no longer fits the window. */
  pressure: number;
}

/** When the order in queue position `index` (0-based) is projected to ship. */
export function slotShipAt(index: number, now: number, capacityPerDay: number, shippedToday: number): number {
  const today = endOfShanghaiDay(now);
  if (capacityPerDay <= 0) return Number.POSITIVE_INFINITY;
  const leftToday = Math.max(0, capacityPerDay - shippedToday);
  if (index < leftToday) return today;
  return today + (1 + Math.floor((index - leftToday) / capacityPerDay)) * DAY_MS;
}

/** How many queue positions ship at or before `t`. */
export function slotsUntil(t: number, now: number, capacityPerDay: number, shippedToday: number): number {
  const today = endOfShanghaiDay(now);
  if (t < today || capacityPerDay <= 0) return 0;
  return Math.max(0, capacityPerDay - shippedToday) + capacityPerDay * Math.floor((t - today) / DAY_MS);
}

/** Earliest ship-by first; ties by order id (ids sort by creation). */
export function byShipBy(a: BacklogOrder, b: BacklogOrder): number {
  return a.shipBy - b.shipBy || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);
}

/** Pressure from the number of open orders alone (checkout and product pages need no list). */
export function pressureOf(
  open: number,
  input: Pick<ProjectionInput, 'now' | 'capacityPerDay' | 'shippedToday' | 'promiseWindowMs'>,
): number {
  const slots = slotsUntil(input.now + input.promiseWindowMs, input.now, input.capacityPerDay, input.shippedToday);
  if (slots <= 0) return 1;
  return Math.min(1, open / slots);
}

export function projectCapacity(input: ProjectionInput): Projection {
  const { now, capacityPerDay, shippedToday } = input;
  const queue = [...input.backlog].sort(byShipBy);
  const projected = queue.map((o, i) => ({
    orderId: o.orderId,
    shipBy: o.shipBy,
    projectedShipAt: slotShipAt(i, now, capacityPerDay, shippedToday),
  }));
  const open = queue.length + input.pendingCount;
  return {
    capacityPerDay,
    backlog: queue.length,
    projectedClearAt: projected.at(-1)?.projectedShipAt ?? null,
    projected,
    atRisk: projected.filter((o) => o.projectedShipAt > o.shipBy),
    newOrderShipAt: slotShipAt(open, now, capacityPerDay, shippedToday),
    pressure: pressureOf(open, input),
  };
}
