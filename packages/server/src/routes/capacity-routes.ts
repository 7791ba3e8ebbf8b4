import { Type } from 'typebox';
import { getShopCapacity, MAX_CAPACITY_PER_DAY, setShopCapacity, setSurgePolicy, shopProjection } from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { Id, ok } from '../http/schemas.js';
import {
  CapacityProjectionViewSchema,
  SetSurgePolicyResultSchema,
  ShopCapacityViewSchema,
} from './capacity-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

/** Surge protection (爆单保护): daily shipping capacity, per-product policies, the projection. */
export function capacityRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['merchant', 'capacity'];
  const shopParams = Type.Object({ shopId: Id('shop') });
  const productParams = Type.Object({ productId: Id('product') });
  const CapacityBody = Type.Object(
    {
      capacityPerDay: Type.Integer({
        minimum: 1,
        maximum: MAX_CAPACITY_PER_DAY,
        description: 'orders shipped per day (Asia/Shanghai days)',
      }),
    },
    { additionalProperties: false },
  );
  const PolicyBody = Type.Object(
    { policy: Type.Union([Type.Literal('warn'), Type.Literal('presale'), Type.Literal('pause')]) },
    { additionalProperties: false },
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/capacity',
    {
      schema: {
        tags,
        summary: 'My shop’s declared shipping capacity per day (null: not declared)',
        params: shopParams,
        response: ok(ShopCapacityViewSchema, 400, 401, 404),
      },
    },
    async (req) => getShopCapacity(ctx, actorOf(req), req.params.shopId),
  );

  r.put(
    '/api/v1/merchant/shops/:shopId/capacity',
    {
      schema: {
        tags,
        summary: 'Declare my shop’s shipping capacity per day',
        params: shopParams,
        body: CapacityBody,
        response: ok(ShopCapacityViewSchema, 400, 401, 404),
      },
    },
    async (req) => setShopCapacity(ctx, actorOf(req), req.params.shopId, req.body),
  );

  r.put(
    '/api/v1/merchant/products/:productId/surge-policy',
    {
      schema: {
        tags,
        summary: 'What happens to this product as the capacity projection nears the limit: warn, presale or pause',
        params: productParams,
        body: PolicyBody,
        response: ok(SetSurgePolicyResultSchema, 400, 401, 404),
      },
    },
    async (req) => setSurgePolicy(ctx, actorOf(req), req.params.productId, req.body.policy),
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/capacity/projection',
    {
      schema: {
        tags,
        summary:
          'Projected ship dates of paid-but-unshipped orders against the capacity: orders at risk, the date a new order would get, the pressure',
        params: shopParams,
        response: ok(CapacityProjectionViewSchema, 400, 401, 404),
      },
    },
    async (req) => shopProjection(ctx, actorOf(req), req.params.shopId),
  );
}
