export {
  CASE_TYPES,
  type CaseType,
  CASE_STATUSES,
  type CaseStatus,
  FINAL_STATUSES,
  OPEN_STATUSES,
  REASON_CODES,
  type ReasonCode,
  QUALITY_RETURN_REASONS,
  TRANSPORT_RETURN_REASONS,
  type Party,
  BUYER_ACTIONS,
  MERCHANT_ACTIONS,
  ADMIN_ACTIONS,
  SYSTEM_ACTIONS,
  type BuyerAction,
  type MerchantAction,
  type PartyAction,
  type CaseAction,
  ACTIONS_OF,
  type EventKind,
  ESCALATION_WINDOW_MS,
  NO_REASON_WINDOW_MS,
  isFinal,
  isOpen,
  caseSortKey,
  SORT_KEY_PATTERN,
  COUNTER_REPLY_TIMER,
} from './case-types.js';
export { type CaseTransition, CASE_TRANSITIONS, nextStatus, tableActions } from './case-transitions.js';
export {
  INSURANCE_PAYOUT_FEN,
  spoiledShareFen,
  requestedFen,
  type CounterVerdict,
  counterVerdict,
  grantableFen,
  checkNamedAmount,
} from './amounts.js';
export { type CaseDeadline, caseDeadline, lapseAction } from './case-deadlines.js';
export { type LineFacts, type Verdict, checkEligibility, eligibleTypes, lineRuleProfile } from './eligibility.js';
export { MAX_ACTION_REASON_CHARS, MAX_ACTION_NOTE_CHARS } from './case-engine.js';
export {
  MAX_EVIDENCE_PER_ENTRY,
  MAX_CASE_NOTE_CHARS,
  MAX_CASE_MESSAGE_CHARS,
  type FileCaseInput,
  fileCase,
  type ActInput,
  actOnCase,
  actOnCasesTogether,
  arbitrateCase,
  postCaseMessage,
} from './cases.js';
export {
  type CaseSummary,
  type ViewerRole,
  type CaseView,
  allowedActionsFor,
  caseView,
  type CaseQuery,
  buyerCases,
  shopCases,
  adminCases,
} from './case-views.js';
export { AFTERSALES_TIMER_KINDS, registerAftersalesDeadlines } from './deadlines.js';
export { MAX_UNUSED_EVIDENCE, uploadEvidence, takeUnusedEvidence, purgeUnusedEvidence } from './evidence.js';
export { INSURANCE_RULE, payReturnInsurance } from './insurance.js';
export { type LineAfterSales, linesAfterSales } from './line-status.js';
