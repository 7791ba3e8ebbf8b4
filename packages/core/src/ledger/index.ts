// The ledger module's public surface.
export {
  ACCOUNT_KINDS,
  type AccountKind,
  PAYABLE_KINDS,
  type PayableKind,
  accountId,
  parseAccountId,
} from './accounts.js';
export {
  type PayoutRequest,
  type PayoutNotification,
  type ProviderRecord,
  type PayoutProvider,
  type ProviderStatementSource,
  type MoneyProviders,
  moneyProviders,
} from './payout-provider.js';
export { canView, requireWithdrawable, requireViewable, accountsOf } from './access.js';
export {
  BP,
  type LineRates,
  type LineParts,
  PART_NAMES,
  allocate,
  assertRates,
  splitLine,
  clawbackLine,
  sumParts,
  spreadRefund,
  payoutAllowed,
} from './split-rules.js';
export { type LineMoneyRow, LINE_MONEY_COLUMNS, effectiveRates } from './line-rates.js';
export {
  type BalanceView,
  myBalances,
  platformBalances,
  type StatementLine,
  type StatementQuery,
  statement,
  statementCsv,
  type SettlementView,
  shopSettlements,
} from './statements.js';
export { type OurRecord, type Mismatch, reconcile } from './reconciliation-rules.js';
export {
  RECONCILE_GRACE_MS,
  type ReconciliationTrigger,
  type ReconciliationReport,
  compareWithProviders,
  reportDay,
  reconcileDaily,
  runReconciliation,
  listReconciliations,
} from './reconciliation.js';
export {
  type CompensationProblemCode,
  type CompensationProblem,
  type LedgerCheckReport,
  checkCompensation,
  checkLedger,
} from './check.js';
export { paidPerLine } from './line-commissions.js';
export { setShopSettleCap, settleWindowFor, shopSettleTerms, type ShopSettleTerms } from './shop-terms.js';
export {
  type JournalInput,
  type JournalEntryInput,
  normaliseEntries,
  postJournals,
  postJournal,
  balanceOf,
} from './journal.js';
export {
  recordCapture,
  type RefundMoneyInput,
  recordRefund,
  recordRefundPaid,
  scheduleSettlement,
  recordCompensationPaid,
} from './order-money.js';
export {
  type SettleStep,
  type FaultHook,
  SETTLEMENT_HOLDING_CASE_STATUSES,
  settleDueOrders,
  settleOrders,
} from './settlement.js';
export { MAX_REQUEST_KEY_CHARS, REQUEST_KEY_PATTERN, checkRequestKey } from './request-key.js';
export {
  MIN_PAYOUT_FEN,
  payoutNotifyPath,
  PAYOUT_HOLDER_NAME_MAX,
  PAYOUT_BANK_NAME,
  type PayoutAccountView,
  registerPayoutAccount,
  listPayoutAccounts,
  type PayoutView,
  requestPayout,
  listPayouts,
  submitPayouts,
  type PayoutOutcome,
  receivePayoutNotification,
  applyPayoutNotification,
} from './payouts.js';
