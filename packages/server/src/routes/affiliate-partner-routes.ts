/** Colonels (招商团长) and MCN agencies: activities, product applications, contracts, performance. */
import { Type } from 'typebox';
import {
  acceptContract,
  ACTIVITY_NAME_MAX,
  activityApplications,
  colonelPerformance,
  createActivity,
  declineContract,
  decideActivityProduct,
  endContract,
  mcnPerformance,
  myActivities,
  myContracts,
  openActivities,
  proposeContract,
  requireAffiliateParty,
  searchCreators,
  CREATOR_SEARCH_MAX,
  CREATOR_SEARCH_QUERY_MAX,
  pendingCommission,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { answers, Id, ok } from '../http/schemas.js';
import {
  ActivityApplicationSchema,
  ActivitySchema,
  ContractSchema,
  CreatorMatchSchema,
  PendingCommissionSchema,
  PerformanceReportSchema,
  PlanSummarySchema,
} from './affiliate-response-schemas.js';
import { Bp, ContractParams, Decision, Ms, PerformanceQuery } from './affiliate-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

type Period = { from?: number; to?: number; groupBy?: 'creator' | 'product' };
const ActivityList = Type.Object({ items: Type.Array(ActivitySchema) });

export function affiliatePartnerRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const colonel = ['affiliate', 'colonel'];
  const mcn = ['affiliate', 'mcn'];

  r.get(
    '/api/v1/affiliate/activities',
    {
      schema: {
        tags: ['affiliate'],
        summary:
          'Colonel activities not yet ended (merchants apply products into them; creators pick products through them)',
        response: ok(ActivityList, 401, 403),
      },
    },
    async (req) => {
      requireAffiliateParty(actorOf(req));
      return openActivities(ctx);
    },
  );

  r.get(
    '/api/v1/affiliate/creators',
    {
      schema: {
        tags: ['affiliate'],
        summary:
          'Find creators by handle (prefix), display name (contains) or exact id, for naming them in a plan or a contract (shop members, MCNs, colonels, admins)',
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: CREATOR_SEARCH_QUERY_MAX }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: CREATOR_SEARCH_MAX })),
          },
          { additionalProperties: false },
        ),
        response: ok(Type.Object({ items: Type.Array(CreatorMatchSchema) }), 400, 401, 403),
      },
    },
    async (req) => searchCreators(ctx.db, actorOf(req), req.query.q, req.query.limit ?? 10),
  );

  r.get(
    '/api/v1/affiliate/pending-commission',
    {
      schema: {
        tags: ['affiliate'],
        summary:
          '待结算佣金: my part of orders attributed to me, paid and not settled yet, with the expected amount and settlement date (as a creator, an MCN or a colonel)',
        querystring: Type.Object(
          { as: Type.Union([Type.Literal('creator'), Type.Literal('mcn'), Type.Literal('colonel')]) },
          { additionalProperties: false },
        ),
        response: ok(PendingCommissionSchema, 400, 401, 403),
      },
    },
    async (req) => pendingCommission(ctx, actorOf(req), req.query.as),
  );

  r.post(
    '/api/v1/colonel/activities',
    {
      schema: {
        tags: colonel,
        summary:
          'Open an activity (招商活动): a commission floor and the service fee taken out of the commission (fee ≤ 40 %, floor + fee ≤ 90 %, fee ≤ floor)',
        description:
          'Errors: 400 SERVICE_FEE_OUT_OF_RANGE / RATE_OUT_OF_RANGE / SERVICE_FEE_ABOVE_FLOOR / INVALID_PERIOD, 403.',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: ACTIVITY_NAME_MAX }),
            commissionFloorBp: Bp('commission floor'),
            serviceFeeBp: Bp('service fee'),
            startsAt: Type.Optional(Ms('starts (default: now)')),
            endsAt: Ms('ends'),
          },
          { additionalProperties: false },
        ),
        response: answers(201, ActivitySchema, 400, 401, 403),
      },
    },
    async (req, reply) => reply.status(201).send(await createActivity(ctx, actorOf(req), req.body)),
  );

  r.get(
    '/api/v1/colonel/activities',
    { schema: { tags: colonel, summary: 'My activities, newest first', response: ok(ActivityList, 401, 403) } },
    async (req) => myActivities(ctx, actorOf(req)),
  );

  r.get(
    '/api/v1/colonel/activities/:activityId/products',
    {
      schema: {
        tags: colonel,
        summary: 'Products merchants applied into my activity, with their rates',
        params: Type.Object({ activityId: Id('colonelActivity') }),
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('rejected')]),
            ),
          },
          { additionalProperties: false },
        ),
        response: ok(Type.Object({ items: Type.Array(ActivityApplicationSchema) }), 400, 401, 403, 404),
      },
    },
    async (req) => activityApplications(ctx, actorOf(req), req.params.activityId, req.query.status),
  );

  r.post(
    '/api/v1/colonel/activity-products/:planId/decision',
    {
      schema: {
        tags: colonel,
        summary: 'Approve (the product joins the activity at once) or reject a merchant’s application',
        params: Type.Object({ planId: Id('affiliatePlan') }),
        body: Decision,
        response: ok(PlanSummarySchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => decideActivityProduct(ctx, actorOf(req), req.params.planId, req.body.decision),
  );

  r.get(
    '/api/v1/colonel/performance',
    {
      schema: {
        tags: colonel,
        summary: 'Sales through my activities and my service fees, by product or creator',
        querystring: PerformanceQuery(['product', 'creator']),
        response: ok(PerformanceReportSchema, 400, 401, 403),
      },
    },
    async (req) => colonelPerformance(ctx, actorOf(req), req.query as Period),
  );

  r.post(
    '/api/v1/mcn/contracts',
    {
      schema: {
        tags: mcn,
        summary:
          'Propose a contract to a creator: my share of their commission (1–90 %) for a period; it applies once the creator accepts',
        description: 'Errors: 400 SHARE_OUT_OF_RANGE / INVALID_PERIOD, 403, 404 (not a creator).',
        body: Type.Object(
          {
            creatorId: Id('user'),
            shareBp: Bp('share of the creator’s commission'),
            startsAt: Type.Optional(Ms('starts (default: now)')),
            endsAt: Ms('ends'),
          },
          { additionalProperties: false },
        ),
        response: answers(201, ContractSchema, 400, 401, 403, 404),
      },
    },
    async (req, reply) => reply.status(201).send(await proposeContract(ctx, actorOf(req), req.body)),
  );

  r.get(
    '/api/v1/mcn/performance',
    {
      schema: {
        tags: mcn,
        summary: 'My creators’ sales and my share, by creator or product',
        querystring: PerformanceQuery(['creator', 'product']),
        response: ok(PerformanceReportSchema, 400, 401, 403),
      },
    },
    async (req) => mcnPerformance(ctx, actorOf(req), req.query as Period),
  );

  r.get(
    '/api/v1/affiliate/mcn-contracts',
    {
      schema: {
        tags: ['affiliate', 'mcn', 'creator'],
        summary: 'My MCN contracts (as the MCN or as the creator), newest first',
        response: ok(Type.Object({ items: Type.Array(ContractSchema) }), 401, 403),
      },
    },
    async (req) => myContracts(ctx, actorOf(req)),
  );

  r.post(
    '/api/v1/creator/mcn-contracts/:contractId/accept',
    {
      schema: {
        tags: ['affiliate', 'creator'],
        summary: 'Accept an MCN’s proposal: it applies to my orders from now (or its start)',
        params: ContractParams,
        response: ok(ContractSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => acceptContract(ctx, actorOf(req), req.params.contractId),
  );

  r.post(
    '/api/v1/creator/mcn-contracts/:contractId/decline',
    {
      schema: {
        tags: ['affiliate', 'creator'],
        summary: 'Decline an MCN’s proposal',
        params: ContractParams,
        response: ok(ContractSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => declineContract(ctx, actorOf(req), req.params.contractId),
  );

  r.post(
    '/api/v1/affiliate/mcn-contracts/:contractId/end',
    {
      schema: {
        tags: ['affiliate', 'mcn', 'creator'],
        summary:
          'End an active contract (either side; orders from now on carry no MCN share), or withdraw a proposal (the MCN)',
        params: ContractParams,
        response: ok(ContractSchema, 400, 401, 404, 409),
      },
    },
    async (req) => endContract(ctx, actorOf(req), req.params.contractId),
  );
}
