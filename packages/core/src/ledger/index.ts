// The ledger module's public surface.
export * from './accounts.js';
export * from './access.js';
export * from './split-rules.js';
export * from './journal.js';
export * from './line-rates.js';
export * from './order-money.js';
export * from './settlement.js';
export * from './money-commands.js';
export * from './payouts.js';
export * from './statements.js';
export * from './reconciliation-rules.js';
export * from './reconciliation.js';
export * from './check.js';
export * from './line-commissions.js';
export { setShopSettleCap, settleWindowFor, shopSettleTerms, type ShopSettleTerms } from './shop-terms.js';
