// The capacity module's public surface: surge protection (爆单保护).
export * from './capacity-constants.js';
export { startOfShanghaiDay, endOfShanghaiDay } from './shanghai-days.js';
export * from './projection.js';
export * from './surge-policy.js';
export * from './shop-load.js';
export * from './capacity-service.js';
export * from './checkout-guard.js';
