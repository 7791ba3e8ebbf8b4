// The capacity module's public surface: surge protection (爆单保护).
export { DEFAULT_WAREHOUSE, MAX_CAPACITY_PER_DAY } from './capacity-constants.js';
export {
  type BacklogOrder,
  type ProjectionInput,
  type ProjectedOrder,
  type Projection,
  slotShipAt,
  slotsUntil,
  byShipBy,
  pressureOf,
  projectCapacity,
} from './projection.js';
export {
  SURGE_POLICIES,
  type SurgePolicy,
  DEFAULT_SURGE_POLICY,
  NEAR_LIMIT,
  type SalePromise,
  type SaleDecision,
  type SaleInput,
  isSurgePolicy,
  decideSale,
} from './surge-policy.js';
export {
  PRESSURE_WINDOW_MS,
  type ShopLoad,
  capacityOf,
  loadShopLoad,
  queueEnd,
  saleTermsOf,
  productSaleTerms,
} from './shop-load.js';
export { type GuardedOrder, surgePromises } from './checkout-guard.js';
export {
  type ShopCapacityView,
  type CapacityProjectionView,
  getShopCapacity,
  setShopCapacity,
  setSurgePolicy,
  shopProjection,
  capacityPressure,
  throttleSignal,
} from './capacity-service.js';
export { type ProductDetail, productDetail } from './product-page.js';
