/** Response schemas of review routes. */
import { Type } from 'typebox';
import type {
  LineReviewState,
  OwnReviewView,
  ReviewFlag,
  ReviewSummary,
  ReviewView,
  Stars,
  myReviews,
  productReviews,
  shopReviews,
  uploadReviewPhoto,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

export const ReviewFlagSchema = describe<ReviewFlag>()(
  Type.Object({
    part: OneOf(['review', 'followup', 'reply'] as const),
    term: Type.String(),
    severity: Type.String(),
    rule: Type.String(),
    start: Type.Number(),
    end: Type.Number(),
  }),
);

export const StarsSchema = describe<Stars>()(
  Type.Object({ product: Type.Number(), logistics: Type.Number(), service: Type.Number() }),
);

export const OwnReviewViewSchema = describe<OwnReviewView>()(
  Type.Object({
    product: Type.Object({ id: Type.String(), title: Type.String(), imageUrl: Nullable(Type.String()) }),
    flags: Type.Array(ReviewFlagSchema),
    canFollowUp: Type.Boolean(),
    followUpDeadline: Type.Number(),
    canReply: Type.Boolean(),
    id: Type.String(),
    orderId: Type.String(),
    orderLineId: Type.String(),
    productId: Type.String(),
    shopId: Type.String(),
    specValues: Type.Array(Type.String()),
    stars: StarsSchema,
    text: Type.String(),
    photos: Type.Array(Type.String()),
    createdAt: Type.Integer(),
    reviewer: Type.String(),
    followUp: Nullable(Type.Object({ text: Type.String(), photos: Type.Array(Type.String()), at: Type.Number() })),
    reply: Nullable(Type.Object({ text: Type.String(), at: Type.Number() })),
  }),
);

export const LineReviewStateSchema = describe<LineReviewState>()(
  Type.Object({
    orderLineId: Type.String(),
    reviewId: Nullable(Type.String()),
    canReview: Type.Boolean(),
    deadline: Nullable(Type.Number()),
    canFollowUp: Type.Boolean(),
  }),
);

export const ReviewSummarySchema = describe<ReviewSummary>()(
  Type.Object({
    count: Type.Integer(),
    rating: Nullable(Type.Number()),
    logisticsRating: Nullable(Type.Number()),
    serviceRating: Nullable(Type.Number()),
    goodPercent: Nullable(Type.Number()),
    good: Type.Number(),
    bad: Type.Number(),
    withPhotos: Type.Number(),
  }),
);

export const ReviewViewSchema = describe<ReviewView>()(
  Type.Object({
    id: Type.String(),
    orderId: Type.String(),
    orderLineId: Type.String(),
    productId: Type.String(),
    shopId: Type.String(),
    specValues: Type.Array(Type.String()),
    stars: StarsSchema,
    text: Type.String(),
    photos: Type.Array(Type.String()),
    createdAt: Type.Integer(),
    reviewer: Type.String(),
    followUp: Nullable(Type.Object({ text: Type.String(), photos: Type.Array(Type.String()), at: Type.Number() })),
    reply: Nullable(Type.Object({ text: Type.String(), at: Type.Number() })),
  }),
);

export const UploadReviewPhotoResultSchema = describe<Awaited<ReturnType<typeof uploadReviewPhoto>>>()(
  Type.Object({ id: Type.String(), url: Type.String() }),
);

export const MyReviewsResultSchema = describe<Awaited<ReturnType<typeof myReviews>>>()(
  Type.Object({ items: Type.Array(OwnReviewViewSchema), nextCursor: Nullable(Type.String()) }),
);

export const ProductReviewsResultSchema = describe<Awaited<ReturnType<typeof productReviews>>>()(
  Type.Object({
    summary: ReviewSummarySchema,
    items: Type.Array(ReviewViewSchema),
    nextCursor: Nullable(Type.String()),
  }),
);

export const ShopReviewsResultSchema = describe<Awaited<ReturnType<typeof shopReviews>>>()(
  Type.Object({
    items: Type.Array(OwnReviewViewSchema),
    nextCursor: Nullable(Type.String()),
    summary: ReviewSummarySchema,
  }),
);
