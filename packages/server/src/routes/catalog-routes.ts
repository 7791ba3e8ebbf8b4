import { Type } from 'typebox';
import { categoryTree, getShop, listProducts, productDetail } from '@zhongcao/core';
import { CategoryRef, Id, ok, PageQuery } from '../http/schemas.js';
import { ProductDetailSchema, ProductPageSchema, ShopViewSchema } from './catalog-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

export function catalogRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['catalog'];

  r.get(
    '/api/v1/categories',
    {
      schema: {
        tags,
        summary: 'The category tree with each category’s rule profile',
        response: ok(Type.Object({ items: Type.Array(CategoryRef) })),
      },
    },
    async () => ({ items: await categoryTree(ctx.db) }),
  );

  r.get(
    '/api/v1/products',
    {
      schema: {
        tags,
        summary: 'Listed products, newest first (shelf)',
        querystring: Type.Object(
          { ...PageQuery, shopId: Type.Optional(Id('shop')), categoryId: Type.Optional(Id('category')) },
          { additionalProperties: false },
        ),
        response: ok(ProductPageSchema, 400),
      },
    },
    async (req) => listProducts(ctx.db, { ...req.query, limit: req.query.limit ?? 20 }, true),
  );

  r.get(
    '/api/v1/products/:productId',
    {
      schema: {
        tags,
        summary: 'A listed product with its SKUs',
        params: Type.Object({ productId: Id('product') }),
        response: ok(ProductDetailSchema, 400, 404),
      },
    },
    async (req) => productDetail(ctx.db, req.params.productId, req.auth?.actor ?? null, ctx.clock.now()),
  );

  r.get(
    '/api/v1/shops/:shopId',
    {
      schema: {
        tags,
        summary: 'A shop’s public profile',
        params: Type.Object({ shopId: Id('shop') }),
        response: ok(ShopViewSchema, 400, 404),
      },
    },
    async (req) => getShop(ctx.db, req.params.shopId),
  );
}
