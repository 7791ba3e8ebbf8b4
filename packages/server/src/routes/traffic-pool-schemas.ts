/** Response schemas of the creator console's traffic-pool (流量池) views. */
import { Type } from 'typebox';
import type { PoolStatus, PoolStepView, VideoPoolView } from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

const POOL_RATES = ['completion', 'like', 'comment', 'share', 'product_tap'] as const;
const POOL_STATUSES = ['not_entered', 'climbing', 'stopped', 'top'] as const satisfies readonly PoolStatus[];

const Rates = (description: string) =>
  Nullable(
    Type.Object({
      completion: Type.Number(),
      like: Type.Number(),
      comment: Type.Number(),
      share: Type.Number(),
      product_tap: Type.Number(),
    }),
    { description },
  );

const PoolStepSchema = describe<PoolStepView>()(
  Type.Object({
    pool: Type.Integer({ description: 'the pool (0-based)' }),
    decision: OneOf(['entered', 'promoted', 'stopped', 'top'] as const),
    impressions: Type.Integer(),
    rates: Rates('the video’s rates per impression in this pool'),
    thresholds: Rates('the thresholds they were compared with'),
    shortfalls: Type.Array(OneOf(POOL_RATES), { description: 'the rates that fell short' }),
    at: Type.Integer(),
  }),
);

const PoolSummaryProps = {
  videoId: Type.String(),
  pool: Nullable(Type.Integer(), { description: 'the highest pool reached (0-based); null before it entered any' }),
  status: OneOf(POOL_STATUSES),
};

export const VideoPoolSchema = describe<VideoPoolView>()(
  Type.Object({
    ...PoolSummaryProps,
    audiences: Type.Immutable(Type.Array(Type.Integer(), { description: 'impressions of each pool, smallest first' })),
    steps: Type.Array(PoolStepSchema),
  }),
);

export const VideoPoolListSchema = describe<{ items: Array<Omit<VideoPoolView, 'steps' | 'audiences'>> }>()(
  Type.Object({ items: Type.Array(Type.Object(PoolSummaryProps)) }),
);
