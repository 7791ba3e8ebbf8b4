/** Response schemas of reviews (商品评价): the public ones on a product page, the buyer's and the shop's own. */
import { Type } from 'typebox';
import type { LineReviewState, OwnReviewView, ReviewSummary, ReviewView } from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

const ReviewProps = {
  id: Type.String(),
  orderId: Type.String(),
  orderLineId: Type.String(),
  productId: Type.String(),
  shopId: Type.String(),
  specValues: Type.Array(Type.String()),
  stars: Type.Object({ product: Type.Integer(), logistics: Type.Integer(), service: Type.Integer() }),
  text: Type.String(),
  photos: Type.Array(Type.String()),
  createdAt: Type.Integer(),
  reviewer: Type.String({ description: 'the reviewer as others see them (张***)' }),
  followUp: Nullable(Type.Object({ text: Type.String(), photos: Type.Array(Type.String()), at: Type.Integer() })),
  reply: Nullable(Type.Object({ text: Type.String(), at: Type.Integer() })),
};

export const ReviewSchema = describe<ReviewView>()(Type.Object(ReviewProps));

export const OwnReviewSchema = describe<OwnReviewView>()(
  Type.Object({
    ...ReviewProps,
    product: Type.Object({ id: Type.String(), title: Type.String(), imageUrl: Nullable(Type.String()) }),
    flags: Type.Array(Type.Object({ part: OneOf(['review', 'followup', 'reply'] as const), term: Type.String(), severity: Type.String(), rule: Type.String(), start: Type.Integer(), end: Type.Integer() })),
    canFollowUp: Type.Boolean(),
    followUpDeadline: Type.Integer(),
    canReply: Type.Boolean(),
  }),
);

export const OwnReviewPageSchema = describe<{ items: OwnReviewView[]; nextCursor: string | null }>()(Type.Object({ items: Type.Array(OwnReviewSchema), nextCursor: Nullable(Type.String()) }));

export const ReviewSummarySchema = describe<ReviewSummary>()(
  Type.Object({
    count: Type.Integer(),
    rating: Nullable(Type.Number({ description: 'average product stars, one decimal' })),
    logisticsRating: Nullable(Type.Number()),
    serviceRating: Nullable(Type.Number()),
    goodPercent: Nullable(Type.Integer({ description: 'share of good reviews (4–5 product stars) in whole percent, rounded down' })),
    good: Type.Integer(),
    bad: Type.Integer(),
    withPhotos: Type.Integer(),
  }),
);

export const ProductReviewsSchema = describe<{ summary: ReviewSummary; items: ReviewView[]; nextCursor: string | null }>()(
  Type.Object({ summary: ReviewSummarySchema, items: Type.Array(ReviewSchema), nextCursor: Nullable(Type.String()) }),
);

export const LineReviewStatesSchema = describe<{ lines: LineReviewState[] }>()(
  Type.Object({
    lines: Type.Array(Type.Object({ orderLineId: Type.String(), reviewId: Nullable(Type.String()), canReview: Type.Boolean(), deadline: Nullable(Type.Integer()), canFollowUp: Type.Boolean() })),
  }),
);

export const ShopReviewPageSchema = describe<{ items: OwnReviewView[]; nextCursor: string | null; summary: ReviewSummary }>()(
  Type.Object({ items: Type.Array(OwnReviewSchema), nextCursor: Nullable(Type.String()), summary: ReviewSummarySchema }),
);
