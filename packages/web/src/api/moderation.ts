/** Review queue (平台管理 · 内容审核), the authors' review status and reports (举报). */
import { api } from './client';
import type { Answer } from './contract';

export type SubjectKind = QueueItem['subjectKind'];
export type ItemSource = QueueItem['source'];
export type ItemStatus = QueueItem['status'];
export type Decision = 'approve' | 'reject' | 'dismiss' | 'take_down';
export type ReportReason = ReportView['reason'];

export const SUBJECT_KINDS: SubjectKind[] = ['video', 'comment', 'product', 'live_room'];
export const ITEM_SOURCES: ItemSource[] = ['rules', 'reports'];
export const ITEM_STATUSES: ItemStatus[] = ['open', 'approved', 'rejected', 'dismissed', 'taken_down', 'withdrawn'];
export const REPORT_REASONS: ReportReason[] = [
  'false_claim',
  'prohibited',
  'vulgar',
  'harassment',
  'fraud',
  'diversion',
  'infringement',
  'other',
];

export type QueueItem = Answer<'/api/v1/admin/moderation/items/{itemId}', 'get'>;
export type ReviewHit = QueueItem['hits'][number];
export type ReportView = QueueItem['reports'][number];
export type OwnReview = Answer<'/api/v1/moderation/mine', 'get'>['items'][number];

const enc = encodeURIComponent;

export const moderationApi = {
  queue: (q: {
    kind?: SubjectKind | undefined;
    source?: ItemSource | undefined;
    overdue?: boolean | undefined;
    status?: ItemStatus | undefined;
  }) =>
    api<Answer<'/api/v1/admin/moderation/items', 'get'>>('GET', '/admin/moderation/items', {
      query: {
        kind: q.kind,
        source: q.source,
        status: q.status,
        overdue: q.overdue === undefined ? undefined : String(q.overdue),
      },
    }),
  decide: (itemId: string, body: { decision: Decision; reason?: string }) =>
    api<QueueItem>('POST', `/admin/moderation/items/${enc(itemId)}/decision`, { body }),
  mine: (kind: SubjectKind, ids: string[]) =>
    api<Answer<'/api/v1/moderation/mine', 'get'>>('GET', '/moderation/mine', { query: { kind, ids: ids.join(',') } }),
  report: (body: { subjectKind: SubjectKind; subjectId: string; reason: ReportReason; note?: string }) =>
    api<Answer<'/api/v1/reports', 'post'>>('POST', '/reports', { body }),
};
