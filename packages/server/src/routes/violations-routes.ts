/** Violation points (违规积分): the merchant's board and appeals, the creator's credit, the admin's appeals queue and rule catalogue. */
import { Type } from 'typebox';
import {
  APPEAL_EVIDENCE_MAX,
  APPEAL_TEXT_MAX,
  creatorCredit,
  DECISION_REASON_MAX,
  decideAppeal,
  fileAppeal,
  listAppeals,
  listCatalogue,
  MAX_RULE_MILLI_POINTS,
  recordByHand,
  requireRole,
  setRulePoints,
  shopViolationBoard,
  VIOLATION_RULE_CODES,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { answers, Id, ok } from '../http/schemas.js';
import {
  AppealQueueSchema,
  CatalogueEntrySchema,
  CreditSchema,
  ViolationBoardSchema,
  ViolationSchema,
} from './violations-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const RuleCode = Type.Union(
  VIOLATION_RULE_CODES.map((c) => Type.Literal(c)),
  { description: '规则 / the rule broken' },
);
const SubjectKind = Type.Union([Type.Literal('shop'), Type.Literal('creator')], {
  description: '店铺或达人 / a shop or a creator',
});

export function violationsRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['violations'];

  r.get(
    '/api/v1/merchant/shops/:shopId/violation-board',
    {
      schema: {
        tags,
        summary: 'Points in force per ledger, penalties and violation records with their timelines (违规管理)',
        params: Type.Object({ shopId: Id('shop') }),
        response: ok(ViolationBoardSchema, 401, 404),
      },
    },
    async (req) => shopViolationBoard(ctx, actorOf(req), req.params.shopId),
  );

  r.post(
    '/api/v1/violations/:violationId/appeals',
    {
      schema: {
        tags,
        summary:
          'Appeal a violation of my shop or of me (twice at most: within 30 days, then within 15 days of a rejection)',
        params: Type.Object({ violationId: Id('violation') }),
        body: Type.Object(
          {
            text: Type.String({ minLength: 1, maxLength: APPEAL_TEXT_MAX }),
            evidence: Type.Optional(
              Type.Array(Id('afterSalesEvidence'), {
                maxItems: APPEAL_EVIDENCE_MAX,
                description: 'photos uploaded through POST /api/v1/aftersales/evidence',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: answers(201, ViolationSchema, 400, 401, 404, 409, 422),
      },
    },
    async (req, reply) => reply.status(201).send(await fileAppeal(ctx, actorOf(req), req.params.violationId, req.body)),
  );

  r.get(
    '/api/v1/creator/credit',
    {
      schema: {
        tags,
        summary: 'My creator credit score (信用分, 12 at most) and its history',
        response: ok(CreditSchema, 401),
      },
    },
    async (req) => creatorCredit(ctx, actorOf(req)),
  );

  r.get(
    '/api/v1/admin/violations/appeals',
    {
      schema: {
        tags,
        summary: 'Appeals by status (pending oldest first)',
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([Type.Literal('pending'), Type.Literal('granted'), Type.Literal('rejected')]),
            ),
          },
          { additionalProperties: false },
        ),
        response: ok(AppealQueueSchema, 400, 401, 403),
      },
    },
    async (req) => ({ items: await listAppeals(ctx, actorOf(req), req.query.status ?? 'pending') }),
  );

  r.post(
    '/api/v1/admin/violations/appeals/:appealId/decision',
    {
      schema: {
        tags,
        summary:
          'Grant or reject an appeal with a reason; a granted one removes the points and lifts the penalties they caused',
        params: Type.Object({ appealId: Id('violationAppeal') }),
        body: Type.Object(
          { grant: Type.Boolean(), reason: Type.String({ minLength: 1, maxLength: DECISION_REASON_MAX }) },
          { additionalProperties: false },
        ),
        response: ok(ViolationSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => decideAppeal(ctx, actorOf(req), req.params.appealId, req.body),
  );

  r.get(
    '/api/v1/admin/violations/rules',
    {
      schema: {
        tags,
        summary: 'The rule catalogue: ledger and points per rule (thousandths)',
        response: ok(Type.Object({ items: Type.Array(CatalogueEntrySchema) }), 401, 403),
      },
    },
    async (req) => {
      requireRole(actorOf(req), 'admin');
      return { items: await listCatalogue(ctx.db) };
    },
  );

  r.patch(
    '/api/v1/admin/violations/rules/:code',
    {
      schema: {
        tags,
        summary: 'Set a rule’s points (thousandths); recorded violations keep theirs',
        params: Type.Object({ code: RuleCode }),
        body: Type.Object(
          { milliPoints: Type.Integer({ minimum: 0, maximum: MAX_RULE_MILLI_POINTS }) },
          { additionalProperties: false },
        ),
        response: ok(CatalogueEntrySchema, 400, 401, 403, 404),
      },
    },
    async (req) => setRulePoints(ctx, actorOf(req), req.params.code, req.body.milliPoints),
  );

  r.post(
    '/api/v1/admin/violations',
    {
      schema: {
        tags,
        summary: 'Record a violation by hand (a confirmed fake order, a confirmed report…)',
        body: Type.Object(
          {
            subjectKind: SubjectKind,
            subjectId: Type.String({ minLength: 1, maxLength: 64 }),
            rule: RuleCode,
            refId: Type.String({ minLength: 1, maxLength: 64 }),
            note: Type.String({ minLength: 1, maxLength: 500 }),
          },
          { additionalProperties: false },
        ),
        response: answers(201, ViolationSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await recordByHand(ctx, actorOf(req), req.body)),
  );

  r.get(
    '/api/v1/admin/violations/shops/:shopId',
    {
      schema: {
        tags,
        summary: 'A shop’s violation board',
        params: Type.Object({ shopId: Id('shop') }),
        response: ok(ViolationBoardSchema, 401, 403, 404),
      },
    },
    async (req) => {
      requireRole(actorOf(req), 'admin');
      return shopViolationBoard(ctx, actorOf(req), req.params.shopId);
    },
  );
}
