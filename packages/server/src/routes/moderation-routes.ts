/** Moderation: reports (举报) by signed-in users, the admins' review queue (内容审核) and its decisions, and the authors' view of their reviews. */
import { Type } from 'typebox';
import {
  decideItem,
  DECISIONS,
  fileReport,
  getItem,
  ITEM_SOURCES,
  ITEM_STATUSES,
  listQueue,
  MODERATION_SUBJECT_KINDS,
  myModerationDecisions,
  NOTE_MAX_CHARS,
  REASON_MAX_CHARS,
  REPORT_REASONS,
  REPORTS_PER_HOUR,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { answers, Id, ok, OneOf } from '../http/schemas.js';
import {
  FileReportResultSchema,
  ItemViewSchema,
  ListQueueResultSchema,
  MyModerationDecisionsResultSchema,
} from './moderation-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const Kind = Type.Union(
  MODERATION_SUBJECT_KINDS.map((k) => Type.Literal(k)),
  { description: 'video 视频, comment 评论, product 商品, live_room 直播间' },
);
const Source = Type.Union(
  ITEM_SOURCES.map((s) => Type.Literal(s)),
  { description: 'rules 规则送审, reports 用户举报' },
);
const Status = Type.Union(ITEM_STATUSES.map((s) => Type.Literal(s)));
const Reason = Type.Union(
  REPORT_REASONS.map((r) => Type.Literal(r)),
  { description: '举报理由 / the reason, from the fixed list' },
);
const Decision = Type.Union(
  DECISIONS.map((d) => Type.Literal(d)),
  { description: 'approve 通过, reject 驳回 (reason required), dismiss 驳回举报, take_down 处置 (reason required)' },
);
const SubjectId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z]+_[0-9a-z]{26}$' });
const ItemId = Id('moderation');

export function moderationRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['moderation'];
  const windowMs = deps.core.reviewWindowMs;

  r.post(
    '/api/v1/reports',
    {
      schema: {
        tags,
        summary: `Report a video, comment, product or live room (one open report per person and subject; at most ${REPORTS_PER_HOUR} an hour)`,
        description:
          'Errors: 400 INVALID_INPUT (own content, note too long), 401, 404 (no such subject), 409 REPORT_ALREADY_OPEN, 429 REPORT_RATE_LIMITED.',
        body: Type.Object(
          {
            subjectKind: Kind,
            subjectId: SubjectId,
            reason: Reason,
            note: Type.Optional(Type.String({ maxLength: NOTE_MAX_CHARS * 2 })),
          },
          { additionalProperties: false },
        ),
        response: answers(201, FileReportResultSchema, 400, 401, 404, 409, 429),
      },
    },
    async (req, reply) => reply.status(201).send(await fileReport(ctx, actorOf(req), req.body, windowMs)),
  );

  r.get(
    '/api/v1/reports/reasons',
    {
      schema: {
        tags,
        summary: 'The reasons a reporter picks from',
        response: ok(Type.Object({ reasons: Type.Array(OneOf(REPORT_REASONS)) })),
      },
    },
    async () => ({ reasons: [...REPORT_REASONS] }),
  );

  r.get(
    '/api/v1/moderation/mine',
    {
      schema: {
        tags,
        summary: 'The reviews of my own content: per subject the latest status and the reviewer’s reason',
        querystring: Type.Object(
          {
            kind: Type.Optional(Kind),
            ids: Type.Optional(Type.String({ maxLength: 4000, description: 'comma-separated subject ids' })),
          },
          { additionalProperties: false },
        ),
        response: ok(MyModerationDecisionsResultSchema, 400, 401),
      },
    },
    async (req) =>
      myModerationDecisions(ctx, actorOf(req), {
        kind: req.query.kind,
        subjectIds: req.query.ids ? req.query.ids.split(',').filter(Boolean).slice(0, 200) : undefined,
      }),
  );

  r.get(
    '/api/v1/admin/moderation/items',
    {
      schema: {
        tags,
        summary:
          'The review queue: open items by default, overdue first, then oldest; with the evidence (hits, reports)',
        querystring: Type.Object(
          {
            kind: Type.Optional(Kind),
            source: Type.Optional(Source),
            overdue: Type.Optional(Type.Boolean()),
            status: Type.Optional(Status),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: ok(ListQueueResultSchema, 400, 401, 403),
      },
    },
    async (req) => listQueue(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/v1/admin/moderation/items/:itemId',
    {
      schema: {
        tags,
        summary: 'One queue item with its evidence',
        params: Type.Object({ itemId: ItemId }),
        response: ok(ItemViewSchema, 400, 401, 403, 404),
      },
    },
    async (req) => getItem(ctx, actorOf(req), req.params.itemId),
  );

  r.post(
    '/api/v1/admin/moderation/items/:itemId/decision',
    {
      schema: {
        tags,
        summary:
          'Decide an item: approve / reject a held video, dismiss the reports or take the subject down, with a reason its owner reads',
        description:
          'Errors: 400 REVIEW_REASON_REQUIRED, INVALID_INPUT; 401; 403; 404; 409 REVIEW_ITEM_DECIDED, REVIEW_DECISION_INVALID.',
        params: Type.Object({ itemId: ItemId }),
        body: Type.Object(
          { decision: Decision, reason: Type.Optional(Type.String({ maxLength: REASON_MAX_CHARS * 2 })) },
          { additionalProperties: false },
        ),
        response: ok(ItemViewSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => decideItem(ctx, actorOf(req), req.params.itemId, req.body),
  );
}
