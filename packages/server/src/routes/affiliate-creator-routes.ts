/** 达人中心 (creator): the marketplace, applications, showcase, anchors, tracked links, earnings; and opening a link. */
import { Type } from 'typebox';
import {
  addToShowcase,
  anchorProduct,
  APPLICATION_NOTE_MAX,
  applyToPlan,
  creatorEarnings,
  createLink,
  DEFAULT_AFFILIATE_RULES,
  MARKETPLACE_QUERY_MAX,
  marketplace,
  myApplications,
  myLinks,
  myShowcase,
  openLink,
  publicShowcase,
  removeFromShowcase,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { answers, Id, ok } from '../http/schemas.js';
import {
  ApplicationSchema,
  LinkSchema,
  MarketplacePageSchema,
  OpenedLinkSchema,
  PerformanceReportSchema,
  ShowcaseItemSchema,
} from './affiliate-response-schemas.js';
import { ProductCardSchema } from './catalog-schemas.js';
import { PerformanceQuery, PlanParams } from './affiliate-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

export function affiliateCreatorRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['affiliate', 'creator'];

  r.get(
    '/api/v1/creator/marketplace',
    {
      schema: {
        tags,
        summary:
          '选品广场: listed products with a plan open to me (or to apply to), with price, sales, the rate I would earn now and every plan',
        querystring: Type.Object(
          {
            q: Type.Optional(
              Type.String({ minLength: 1, maxLength: MARKETPLACE_QUERY_MAX, description: 'words of the title' }),
            ),
            categoryId: Type.Optional(Id('category')),
            cursor: Type.Optional(Id('product')),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: ok(MarketplacePageSchema, 400, 401, 403),
      },
    },
    async (req) => marketplace(ctx, actorOf(req), { ...req.query, limit: req.query.limit ?? 20 }),
  );

  r.post(
    '/api/v1/creator/affiliate/plans/:planId/applications',
    {
      schema: {
        tags,
        summary: 'Apply to a targeted plan (the merchant approves or rejects)',
        params: PlanParams,
        body: Type.Object(
          { note: Type.Optional(Type.String({ maxLength: APPLICATION_NOTE_MAX })) },
          { additionalProperties: false },
        ),
        response: answers(201, ApplicationSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await applyToPlan(ctx, actorOf(req), req.params.planId, req.body.note ?? '')),
  );

  r.get(
    '/api/v1/creator/affiliate/applications',
    {
      schema: {
        tags,
        summary: 'My applications to targeted plans and the plans that name me',
        response: ok(Type.Object({ items: Type.Array(ApplicationSchema) }), 401, 403),
      },
    },
    async (req) => ({ items: await myApplications(ctx, actorOf(req)) }),
  );

  r.get(
    '/api/v1/creator/showcase',
    {
      schema: {
        tags,
        summary: 'My showcase (橱窗) with what each product pays me now',
        response: ok(Type.Object({ items: Type.Array(ShowcaseItemSchema) }), 401, 403),
      },
    },
    async (req) => myShowcase(ctx, actorOf(req)),
  );

  r.post(
    '/api/v1/creator/showcase',
    {
      schema: {
        tags,
        summary:
          'Add a product open to me to my showcase, optionally through a colonel activity (its service fee comes out of my commission)',
        description:
          'Errors: 409 PRODUCT_NOT_OPEN (no plan open to me: apply first), PRODUCT_UNAVAILABLE, ACTIVITY_NOT_RUNNING, SHOWCASE_FULL.',
        body: Type.Object(
          { productId: Id('product'), activityId: Type.Optional(Id('colonelActivity')) },
          { additionalProperties: false },
        ),
        response: answers(201, ShowcaseItemSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await addToShowcase(ctx, actorOf(req), req.body)),
  );

  r.delete(
    '/api/v1/creator/showcase/:productId',
    {
      schema: {
        tags,
        summary: 'Take a product out of my showcase',
        params: Type.Object({ productId: Id('product') }),
        response: ok(Type.Object({ productId: Type.String(), removed: Type.Literal(true) }), 400, 401, 403, 404),
      },
    },
    async (req) => removeFromShowcase(ctx, actorOf(req), req.params.productId),
  );

  r.post(
    '/api/v1/creator/videos/:videoId/anchors',
    {
      schema: {
        tags,
        summary:
          'Anchor a product on my video (挂车; at most 3): it must be open to me (or my own shop’s, sold without commission); it joins my showcase',
        description: 'Errors: 404 (not my video), 409 PRODUCT_NOT_OPEN / PRODUCT_UNAVAILABLE / ANCHORS_FULL.',
        params: Type.Object({ videoId: Id('video') }),
        body: Type.Object({ productId: Id('product') }, { additionalProperties: false }),
        response: ok(
          Type.Object({ videoId: Type.String(), productIds: Type.Array(Type.String()) }),
          400,
          401,
          403,
          404,
          409,
        ),
      },
    },
    async (req) => anchorProduct(ctx, actorOf(req), req.params.videoId, req.body.productId),
  );

  r.post(
    '/api/v1/creator/links',
    {
      schema: {
        tags,
        summary: `Make a tracked link to a product open to me, valid ${DEFAULT_AFFILIATE_RULES.linkDefaultDays} days unless I say otherwise (at most ${DEFAULT_AFFILIATE_RULES.linkMaxDays})`,
        body: Type.Object(
          {
            productId: Id('product'),
            validDays: Type.Optional(Type.Integer({ minimum: 1, maximum: DEFAULT_AFFILIATE_RULES.linkMaxDays })),
          },
          { additionalProperties: false },
        ),
        response: answers(201, LinkSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await createLink(ctx, actorOf(req), req.body)),
  );

  r.get(
    '/api/v1/creator/links',
    {
      schema: {
        tags,
        summary: 'My tracked links, newest first, with how often each was opened',
        response: ok(Type.Object({ items: Type.Array(LinkSchema) }), 401, 403),
      },
    },
    async (req) => myLinks(ctx, actorOf(req)),
  );

  r.get(
    '/api/v1/creator/affiliate/earnings',
    {
      schema: {
        tags,
        summary: 'My attributed sales and commission (settled and pending) by product or video',
        querystring: PerformanceQuery(['product', 'video']),
        response: ok(PerformanceReportSchema, 400, 401, 403),
      },
    },
    async (req) =>
      creatorEarnings(ctx, actorOf(req), req.query as { from?: number; to?: number; groupBy?: 'product' | 'video' }),
  );

  r.get(
    '/api/v1/links/:token',
    {
      schema: {
        tags: ['affiliate'],
        summary:
          'Open a creator’s tracked link: the product, and the attribution to send with it at checkout; a signed-in shopper’s touch is recorded',
        description: 'Errors: 404 (unknown or forged token), 410 LINK_EXPIRED, 409 PRODUCT_UNAVAILABLE.',
        params: Type.Object({
          token: Type.String({
            minLength: 8,
            maxLength: 64,
            pattern: '^[0-9A-Za-z._-]+$',
            description: 'the link’s token (a forged or malformed one answers 404)',
          }),
        }),
        response: ok(OpenedLinkSchema, 400, 404, 409, 410),
      },
    },
    async (req) => openLink(ctx, req.auth?.actor ?? null, req.params.token),
  );

  r.get(
    '/api/v1/users/:userId/showcase',
    {
      schema: {
        tags: ['affiliate'],
        summary: 'A creator’s public showcase (橱窗)',
        params: Type.Object({ userId: Id('user') }),
        response: ok(Type.Object({ items: Type.Array(ProductCardSchema) }), 400, 404),
      },
    },
    async (req) => publicShowcase(ctx, req.params.userId),
  );
}
