/** Buyer reviews (商品评价): photos, writing a review and its follow-up, my reviews, a product's reviews, the shop's list and reply. */
import { Type } from 'typebox';
import {
  addFollowUp,
  createReview,
  MAX_IMAGE_BYTES,
  MAX_REVIEW_PHOTOS,
  MAX_REVIEW_TEXT,
  myReviews,
  orderReviewStates,
  productReviews,
  replyToReview,
  REVIEW_FILTERS,
  REVIEWS_PAGE_MAX,
  shopReviews,
  uploadReviewPhoto,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { readUploadedFile } from '../http/input.js';
import { answers, Id, ok } from '../http/schemas.js';
import {
  LineReviewStateSchema,
  MyReviewsResultSchema,
  OwnReviewViewSchema,
  ProductReviewsResultSchema,
  ShopReviewsResultSchema,
  UploadReviewPhotoResultSchema,
} from './review-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const Stars = (what: string) => Type.Integer({ minimum: 1, maximum: 5, description: `${what} stars, 1–5` });
const Photos = Type.Array(Id('reviewPhoto'), {
  maxItems: MAX_REVIEW_PHOTOS,
  description: `ids of photos uploaded to /api/v1/reviews/photos (at most ${MAX_REVIEW_PHOTOS})`,
});
const Text = (min: number) => Type.String({ minLength: min, maxLength: MAX_REVIEW_TEXT });
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: REVIEWS_PAGE_MAX, default: 20 }));
const IdCursor = Type.Optional(Type.String({ pattern: '^rev_[0-9a-z]{26}$' }));

const ReviewBody = Type.Object(
  {
    orderLineId: Id('orderLine'),
    productStars: Stars('product'),
    logisticsStars: Stars('logistics'),
    serviceStars: Stars('service'),
    text: Type.Optional(Text(0)),
    photoIds: Type.Optional(Photos),
  },
  { additionalProperties: false },
);

export function reviewRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['reviews'];
  const reviewParams = Type.Object({ reviewId: Id('review') });

  r.post(
    '/api/v1/reviews/photos',
    {
      schema: {
        tags,
        summary: `Upload one review photo (multipart field "file"; JPEG, PNG, WebP or GIF; at most ${MAX_IMAGE_BYTES} bytes)`,
        consumes: ['multipart/form-data'],
        response: answers(201, UploadReviewPhotoResultSchema, 400, 401, 409, 413, 415),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const bytes = await readUploadedFile(req, MAX_IMAGE_BYTES);
      return reply.status(201).send(await uploadReviewPhoto(ctx, actor, bytes));
    },
  );

  r.post(
    '/api/v1/reviews',
    {
      schema: {
        tags,
        summary:
          'Review a line of my completed order (once, within 15 days of completion); the text passes the rule book (422 CONTENT_REJECTED)',
        body: ReviewBody,
        response: answers(201, OwnReviewViewSchema, 400, 401, 404, 409, 422),
      },
    },
    async (req, reply) => {
      const { orderLineId, ...input } = req.body;
      return reply.status(201).send(await createReview(ctx, actorOf(req), orderLineId, input));
    },
  );

  r.post(
    '/api/v1/reviews/:reviewId/followup',
    {
      schema: {
        tags,
        summary: 'Add the one follow-up (追评) to my review, within 180 days',
        params: reviewParams,
        body: Type.Object({ text: Text(1), photoIds: Type.Optional(Photos) }, { additionalProperties: false }),
        response: ok(OwnReviewViewSchema, 400, 401, 404, 409, 422),
      },
    },
    async (req) => addFollowUp(ctx, actorOf(req), req.params.reviewId, req.body),
  );

  r.get(
    '/api/v1/me/reviews',
    {
      schema: {
        tags,
        summary: 'My reviews, newest first',
        querystring: Type.Object({ limit: Limit, cursor: IdCursor }, { additionalProperties: false }),
        response: ok(MyReviewsResultSchema, 400, 401),
      },
    },
    async (req) => myReviews(ctx.db, actorOf(req), req.query, ctx.clock.now()),
  );

  r.get(
    '/api/v1/orders/:orderId/reviews',
    {
      schema: {
        tags,
        summary: 'For each line of my order: its review, whether it may be reviewed now and until when',
        params: Type.Object({ orderId: Id('order') }),
        response: ok(Type.Object({ lines: Type.Array(LineReviewStateSchema) }), 400, 401, 404),
      },
    },
    async (req) => ({ lines: await orderReviewStates(ctx.db, actorOf(req), req.params.orderId, ctx.clock.now()) }),
  );

  r.get(
    '/api/v1/products/:productId/reviews',
    {
      schema: {
        tags,
        summary:
          'A product’s rating, share of good reviews and reviews: photos first, then newest (filters: photos 有图, good 好评, bad 差评)',
        params: Type.Object({ productId: Id('product') }),
        querystring: Type.Object(
          {
            filter: Type.Optional(Type.Union(REVIEW_FILTERS.map((f) => Type.Literal(f)))),
            limit: Limit,
            cursor: Type.Optional(Type.String({ pattern: '^[01]\\.rev_[0-9a-z]{26}$' })),
          },
          { additionalProperties: false },
        ),
        response: ok(ProductReviewsResultSchema, 400, 404),
      },
    },
    async (req) => productReviews(ctx.db, req.params.productId, req.query),
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/reviews',
    {
      schema: {
        tags: [...tags, 'merchant'],
        summary:
          'My shop’s reviews, newest first, with the shop’s figures; filter by product stars and by whether answered',
        params: Type.Object({ shopId: Id('shop') }),
        querystring: Type.Object(
          {
            stars: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
            replied: Type.Optional(Type.Boolean()),
            limit: Limit,
            cursor: IdCursor,
          },
          { additionalProperties: false },
        ),
        response: ok(ShopReviewsResultSchema, 400, 401, 404),
      },
    },
    async (req) => shopReviews(ctx.db, actorOf(req), req.params.shopId, req.query, ctx.clock.now()),
  );

  r.post(
    '/api/v1/merchant/reviews/:reviewId/reply',
    {
      schema: {
        tags: [...tags, 'merchant'],
        summary: 'The shop’s one reply to a review',
        params: reviewParams,
        body: Type.Object({ text: Text(1) }, { additionalProperties: false }),
        response: ok(OwnReviewViewSchema, 400, 401, 404, 409, 422),
      },
    },
    async (req) => replyToReview(ctx, actorOf(req), req.params.reviewId, req.body),
  );
}
