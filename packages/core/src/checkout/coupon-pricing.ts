/**
 * A live coupon (直播间优惠券) on a checkout, pure: it applies to the lines of products in its room's
 * bag, on the one shop order with the most such spend, when that spend reaches the minimum. The
 * discount is shared over those lines in proportion to their totals (largest remainder, to the
 * fen), so every line total stays what the buyer pays for it and refunds, commissions and fees,
 * which all work from line totals, need no special case. The shipping fee is decided on the price
 * before the discount; at most the eligible spend minus 1 fen comes off (a coupon without a
 * minimum never makes the goods free).
 */
import type { CouponTerms } from '../coupons/index.js';
import type { PricedOrder } from './pricing.js';

export interface AppliedCoupon {
  orderIndex: number;
  discountFen: number;
}

/** Shares `total` over `weights` in proportion, each share a whole fen, summing exactly to `total`. */
export function shareByWeight(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w * total) / sum);
  const shares = exact.map((x) => Math.floor(x));
  let left = total - shares.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

/** Eligible spend of each order. */
export function eligibleSpend(orders: readonly PricedOrder[], coupon: CouponTerms): number[] {
  return orders.map((o) => o.lines.reduce((s, l) => s + (coupon.productIds.has(l.productId) ? l.lineTotalFen : 0), 0));
}

/**
 * Takes the coupon off the order with the most eligible spend (the first of equals), changing
 * that order's line totals and sums in place; null (nothing changed) when no order reaches the
 * minimum spend.
 */
export function applyCoupon(orders: PricedOrder[], coupon: CouponTerms): AppliedCoupon | null {
  const spend = eligibleSpend(orders, coupon);
  let best = -1;
  for (const [i, s] of spend.entries()) if (s > 0 && (best < 0 || s > spend[best]!)) best = i;
  if (best < 0 || spend[best]! < coupon.minSpendFen) return null;
  const order = orders[best]!;
  const discountFen = Math.min(coupon.amountFen, spend[best]! - 1);
  if (discountFen <= 0) return null;
  const eligible = order.lines.filter((l) => coupon.productIds.has(l.productId));
  const shares = shareByWeight(
    eligible.map((l) => l.lineTotalFen),
    discountFen,
  );
  eligible.forEach((l, i) => {
    l.discountFen = (l.discountFen ?? 0) + shares[i]!;
    l.lineTotalFen -= shares[i]!;
  });
  order.discountFen = (order.discountFen ?? 0) + discountFen;
  order.itemsFen -= discountFen;
  order.totalFen -= discountFen;
  return { orderIndex: best, discountFen };
}
