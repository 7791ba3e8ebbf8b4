/** The checkout module's public API: other modules import only from here. */
export {
  type PricedSku,
  type ShopShipping,
  type RequestedLine,
  type PricedLine,
  type PricedOrder,
  shippingFee,
  priceOrders,
  mergeLines,
} from './pricing.js';
export { ATTRIBUTION_SOURCES, MAX_LINE_QUANTITY, checkAttribution } from './attribution.js';
export { type AppliedCoupon, shareByWeight, eligibleSpend, applyCoupon } from './coupon-pricing.js';
export {
  MAX_CHECKOUT_LINES,
  MAX_CHECKOUT_NOTE_CHARS,
  type CheckoutInput,
  type CheckoutResult,
  checkout,
} from './checkout.js';
export { checkKey, requestHash } from './idempotency.js';
