/** Moderation: the review queue (内容审核) and reports (举报). */
export {
  allowedDecisions,
  checkDecision,
  checkReportRate,
  DECISIONS,
  DEFAULT_REVIEW_WINDOW_MS,
  ITEM_SOURCES,
  ITEM_STATUSES,
  NOTE_MAX_CHARS,
  REASON_MAX_CHARS,
  REPORT_REASONS,
  REPORTS_PER_HOUR,
  REVIEW_DUE_TIMER,
  SUBJECT_KINDS as MODERATION_SUBJECT_KINDS,
  type Decision,
  type ItemSource,
  type ItemStatus,
  type ModerationErrorCode,
  type ReportReason,
  type ReportStatus,
  type SubjectKind as ModerationSubjectKind,
} from './rules.js';
export {
  decideItem,
  getItem,
  listQueue,
  myModerationDecisions,
  type ItemView,
  type ModerationDecidedEvent,
  type ModerationEvent,
  type ModerationOverdueEvent,
  type OwnDecisionView,
  type QueueQuery,
  type ReportView,
} from './queue.js';
export { fileReport, type ReportInput } from './reports.js';
export { installModeration, reviewWindowFromEnv } from './install.js';
