/**
 * The sandbox carrier's schedule (pure): when each scan of a parcel happens, like a real
 * express carrier — collected 2–6 h after the label, in transit 3–8 h later, delivered 1–3 days
 * after collection (out for delivery 2–4 h before). A tracking number ending in "-EXC" ends in an
 * exception instead. `speed` divides every delay (demos run at 60 or 3600).
 */
import type { TrackingStatus } from './tracking-status.js';

const HOUR = 60 * 60 * 1000;

export interface PlannedScan {
  seq: number;
  status: TrackingStatus;
  at: number;
  location: string;
  description: string;
}

/** A deterministic fraction in [0, 1) from a string and a salt (same parcel, same schedule). */
function fraction(key: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

const between = (key: string, salt: number, lo: number, hi: number): number => lo + (hi - lo) * fraction(key, salt);

export function sandboxScanPlan(waybillNo: string, acceptedAt: number, speed = 1): PlannedScan[] {
  const f = speed > 0 && Number.isFinite(speed) ? speed : 1;
  const d = (ms: number): number => Math.max(1, Math.round(ms / f));
  const collected = acceptedAt + d(between(waybillNo, 1, 2 * HOUR, 6 * HOUR));
  const inTransit = collected + d(between(waybillNo, 2, 3 * HOUR, 8 * HOUR));
  const delivered = collected + d(between(waybillNo, 3, 24 * HOUR, 72 * HOUR));
  const outForDelivery = Math.max(inTransit + 1, delivered - d(between(waybillNo, 4, 2 * HOUR, 4 * HOUR)));
  const last = Math.max(outForDelivery + 1, delivered);
  const exception = /-EXC$/i.test(waybillNo);
  return [
    {
      seq: 1,
      status: 'collected',
      at: collected,
      location: '发货网点 / origin depot',
      description: '快递员已揽收 / Parcel collected by the courier',
    },
    {
      seq: 2,
      status: 'in_transit',
      at: inTransit,
      location: '转运中心 / sorting hub',
      description: '快件已发往目的地 / In transit to the destination city',
    },
    {
      seq: 3,
      status: 'out_for_delivery',
      at: outForDelivery,
      location: '派送站 / delivery station',
      description: '快递员正在派送 / Out for delivery',
    },
    exception
      ? {
          seq: 4,
          status: 'exception',
          at: last,
          location: '派送站 / delivery station',
          description: '地址无法投递，等待联系 / Delivery failed: address unreachable',
        }
      : {
          seq: 4,
          status: 'delivered',
          at: last,
          location: '收件地址 / recipient address',
          description: '已签收 / Delivered and signed for',
        },
  ];
}

/**
 * The scans of a parcel that was handed over at `shippedAt` and signed for at `deliveredAt`
 * (collected → in transit → out for delivery → delivered), with the carrier's own proportions
 * (the plan above) fitted into that span: every scan after the previous one, the last exactly at
 * `deliveredAt`. For parcels whose delivery time is already known (a data set being loaded).
 */
export function deliveredScanPlan(waybillNo: string, shippedAt: number, deliveredAt: number): PlannedScan[] {
  const span = deliveredAt - shippedAt;
  if (!(span >= 4)) throw new RangeError('a delivered parcel needs at least 4 ms between shipping and delivery');
  const plan = sandboxScanPlan(waybillNo.replace(/-EXC$/i, ''), 0);
  const planned = plan[plan.length - 1]!.at;
  let previous = shippedAt;
  return plan.map((p, i) => {
    const last = i === plan.length - 1;
    const at = last
      ? deliveredAt
      : Math.min(
          deliveredAt - (plan.length - 1 - i),
          Math.max(previous + 1, shippedAt + Math.round((p.at / planned) * span)),
        );
    previous = at;
    return { ...p, at };
  });
}

/** The demo speed factor from `SANDBOX_CARRIER_SPEED` (default 1: real time). */
export function sandboxCarrierSpeed(env: Record<string, string | undefined> = process.env): number {
  const v = Number(env.SANDBOX_CARRIER_SPEED);
  return Number.isFinite(v) && v > 0 ? v : 1;
}
