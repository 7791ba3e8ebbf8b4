import { Type } from 'typebox';
import { addFavourite, FAVOURITES_PAGE_MAX, favouriteState, myFavourites, removeFavourite } from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { Id, ok } from '../http/schemas.js';
import { FavouritePageSchema, FavouriteStateSchema } from './catalog-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

/** Favourites (收藏): the signed-in person's own list; adding and removing are idempotent. */
export function favouriteRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['favourites'];
  const params = Type.Object({ productId: Id('product') });

  r.get(
    '/api/v1/me/favourites',
    {
      schema: {
        tags,
        summary: 'My favourite products, the latest added first (keyset-paged with nextCursor)',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: FAVOURITES_PAGE_MAX, default: 20 })),
            cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: ok(FavouritePageSchema, 400, 401),
      },
    },
    async (req) => myFavourites(ctx.db, actorOf(req), { limit: req.query.limit, cursor: req.query.cursor }),
  );

  r.get(
    '/api/v1/me/favourites/:productId',
    {
      schema: {
        tags,
        summary: 'Whether the product is in my favourites, with its favourite count',
        params,
        response: ok(FavouriteStateSchema, 400, 401, 404),
      },
    },
    async (req) => favouriteState(ctx.db, actorOf(req), req.params.productId),
  );

  r.put(
    '/api/v1/me/favourites/:productId',
    {
      schema: {
        tags,
        summary: 'Add a product to my favourites (idempotent)',
        params,
        response: ok(FavouriteStateSchema, 400, 401, 404, 409),
      },
    },
    async (req) => addFavourite(ctx, actorOf(req), req.params.productId),
  );

  r.delete(
    '/api/v1/me/favourites/:productId',
    {
      schema: {
        tags,
        summary: 'Remove a product from my favourites (idempotent)',
        params,
        response: ok(FavouriteStateSchema, 400, 401, 404),
      },
    },
    async (req) => removeFavourite(ctx, actorOf(req), req.params.productId),
  );
}
