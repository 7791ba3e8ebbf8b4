/** Response schemas of experience routes. */
import { Type } from 'typebox';
import type {
  Benchmark,
  ExperienceView,
  ExperienceWeights,
  Gates,
  IndicatorResult,
  ScoreListItem,
  categoryWeights,
  recomputeAllExperience,
  setCategoryWeights,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

export const BenchmarkSchema = describe<Benchmark>()(
  Type.Object({
    excellent: Type.Number(),
    poor: Type.Number(),
    source: OneOf(['peers', 'platform'] as const),
    peerMedian: Nullable(Type.Number()),
  }),
);

export const IndicatorResultSchema = describe<IndicatorResult>()(
  Type.Object({
    key: OneOf([
      'bad_review_rate',
      'quality_return_rate',
      'complaint_rate',
      'pickup_on_time_rate',
      'delivery_on_time_rate',
      'transport_return_rate',
      'im_reply_rate_3min',
      'im_dissatisfied_rate',
      'aftersales_on_time_rate',
      'disputes_lost_rate',
    ] as const),
    dimension: OneOf(['product', 'logistics', 'service'] as const),
    value: Nullable(Type.Number()),
    num: Type.Number(),
    den: Type.Number(),
    score: Nullable(Type.Number()),
    weight: Type.Number(),
    benchmark: BenchmarkSchema,
  }),
);

export const GatesSchema = describe<Gates>()(
  Type.Object({
    engineMultiplier: Type.Number(),
    marketplace: Type.Boolean(),
    paidTraffic: Type.Boolean(),
    settleCapDays: Nullable(Type.Number()),
  }),
);

export const ExperienceViewSchema = describe<ExperienceView>()(
  Type.Object({
    shopId: Type.String(),
    day: Nullable(Type.String(), {
      description:
        'the Asia/Shanghai day of the figures (YYYY-MM-DD): today’s once the day’s computation ran, until then the latest stored day’s; null: never computed',
    }),
    computedAt: Nullable(Type.Integer()),
    window: Nullable(Type.Object({ from: Type.Number(), to: Type.Number() })),
    status: OneOf(['scored', 'not_enough_orders', 'not_computed'] as const),
    orders: Type.Number(),
    minOrders: Type.Number(),
    minPeers: Type.Number(),
    total: Nullable(Type.Number()),
    dimensions: Type.Object({
      product: Nullable(Type.Number()),
      logistics: Nullable(Type.Number()),
      service: Nullable(Type.Number()),
    }),
    indicators: Type.Array(IndicatorResultSchema),
    peers: Type.Number(),
    improve: Type.Array(
      OneOf([
        'bad_review_rate',
        'quality_return_rate',
        'complaint_rate',
        'pickup_on_time_rate',
        'delivery_on_time_rate',
        'transport_return_rate',
        'im_reply_rate_3min',
        'im_dissatisfied_rate',
        'aftersales_on_time_rate',
        'disputes_lost_rate',
      ] as const),
    ),
    gates: GatesSchema,
    history: Type.Array(
      Type.Object({
        day: Type.String(),
        status: OneOf(['scored', 'not_enough_orders'] as const),
        total: Nullable(Type.Number()),
      }),
    ),
    nextRecomputeAt: Nullable(Type.Integer()),
  }),
);

export const ScoreListItemSchema = describe<ScoreListItem>()(
  Type.Object({
    shopId: Type.String(),
    shopName: Type.String(),
    day: Type.String({ description: 'the Asia/Shanghai day of the shop’s latest score (YYYY-MM-DD)' }),
    status: OneOf(['scored', 'not_enough_orders'] as const),
    orders: Type.Number(),
    total: Nullable(Type.Number()),
    dimensions: Type.Object({
      product: Nullable(Type.Number()),
      logistics: Nullable(Type.Number()),
      service: Nullable(Type.Number()),
    }),
    categoryId: Nullable(Type.String()),
    peers: Type.Number(),
    gates: GatesSchema,
    computedAt: Type.Integer(),
  }),
);

export const ExperienceWeightsSchema = describe<ExperienceWeights>()(
  Type.Object({
    dimensions: Type.Object({ product: Type.Number(), logistics: Type.Number(), service: Type.Number() }),
    indicators: Type.Object({
      bad_review_rate: Type.Number(),
      quality_return_rate: Type.Number(),
      complaint_rate: Type.Number(),
      pickup_on_time_rate: Type.Number(),
      delivery_on_time_rate: Type.Number(),
      transport_return_rate: Type.Number(),
      im_reply_rate_3min: Type.Number(),
      im_dissatisfied_rate: Type.Number(),
      aftersales_on_time_rate: Type.Number(),
      disputes_lost_rate: Type.Number(),
    }),
  }),
);

export const RecomputeAllExperienceResultSchema = describe<Awaited<ReturnType<typeof recomputeAllExperience>>>()(
  Type.Object({ shops: Type.Number() }),
);

export const CategoryWeightsResultSchema = describe<Awaited<ReturnType<typeof categoryWeights>>>()(
  Type.Object({ categoryId: Type.String(), weights: ExperienceWeightsSchema, custom: Type.Boolean() }),
);

export const SetCategoryWeightsResultSchema = describe<Awaited<ReturnType<typeof setCategoryWeights>>>()(
  Type.Object({ categoryId: Type.String(), weights: ExperienceWeightsSchema, custom: Type.Boolean() }),
);
