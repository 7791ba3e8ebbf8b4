/** The review queue's pure rules: subjects, sources, statuses, report reasons, which decision fits which item, the deadline. */
import { DomainError } from '../platform/index.js';

export type SubjectKind = 'video' | 'comment' | 'product' | 'live_room';
export const SUBJECT_KINDS: readonly SubjectKind[] = ['video', 'comment', 'product', 'live_room'];

/** rules: the rule book held the text (a term of severity review); reports: users reported it. */
export type ItemSource = 'rules' | 'reports';
export const ITEM_SOURCES: readonly ItemSource[] = ['rules', 'reports'];

/** withdrawn: the subject left review without a decision (its owner removed it) and nobody reported it. */
export type ItemStatus = 'open' | 'approved' | 'rejected' | 'dismissed' | 'taken_down' | 'withdrawn';
export const ITEM_STATUSES: readonly ItemStatus[] = [
  'open',
  'approved',
  'rejected',
  'dismissed',
  'taken_down',
  'withdrawn',
];

export type ReportStatus = 'open' | 'dismissed' | 'upheld';

/** The fixed list a reporter picks from. */
export type ReportReason =
  | 'false_claim'
  | 'prohibited'
  | 'vulgar'
  | 'harassment'
  | 'fraud'
  | 'diversion'
  | 'infringement'
  | 'other';
export const REPORT_REASONS: readonly ReportReason[] = [
  'false_claim',
  'prohibited',
  'vulgar',
  'harassment',
  'fraud',
  'diversion',
  'infringement',
  'other',
];

/** approve / reject: a video the rule book held; dismiss / take_down: what users reported. */
export type Decision = 'approve' | 'reject' | 'dismiss' | 'take_down';
export const DECISIONS: readonly Decision[] = ['approve', 'reject', 'dismiss', 'take_down'];

export type ModerationErrorCode =
  | 'REPORT_RATE_LIMITED'
  | 'REPORT_ALREADY_OPEN'
  | 'REVIEW_DECISION_INVALID'
  | 'REVIEW_ITEM_DECIDED'
  | 'REVIEW_REASON_REQUIRED';

/** Reports one person may file in an hour before 429 REPORT_RATE_LIMITED. */
export const REPORTS_PER_HOUR = 20;
export const HOUR_MS = 60 * 60 * 1000;
/** How long an item may wait before it is flagged overdue (first in the queue); never approved by itself. */
export const DEFAULT_REVIEW_WINDOW_MS = 24 * HOUR_MS;
export const REASON_MAX_CHARS = 200;
export const NOTE_MAX_CHARS = 500;
export const REVIEW_DUE_TIMER = 'moderation.review_due';

/** What each decision does to the item, and whether its reason is required (the owner reads it). */
const DECISION_TABLE: Record<Decision, { to: ItemStatus; reasonRequired: boolean }> = {
  approve: { to: 'approved', reasonRequired: false },
  reject: { to: 'rejected', reasonRequired: true },
  dismiss: { to: 'dismissed', reasonRequired: false },
  take_down: { to: 'taken_down', reasonRequired: true },
};

/** The decisions that fit an item: approve/reject while its subject is a video waiting in review; dismiss/take down when it has reports. */
export function allowedDecisions(item: {
  subjectKind: SubjectKind;
  inReview: boolean;
  reportCount: number;
}): Decision[] {
  const out: Decision[] = [];
  if (item.subjectKind === 'video' && item.inReview) out.push('approve', 'reject');
  if (item.reportCount > 0 && !item.inReview) out.push('dismiss', 'take_down');
  return out;
}

/** Checks a decision against the item and its reason; returns the item's next status and the trimmed reason. */
export function checkDecision(
  item: { status: string; subjectKind: SubjectKind; inReview: boolean; reportCount: number },
  decision: Decision,
  reason: string | undefined,
): { to: ItemStatus; reason: string } {
  if (item.status !== 'open')
    throw new DomainError('REVIEW_ITEM_DECIDED', 'this item has been decided already', { status: item.status });
  const allowed = allowedDecisions(item);
  if (!allowed.includes(decision))
    throw new DomainError('REVIEW_DECISION_INVALID', `${decision} does not fit this item`, { decision, allowed });
  const text = (reason ?? '').trim();
  if (DECISION_TABLE[decision].reasonRequired && !text)
    throw new DomainError('REVIEW_REASON_REQUIRED', 'say why: the owner reads the reason', { field: 'reason' });
  if ([...text].length > REASON_MAX_CHARS)
    throw new DomainError('INVALID_INPUT', `the reason has at most ${REASON_MAX_CHARS} characters`, {
      field: 'reason',
    });
  return { to: DECISION_TABLE[decision].to, reason: text };
}

/** 429 when this reporter already filed `REPORTS_PER_HOUR` reports in the last hour. */
export function checkReportRate(inLastHour: number): void {
  if (inLastHour >= REPORTS_PER_HOUR) {
    throw new DomainError('REPORT_RATE_LIMITED', `at most ${REPORTS_PER_HOUR} reports an hour; try again later`, {
      limit: REPORTS_PER_HOUR,
      windowMs: HOUR_MS,
    });
  }
}

export function openKey(kind: SubjectKind, subjectId: string): string {
  return `${kind}:${subjectId}`;
}

export function reportKey(reporterId: string, kind: SubjectKind, subjectId: string): string {
  return `${reporterId}:${kind}:${subjectId}`;
}
