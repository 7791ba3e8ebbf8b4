/** The coupons module's public API (live-room coupons: terms, rows, spending at checkout): other modules import only from here. */
export { COUPON_VALID_AFTER_ROOM_MS, type CouponTerms, couponValidUntil } from './coupon-terms.js';
export {
  type LiveCouponView,
  roomCoupons,
  insertCoupon,
  couponRoom,
  takeCouponClaim,
} from './coupon-store.js';
export {
  type CouponForCheckout,
  couponForCheckout,
  spendCoupon,
  giveBackCoupon,
  type MyLiveCoupon,
  usableCoupons,
} from './coupon-use.js';
