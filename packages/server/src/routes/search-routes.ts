import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import {
  QUERY_MAX_CHARS,
  SEARCH_MAX_LIMIT,
  SEARCH_SORTS,
  SHELF_SORTS,
  searchLiveRooms,
  searchPeople,
  searchProducts,
  searchVideos,
  shelfProducts,
  shopSummary,
  suggest,
} from '@zhongcao/core';
import { Id, ok } from '../http/schemas.js';
import { PersonCardPageSchema, ProductPageSchema, RoomCardPageSchema, ShopSummarySchema } from './catalog-schemas.js';
import { VideoPageSchema } from './content-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const Cursor = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'opaque, from nextCursor',
});
const Q = Type.String({
  minLength: 1,
  maxLength: QUERY_MAX_CHARS,
  description:
    'what the shopper typed (Chinese is segmented, pinyin such as cha or puer and initials such as pe match too; any punctuation is safe)',
});
const Limit = Type.Integer({ minimum: 1, maximum: SEARCH_MAX_LIMIT, default: 20 });
const SubjectQuery = Type.Object(
  { q: Q, cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
  { additionalProperties: false },
);

export function searchRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['search'];
  const viewer = (req: FastifyRequest) => req.auth?.actor ?? null;

  r.get(
    '/api/v1/search/products',
    {
      schema: {
        tags,
        summary: 'Search listed products, ranked by relevance then sales, or sorted by sales or price',
        description:
          'Every word of the query must match the title, category or shop (橙子 also finds 脐橙; cha finds 茶). An empty result is 200 with no items. An unknown sort is 400 VALIDATION_FAILED.',
        querystring: Type.Object(
          {
            q: Q,
            shopId: Type.Optional(Id('shop')),
            sort: Type.Optional(
              Type.Union(
                SEARCH_SORTS.map((s) => Type.Literal(s)),
                {
                  default: 'relevance',
                  description: 'relevance (综合) | sales (销量) | price_asc | price_desc (价格)',
                },
              ),
            ),
            cursor: Type.Optional(Cursor),
            limit: Type.Optional(Limit),
          },
          { additionalProperties: false },
        ),
        response: ok(ProductPageSchema, 400),
      },
    },
    async (req) => searchProducts(ctx, req.query),
  );

  r.get(
    '/api/v1/search/videos',
    {
      schema: {
        tags,
        summary: 'Search published videos by title, caption or author (pinyin too), by relevance then likes',
        querystring: SubjectQuery,
        response: ok(VideoPageSchema, 400),
      },
    },
    async (req) => searchVideos(ctx, req.query, viewer(req)),
  );

  r.get(
    '/api/v1/search/users',
    {
      schema: {
        tags,
        summary:
          'Search people (creators and shoppers) by display name or its pinyin, by relevance then followers; `followed` is for the caller',
        querystring: SubjectQuery,
        response: ok(PersonCardPageSchema, 400),
      },
    },
    async (req) => searchPeople(ctx, req.query, viewer(req)),
  );

  r.get(
    '/api/v1/search/live',
    {
      schema: {
        tags,
        summary: 'Search live rooms on air (first) or scheduled, by title or host (pinyin too)',
        querystring: SubjectQuery,
        response: ok(RoomCardPageSchema, 400),
      },
    },
    async (req) => searchLiveRooms(ctx, req.query),
  );

  r.get(
    '/api/v1/search/suggest',
    {
      schema: {
        tags,
        summary: 'Up to 8 suggestions while typing (product titles)',
        querystring: Type.Object({ q: Q }, { additionalProperties: false }),
        response: ok(Type.Object({ items: Type.Array(Type.String()) }), 400),
      },
    },
    async (req) => suggest(ctx, req.query.q),
  );

  r.get(
    '/api/v1/shelf/products',
    {
      schema: {
        tags,
        summary: 'The shelf of a shop or category page (listed products, the category with its children), sorted',
        querystring: Type.Object(
          {
            shopId: Type.Optional(Id('shop')),
            categoryId: Type.Optional(Id('category')),
            sort: Type.Optional(
              Type.Union(
                SHELF_SORTS.map((s) => Type.Literal(s)),
                { default: 'new', description: 'new | sales (best selling) | price_asc | price_desc' },
              ),
            ),
            cursor: Type.Optional(Cursor),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_MAX_LIMIT, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: ok(ProductPageSchema, 400),
      },
    },
    async (req) => shelfProducts(ctx.db, { ...req.query, limit: req.query.limit ?? 20 }),
  );

  r.get(
    '/api/v1/shops/:shopId/summary',
    {
      schema: {
        tags: ['catalog'],
        summary: 'A shop page’s header: the shop, its listed products and sales, its categories with product counts',
        params: Type.Object({ shopId: Id('shop') }),
        response: ok(ShopSummarySchema, 400, 404),
      },
    },
    async (req) => shopSummary(ctx.db, req.params.shopId),
  );
}
