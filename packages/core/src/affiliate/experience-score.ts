/**
 * 商家体验分 shown in the affiliate marketplace: how a shop has treated its buyers lately, on a
 * 0–5 scale, from data the platform already keeps (no ratings of its own):
 *
 * - refund rate: of the value of the shop's order lines paid in the last 90 days, the share
 *   refunded (any reason) — every 1 % refunded costs 0.1;
 * - violation points (违规积分: late shipments and other broken rules) recorded in the last 90
 *   days — every point costs 0.5.
 *
 *   score = clamp(5 − 10 × refundedFen / paidFen − 0.5 × points, 0, 5), two decimals
 *
 * A shop with nothing paid in the window has no score (null), not a perfect one. The full
 * governance score (product, logistics, service) will replace this when that module exists.
 */
import { shopPointsSince } from '../violations/index.js';
import type { Db } from '../context.js';
import { DAY_MS } from '../capacity/shanghai-days.js';

export const EXPERIENCE_WINDOW_MS = 90 * DAY_MS;
export const EXPERIENCE_MAX = 5;
export const REFUND_RATE_WEIGHT = 10;
export const POINT_WEIGHT = 0.5;

export interface ExperienceInputs {
  paidFen: number;
  refundedFen: number;
  violationMilliPoints: number;
}

export function experienceScore(i: ExperienceInputs): number | null {
  if (i.paidFen <= 0) return null;
  const refundRate = Math.min(1, Math.max(0, i.refundedFen) / i.paidFen);
  const points = Math.max(0, i.violationMilliPoints) / 1000;
  const raw = EXPERIENCE_MAX - REFUND_RATE_WEIGHT * refundRate - POINT_WEIGHT * points;
  return Math.round(Math.min(EXPERIENCE_MAX, Math.max(0, raw)) * 100) / 100;
}

/** The score of each given shop at `now` (two grouped queries). */
export async function shopExperienceScores(db: Db, shopIds: readonly string[], now: number): Promise<Map<string, number | null>> {
  const ids = [...new Set(shopIds)];
  const out = new Map<string, number | null>();
  if (ids.length === 0) return out;
  const since = now - EXPERIENCE_WINDOW_MS;
  const [sales, violations] = await Promise.all([
    db
      .selectFrom('order_lines as l')
      .innerJoin('orders as o', 'o.id', 'l.order_id')
      .select((eb) => ['l.shop_id', eb.fn.sum<number>('l.line_total_fen').as('paid'), eb.fn.sum<number>('l.refunded_fen').as('refunded')])
      .where('l.shop_id', 'in', ids)
      .where('o.paid_at', '>=', since)
      .where('o.paid_at', '<=', now)
      .groupBy('l.shop_id')
      .execute(),
    shopPointsSince(db, ids, since, now),
  ]);
  const milli = violations;
  const paid = new Map(sales.map((s) => [s.shop_id, { paidFen: Number(s.paid ?? 0), refundedFen: Number(s.refunded ?? 0) }]));
  for (const id of ids) out.set(id, experienceScore({ paidFen: paid.get(id)?.paidFen ?? 0, refundedFen: paid.get(id)?.refundedFen ?? 0, violationMilliPoints: milli.get(id) ?? 0 }));
  return out;
}
