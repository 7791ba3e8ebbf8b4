/** Response schemas of console routes. */
import { Type } from 'typebox';
import type { AdminShopRow, AwaitingShipment, BatchShipReport, ShopDashboard, adminShops } from '@zhongcao/core';
import { describe, Nullable } from '../http/schemas.js';

export const AwaitingShipmentSchema = describe<AwaitingShipment>()(
  Type.Object({
    orderId: Type.String(),
    paidAt: Type.Integer(),
    totalFen: Type.Integer(),
    shipByAt: Nullable(Type.Integer()),
    overdue: Type.Boolean(),
  }),
);

export const ShopDashboardSchema = describe<ShopDashboard>()(
  Type.Object({
    today: Type.Object({
      orders: Type.Number(),
      paidOrders: Type.Number(),
      gmvFen: Type.Integer(),
      toShip: Type.Number(),
      overdue: Type.Number(),
      refundsFen: Type.Integer(),
    }),
    last7Days: Type.Array(Type.Object({ day: Type.String(), orders: Type.Number(), gmvFen: Type.Integer() })),
    toShipOldest: Type.Array(AwaitingShipmentSchema),
  }),
);

export const BatchShipReportSchema = describe<BatchShipReport>()(
  Type.Object({
    results: Type.Array(
      Type.Union([
        Type.Object({ row: Type.Number(), orderId: Type.String(), ok: Type.Literal(true), shipmentId: Type.String() }),
        Type.Object({
          row: Type.Number(),
          orderId: Type.String(),
          ok: Type.Literal(false),
          code: Type.String(),
          message: Type.String(),
        }),
      ]),
    ),
    shipped: Type.Number(),
    failed: Type.Number(),
  }),
);

export const AdminShopRowSchema = describe<AdminShopRow>()(
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    ownerLogin: Type.String(),
    status: Type.String(),
    products: Type.Number(),
    orders: Type.Number(),
    createdAt: Type.Integer(),
  }),
);

export const AdminShopsResultSchema = describe<Awaited<ReturnType<typeof adminShops>>>()(
  Type.Object({ items: Type.Array(AdminShopRowSchema), nextCursor: Nullable(Type.String()) }),
);
