/**
 * Figures of the capacity gauge and the day-by-day projection chart (pure). The day plan follows
 * the server's projection: paid orders first, then unpaid ones holding a slot, `capacityPerDay`
 * a day in Asia/Shanghai days, today keeping what is left after the orders already shipped.
 */
import type { CapacityProjection } from '../../ops-api';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

export function startOfShanghaiDay(t: number): number {
  return Math.floor((t + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** "12-03" for the Shanghai day containing `t`. */
export function shanghaiMonthDay(t: number): string {
  const d = new Date(t + SHANGHAI_OFFSET_MS);
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

export type GaugeLevel = 'none' | 'ok' | 'near' | 'full';

export interface GaugeFigures {
  level: GaugeLevel;
  /** Pressure as a percentage with one decimal (0–100). */
  percent: number;
  /** Where product policies start to apply, as a percentage. */
  nearPercent: number;
  /** Orders waiting for a slot: paid and unshipped plus unpaid. */
  open: number;
  capacityPerDay: number | null;
  /** Days of work the open orders represent at the declared capacity (one decimal), null without one. */
  daysOfWork: number | null;
}

export function gaugeFigures(
  p: Pick<CapacityProjection, 'capacityPerDay' | 'backlog' | 'pending' | 'pressure' | 'nearLimitAt'>,
): GaugeFigures {
  const open = p.backlog + p.pending;
  const nearPercent = Math.round(p.nearLimitAt * 100);
  if (p.capacityPerDay === null || p.capacityPerDay <= 0)
    return { level: 'none', percent: 0, nearPercent, open, capacityPerDay: null, daysOfWork: null };
  const pressure = Math.min(1, Math.max(0, p.pressure));
  const level: GaugeLevel = pressure >= 1 ? 'full' : pressure >= p.nearLimitAt ? 'near' : 'ok';
  return {
    level,
    percent: Math.round(pressure * 1000) / 10,
    nearPercent,
    open,
    capacityPerDay: p.capacityPerDay,
    daysOfWork: Math.round((open / p.capacityPerDay) * 10) / 10,
  };
}

export interface PlannedDay {
  dayStart: number;
  label: string;
  /** Orders already shipped (today only). */
  shipped: number;
  /** Paid orders projected to ship that day. */
  paid: number;
  /** Unpaid orders holding a slot that day. */
  unpaid: number;
  capacity: number;
}

export interface DayPlan {
  days: PlannedDay[];
  /** Orders projected beyond the last day shown. */
  later: number;
}

/** Projected shipments per day, from today until the queue is empty (at least `minDays`, at most `maxDays`). */
export function planDays(
  p: Pick<CapacityProjection, 'capacityPerDay' | 'backlog' | 'pending' | 'shippedToday'>,
  now: number,
  minDays = 3,
  maxDays = 14,
): DayPlan {
  const cap = p.capacityPerDay;
  if (cap === null || cap <= 0) return { days: [], later: 0 };
  let paid = p.backlog;
  let unpaid = p.pending;
  const days: PlannedDay[] = [];
  const today = startOfShanghaiDay(now);
  for (let i = 0; i < maxDays && (i < minDays || paid + unpaid > 0); i++) {
    let slots = i === 0 ? Math.max(0, cap - p.shippedToday) : cap;
    const shipPaid = Math.min(paid, slots);
    slots -= shipPaid;
    const shipUnpaid = Math.min(unpaid, slots);
    paid -= shipPaid;
    unpaid -= shipUnpaid;
    const dayStart = today + i * DAY_MS; // Shanghai has no daylight saving: every day is 24 h
    days.push({
      dayStart,
      label: shanghaiMonthDay(dayStart),
      shipped: i === 0 ? p.shippedToday : 0,
      paid: shipPaid,
      unpaid: shipUnpaid,
      capacity: cap,
    });
  }
  return { days, later: paid + unpaid };
}

/** How late an at-risk order is projected to ship, in whole hours (at least 1). */
export function hoursLate(o: { shipBy: number; projectedShipAt: number }): number {
  return Math.max(1, Math.ceil((o.projectedShipAt - o.shipBy) / HOUR_MS));
}

/** A capacity the form may send: a whole number 1–1,000,000 (the server's bounds). */
export const MAX_CAPACITY_PER_DAY = 1_000_000;
export function checkCapacity(
  value: unknown,
): { ok: true; value: number } | { ok: false; reason: 'empty' | 'whole' | 'range' } {
  if (value === null || value === undefined || value === '') return { ok: false, reason: 'empty' };
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n) || !Number.isInteger(n)) return { ok: false, reason: 'whole' };
  if (n < 1 || n > MAX_CAPACITY_PER_DAY) return { ok: false, reason: 'range' };
  return { ok: true, value: n };
}
