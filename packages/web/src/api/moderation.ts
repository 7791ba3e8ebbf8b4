/** Review queue (平台管理 · 内容审核), the authors' review status and reports (举报). */
import { api } from './client';

export type SubjectKind = 'video' | 'comment' | 'product' | 'live_room';
export type ItemSource = 'rules' | 'reports';
export type ItemStatus = 'open' | 'approved' | 'rejected' | 'dismissed' | 'taken_down' | 'withdrawn';
export type Decision = 'approve' | 'reject' | 'dismiss' | 'take_down';
export type ReportReason = 'false_claim' | 'prohibited' | 'vulgar' | 'harassment' | 'fraud' | 'diversion' | 'infringement' | 'other';

export const SUBJECT_KINDS: SubjectKind[] = ['video', 'comment', 'product', 'live_room'];
export const ITEM_SOURCES: ItemSource[] = ['rules', 'reports'];
export const ITEM_STATUSES: ItemStatus[] = ['open', 'approved', 'rejected', 'dismissed', 'taken_down', 'withdrawn'];
export const REPORT_REASONS: ReportReason[] = ['false_claim', 'prohibited', 'vulgar', 'harassment', 'fraud', 'diversion', 'infringement', 'other'];

export interface ReviewHit { field: string; term: string; matched: string; severity: string; rule: string; ruleText: { zh: string; en: string } }
export interface ReportView { id: string; reporterId: string; reason: ReportReason; note: string; status: string; createdAt: number }
export interface QueueItem {
  id: string;
  subjectKind: SubjectKind;
  subjectId: string;
  ownerId: string | null;
  source: ItemSource;
  status: ItemStatus;
  excerpt: string;
  hits: ReviewHit[];
  reportCount: number;
  overdue: boolean;
  dueAt: number;
  openedAt: number;
  decidedAt: number | null;
  decisionReason: string | null;
  allowed: Decision[];
  reports: ReportView[];
}
export interface OwnReview { itemId: string; subjectKind: SubjectKind; subjectId: string; status: ItemStatus; overdue: boolean; reason: string | null; openedAt: number; decidedAt: number | null }

const enc = encodeURIComponent;

export const moderationApi = {
  queue: (q: { kind?: SubjectKind | undefined; source?: ItemSource | undefined; overdue?: boolean | undefined; status?: ItemStatus | undefined }) =>
    api<{ items: QueueItem[] }>('GET', '/admin/moderation/items', { query: { kind: q.kind, source: q.source, status: q.status, overdue: q.overdue === undefined ? undefined : String(q.overdue) } }),
  decide: (itemId: string, body: { decision: Decision; reason?: string }) => api<QueueItem>('POST', `/admin/moderation/items/${enc(itemId)}/decision`, { body }),
  mine: (kind: SubjectKind, ids: string[]) => api<{ items: OwnReview[] }>('GET', '/moderation/mine', { query: { kind, ids: ids.join(',') } }),
  report: (body: { subjectKind: SubjectKind; subjectId: string; reason: ReportReason; note?: string }) =>
    api<{ id: string; itemId: string; reportCount: number }>('POST', '/reports', { body }),
};
