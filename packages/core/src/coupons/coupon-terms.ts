/**
 * The terms of a live coupon (直播间优惠券) and how long it stays good, pure: an amount off above a
 * minimum spend, on the products of its room's bag; good while the room is live and for a day after
 * it ends. Checkout prices with the terms (`checkout/coupon-pricing.ts`); the wallet pages by the
 * same validity rule (`live/coupon-wallet.ts`).
 */

export const COUPON_VALID_AFTER_ROOM_MS = 24 * 3600_000;

export interface CouponTerms {
  amountFen: number;
  minSpendFen: number;
  /** Products the coupon applies to (the room's bag). */
  productIds: ReadonlySet<string>;
}

/** Until when a coupon of this room can be spent: forever while it is live, then a day after it ended. */
export function couponValidUntil(room: { status: string; ended_at: number | null }): number {
  if (room.status === 'live') return Number.POSITIVE_INFINITY;
  return room.ended_at === null ? 0 : Number(room.ended_at) + COUPON_VALID_AFTER_ROOM_MS;
}
