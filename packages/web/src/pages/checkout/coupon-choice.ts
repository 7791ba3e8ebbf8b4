/**
 * Which live coupon to offer at checkout and what it would take off (pure). The server decides the
 * exact amounts when the order is placed (checkout/coupon-pricing.ts on the server): a coupon
 * applies to the products of its room's bag, on the shop order with the most such spend, once that
 * spend reaches the minimum, and never takes off more than that spend less 1 fen. This estimate
 * follows the same rule so the total shown is the total charged.
 */
export interface CouponLine {
  shopId: string;
  productId: string;
  priceFen: number;
  quantity: number;
}

export interface OfferedCoupon {
  couponId: string;
  amountFen: number;
  minSpendFen: number;
  productIds: readonly string[];
}

export interface CouponEffect {
  couponId: string;
  shopId: string;
  discountFen: number;
}

/** What one coupon would do to these lines, or null when no shop's spend on its products reaches the minimum. */
export function couponEffect(lines: readonly CouponLine[], coupon: OfferedCoupon): CouponEffect | null {
  const products = new Set(coupon.productIds);
  const spend = new Map<string, number>();
  for (const l of lines)
    if (products.has(l.productId)) spend.set(l.shopId, (spend.get(l.shopId) ?? 0) + l.priceFen * l.quantity);
  let best: [string, number] | null = null;
  for (const entry of spend) if (entry[1] > 0 && (!best || entry[1] > best[1])) best = entry;
  if (!best || best[1] < coupon.minSpendFen) return null;
  const discountFen = Math.min(coupon.amountFen, best[1] - 1);
  return discountFen > 0 ? { couponId: coupon.couponId, shopId: best[0], discountFen } : null;
}

/** The coupons that apply, biggest saving first (the first is chosen by default, as shoppers expect). */
export function applicableCoupons(lines: readonly CouponLine[], coupons: readonly OfferedCoupon[]): CouponEffect[] {
  return coupons.flatMap((c) => couponEffect(lines, c) ?? []).sort((a, b) => b.discountFen - a.discountFen);
}
