/** Response schemas of moderation routes. */
import { Type } from 'typebox';
import type {
  ItemView,
  OwnDecisionView,
  ReportView,
  fileReport,
  listQueue,
  myModerationDecisions,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';
import { FieldHitSchema } from './content-schemas.js';

export const OwnDecisionViewSchema = describe<OwnDecisionView>()(
  Type.Object({
    itemId: Type.String(),
    subjectKind: OneOf(['product', 'video', 'comment', 'live_room'] as const),
    subjectId: Type.String(),
    status: OneOf(['rejected', 'open', 'approved', 'dismissed', 'taken_down', 'withdrawn'] as const),
    overdue: Type.Boolean(),
    reason: Nullable(Type.String()),
    openedAt: Type.Integer(),
    decidedAt: Nullable(Type.Integer()),
  }),
);

export const ReportViewSchema = describe<ReportView>()(
  Type.Object({
    id: Type.String(),
    reporterId: Type.String(),
    reason: OneOf([
      'diversion',
      'prohibited',
      'false_claim',
      'vulgar',
      'harassment',
      'fraud',
      'infringement',
      'other',
    ] as const),
    note: Type.String(),
    status: OneOf(['open', 'dismissed', 'upheld'] as const),
    createdAt: Type.Integer(),
  }),
);

export const ItemViewSchema = describe<ItemView>()(
  Type.Object({
    id: Type.String(),
    subjectKind: OneOf(['product', 'video', 'comment', 'live_room'] as const),
    subjectId: Type.String(),
    ownerId: Nullable(Type.String()),
    source: OneOf(['rules', 'reports'] as const),
    status: OneOf(['rejected', 'open', 'approved', 'dismissed', 'taken_down', 'withdrawn'] as const),
    excerpt: Type.String(),
    hits: Type.Array(FieldHitSchema),
    reportCount: Type.Integer(),
    overdue: Type.Boolean(),
    dueAt: Type.Integer(),
    openedAt: Type.Integer(),
    decidedAt: Nullable(Type.Integer()),
    decisionReason: Nullable(Type.String()),
    allowed: Type.Array(OneOf(['reject', 'approve', 'dismiss', 'take_down'] as const)),
    reports: Type.Array(ReportViewSchema),
  }),
);

export const FileReportResultSchema = describe<Awaited<ReturnType<typeof fileReport>>>()(
  Type.Object({ id: Type.String(), itemId: Type.String(), reportCount: Type.Integer() }),
);

export const MyModerationDecisionsResultSchema = describe<Awaited<ReturnType<typeof myModerationDecisions>>>()(
  Type.Object({ items: Type.Array(OwnDecisionViewSchema) }),
);

export const ListQueueResultSchema = describe<Awaited<ReturnType<typeof listQueue>>>()(
  Type.Object({ items: Type.Array(ItemViewSchema) }),
);
