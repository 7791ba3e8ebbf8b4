/** Violation points (违规积分), penalties on durable timers, creator credit and appeals. */
export {
  appealWindow, catalogueRule, combinedMultiplier, creditScore, inForce, nextThreshold, penaltiesForCrossing, pointsInForce, thresholdsLost, thresholdsReached,
  CAUTION_BEFORE, CREDIT_MAX, CREDIT_RECOVERY_MS, DEFAULT_CATALOGUE, DEFAULT_EXPIRY_MS, FIRST_APPEAL_MS, LEDGERS, MAX_APPEALS,
  MAX_RULE_MILLI_POINTS, MILESTONES, PENALTY_KINDS, SECOND_APPEAL_MS, VIOLATION_RULE_CODES,
  type AppealRefusal, type CatalogueRule, type CreditEvent, type Ledger, type Milestone, type PenaltyKind, type PenaltyPlan, type PointRecord, type SubjectKind as ViolationSubjectKind, type ViolationRuleCode,
} from './rules.js';
export {
  activePenalty, assertShopNotPenalised, creatorCredit, decideAppeal, expiryMs, fileAppeal, listAppeals, listCatalogue, recordByHand, recordViolation,
  registerViolationTimers, setRulePoints, shopPointRecords, shopPointsSince, shopsUnderPenalty, shopViolationBoard, subjectsUnderPenalty, throttledCreatorMultipliers, throttledShopMultipliers, violationView,
  APPEAL_EVIDENCE_MAX, APPEAL_TEXT_MAX, DECISION_REASON_MAX, PENALTY_END_TIMER,
  type AppealQueueItem, type AppealStatus, type AppealView, type CatalogueEntry, type CreditView, type PenaltyRefusalCode, type PenaltyStatus, type PenaltyView,
  type RecordInput, type TimelineEntry, type TimelineKind, type ViolationBoard, type ViolationErrorCode, type ViolationEventTopic, type ViolationStatus, type ViolationView,
} from './service.js';
export { syncFeedThrottle } from './feed-throttle.js';
export { subscribeViolationsOutbox } from './outbox-detectors.js';
