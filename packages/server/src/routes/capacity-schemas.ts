/** Response schemas of capacity routes. */
import { Type } from 'typebox';
import {
  SURGE_POLICIES,
  type CapacityProjectionView,
  type ShopCapacityView,
  type setSurgePolicy,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

export const ShopCapacityViewSchema = describe<ShopCapacityView>()(
  Type.Object({ shopId: Type.String(), warehouse: Type.String(), capacityPerDay: Nullable(Type.Number()) }),
);

export const CapacityProjectionViewSchema = describe<CapacityProjectionView>()(
  Type.Object({
    capacityPerDay: Nullable(Type.Number()),
    backlog: Type.Number(),
    pending: Type.Number(),
    shippedToday: Type.Number(),
    projectedClearAt: Nullable(Type.Integer()),
    atRisk: Type.Array(Type.Object({ orderId: Type.String(), shipBy: Type.Number(), projectedShipAt: Type.Integer() })),
    newOrderShipAt: Nullable(Type.Integer()),
    pressure: Type.Number(),
    nearLimit: Type.Boolean(),
    nearLimitAt: Type.Number(),
    products: Type.Array(
      Type.Object({ productId: Type.String(), title: Type.String(), policy: OneOf(SURGE_POLICIES) }),
    ),
  }),
);

export const SetSurgePolicyResultSchema = describe<Awaited<ReturnType<typeof setSurgePolicy>>>()(
  Type.Object({ productId: Type.String(), policy: OneOf(SURGE_POLICIES) }),
);
