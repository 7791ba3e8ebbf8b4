/** 达人合作 (merchant): commission plans and their rates, applications, colonel activities, creator performance. */
import { Type } from 'typebox';
import {
  addTargetedCreators,
  applyToActivity,
  changePlanRate,
  closePlan,
  createPlan,
  decideApplication,
  listShopApplications,
  listShopPlans,
  MAX_NAMED_CREATORS,
  PLAN_NAME_MAX,
  planDetail,
  shopAffiliatePerformance,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { answers, Id, ok } from '../http/schemas.js';
import {
  ApplicationSchema,
  PerformanceReportSchema,
  PlanDetailSchema,
  PlanSummarySchema,
  RateChangeResultSchema,
  ShopPlanPageSchema,
} from './affiliate-response-schemas.js';
import { Bp, Decision, PerformanceQuery, PlanParams } from './affiliate-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

export function affiliateMerchantRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['affiliate', 'merchant'];
  const shopParams = Type.Object({ shopId: Id('shop') });
  const productParams = Type.Object({ productId: Id('product') });

  r.get(
    '/api/v1/merchant/shops/:shopId/affiliate/plans',
    {
      schema: {
        tags,
        summary:
          'My shop’s commission plans, newest first: kind, state, the rate in force and any change waiting for 00:00',
        params: shopParams,
        querystring: Type.Object(
          {
            productId: Type.Optional(Id('product')),
            cursor: Type.Optional(Id('affiliatePlan')),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: ok(ShopPlanPageSchema, 400, 401, 404),
      },
    },
    async (req) => listShopPlans(ctx, actorOf(req), req.params.shopId, { ...req.query, limit: req.query.limit ?? 20 }),
  );

  r.post(
    '/api/v1/merchant/products/:productId/affiliate/plans',
    {
      schema: {
        tags,
        summary:
          'Open a commission plan on my product: general (1–50 %, every creator), targeted (0–80 %, named creators and approved applicants) or exclusive (0–50 %, one creator)',
        description:
          'Errors: 400 RATE_OUT_OF_RANGE / INVALID_INPUT, 404 (product or creator), 409 PLAN_EXISTS (one open general and one exclusive plan per product) / SELF_COMMISSION (a creator of this shop).',
        params: productParams,
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('general'), Type.Literal('targeted'), Type.Literal('exclusive')]),
            rateBp: Bp('commission rate'),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: PLAN_NAME_MAX })),
            creatorIds: Type.Optional(
              Type.Array(Id('user'), {
                minItems: 1,
                maxItems: MAX_NAMED_CREATORS,
                description: 'targeted: creators approved at once',
              }),
            ),
            creatorId: Type.Optional(Id('user')),
          },
          { additionalProperties: false },
        ),
        response: answers(201, PlanSummarySchema, 400, 401, 404, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await createPlan(ctx, actorOf(req), req.params.productId, req.body)),
  );

  r.get(
    '/api/v1/merchant/affiliate/plans/:planId',
    {
      schema: {
        tags,
        summary: 'One of my plans with its whole rate history and its creators',
        params: PlanParams,
        response: ok(PlanDetailSchema, 400, 401, 404),
      },
    },
    async (req) => planDetail(ctx, actorOf(req), req.params.planId),
  );

  r.post(
    '/api/v1/merchant/affiliate/plans/:planId/rate',
    {
      schema: {
        tags,
        summary:
          'Change a plan’s rate: a raise applies at once, a cut at 00:00 next day (Asia/Shanghai); creators who promoted before a cut keep the old rate for 30 days',
        description:
          'Exclusive plans: at most one cut per 7 days, by at most 5 points. Errors: 400 RATE_OUT_OF_RANGE, 409 CUT_TOO_DEEP / CUT_TOO_FREQUENT / PLAN_CLOSED / PLAN_NOT_ACTIVE.',
        params: PlanParams,
        body: Type.Object({ rateBp: Bp('the new rate') }, { additionalProperties: false }),
        response: ok(RateChangeResultSchema, 400, 401, 404, 409),
      },
    },
    async (req) => changePlanRate(ctx, actorOf(req), req.params.planId, req.body.rateBp),
  );

  r.post(
    '/api/v1/merchant/affiliate/plans/:planId/close',
    {
      schema: {
        tags,
        summary: 'Close a plan at 00:00 next day (creators who promoted before keep its rate for 30 days)',
        params: PlanParams,
        response: ok(RateChangeResultSchema, 400, 401, 404, 409),
      },
    },
    async (req) => closePlan(ctx, actorOf(req), req.params.planId),
  );

  r.post(
    '/api/v1/merchant/affiliate/plans/:planId/creators',
    {
      schema: {
        tags,
        summary: 'Name more creators of a targeted plan (approved at once)',
        params: PlanParams,
        body: Type.Object(
          { creatorIds: Type.Array(Id('user'), { minItems: 1, maxItems: MAX_NAMED_CREATORS }) },
          { additionalProperties: false },
        ),
        response: ok(PlanSummarySchema, 400, 401, 404, 409),
      },
    },
    async (req) => addTargetedCreators(ctx, actorOf(req), req.params.planId, req.body.creatorIds),
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/affiliate/applications',
    {
      schema: {
        tags,
        summary: 'Creators’ applications to my targeted plans, newest first',
        params: shopParams,
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
            ),
          },
          { additionalProperties: false },
        ),
        response: ok(Type.Object({ items: Type.Array(ApplicationSchema) }), 400, 401, 404),
      },
    },
    async (req) => ({ items: await listShopApplications(ctx, actorOf(req), req.params.shopId, req.query.status) }),
  );

  r.post(
    '/api/v1/merchant/affiliate/plans/:planId/applications/:creatorId/decision',
    {
      schema: {
        tags,
        summary: 'Approve or reject a creator’s pending application (an approval applies to orders from now on)',
        params: Type.Object({ planId: Id('affiliatePlan'), creatorId: Id('user') }),
        body: Decision,
        response: ok(ApplicationSchema, 400, 401, 404, 409),
      },
    },
    async (req) => decideApplication(ctx, actorOf(req), req.params.planId, req.params.creatorId, req.body.decision),
  );

  r.post(
    '/api/v1/merchant/products/:productId/affiliate/activities',
    {
      schema: {
        tags,
        summary:
          'Apply my product into a colonel’s activity at a rate at or above its floor (commission + service fee ≤ 90 %); the colonel approves',
        params: productParams,
        body: Type.Object(
          { activityId: Id('colonelActivity'), rateBp: Bp('commission rate in the activity') },
          { additionalProperties: false },
        ),
        response: answers(201, PlanSummarySchema, 400, 401, 404, 409),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await applyToActivity(ctx, actorOf(req), req.params.productId, req.body)),
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/affiliate/performance',
    {
      schema: {
        tags,
        summary: 'Creator-driven sales of my shop: GMV, orders, refunds and commissions by creator or product',
        params: shopParams,
        querystring: PerformanceQuery(['creator', 'product']),
        response: ok(PerformanceReportSchema, 400, 401, 404),
      },
    },
    async (req) =>
      shopAffiliatePerformance(
        ctx,
        actorOf(req),
        req.params.shopId,
        req.query as { from?: number; to?: number; groupBy?: 'creator' | 'product' },
      ),
  );
}
