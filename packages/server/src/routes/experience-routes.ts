/** The experience score (商家体验分): the merchant's page and recompute, the admins' list, recompute-all and the weights per category. */
import { Type } from 'typebox';
import {
  categoryWeights,
  listExperienceScores,
  recomputeAllExperience,
  recomputeShopExperience,
  setCategoryWeights,
  shopExperience,
  INDICATOR_KEYS,
  EXPERIENCE_DIMENSIONS,
  type ExperienceOptions,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { Id, ok } from '../http/schemas.js';
import {
  CategoryWeightsResultSchema,
  ExperienceViewSchema,
  RecomputeAllExperienceResultSchema,
  ScoreListItemSchema,
  SetCategoryWeightsResultSchema,
} from './experience-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const Weight = Type.Number({ minimum: 0, maximum: 1 });
const Weights = Type.Object(
  {
    dimensions: Type.Object(Object.fromEntries(EXPERIENCE_DIMENSIONS.map((d) => [d, Weight])), {
      additionalProperties: false,
    }),
    indicators: Type.Object(Object.fromEntries(INDICATOR_KEYS.map((k) => [k, Weight])), {
      additionalProperties: false,
    }),
  },
  {
    additionalProperties: false,
    description: '各维度与指标权重 (0–1) / weights of the dimensions and of the indicators in each',
  },
);

export function experienceRoutes(app: App, deps: RouteDeps, options: ExperienceOptions = {}): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['experience'];

  r.get(
    '/api/v1/merchant/shops/:shopId/experience',
    {
      schema: {
        tags,
        summary:
          "The shop's experience score: three dimensions, each indicator with its value and benchmark, what to improve, what the score decides (店铺体验分)",
        params: Type.Object({ shopId: Id('shop') }),
        response: ok(ExperienceViewSchema, 401, 404),
      },
    },
    async (req) => shopExperience(ctx, actorOf(req), req.params.shopId),
  );

  r.post(
    '/api/v1/merchant/shops/:shopId/experience/recompute',
    {
      schema: {
        tags,
        summary: "Compute the shop's score now (at most every five minutes)",
        params: Type.Object({ shopId: Id('shop') }),
        response: ok(ExperienceViewSchema, 401, 404, 429),
      },
    },
    async (req) => recomputeShopExperience(ctx, actorOf(req), req.params.shopId, options),
  );

  r.get(
    '/api/v1/admin/experience',
    {
      schema: {
        tags,
        summary: "Every shop's latest score, lowest first",
        response: ok(Type.Object({ items: Type.Array(ScoreListItemSchema) }), 401, 403),
      },
    },
    async (req) => ({ items: await listExperienceScores(ctx, actorOf(req)) }),
  );

  r.post(
    '/api/v1/admin/experience/recompute',
    {
      schema: {
        tags,
        summary: "Compute every shop's score now",
        response: ok(RecomputeAllExperienceResultSchema, 401, 403),
      },
    },
    async (req) => recomputeAllExperience(ctx, actorOf(req), options),
  );

  r.get(
    '/api/v1/admin/experience/weights/:categoryId',
    {
      schema: {
        tags,
        summary: 'The weights of a top-level category (the defaults until an admin sets them)',
        params: Type.Object({ categoryId: Id('category') }),
        response: ok(CategoryWeightsResultSchema, 400, 401, 403, 404),
      },
    },
    async (req) => categoryWeights(ctx, actorOf(req), req.params.categoryId),
  );

  r.put(
    '/api/v1/admin/experience/weights/:categoryId',
    {
      schema: {
        tags,
        summary: 'Set the weights of a top-level category (used from the next computation)',
        params: Type.Object({ categoryId: Id('category') }),
        body: Weights,
        response: ok(SetCategoryWeightsResultSchema, 400, 401, 403, 404),
      },
    },
    async (req) =>
      setCategoryWeights(
        ctx,
        actorOf(req),
        req.params.categoryId,
        req.body as Parameters<typeof setCategoryWeights>[3],
      ),
  );
}
