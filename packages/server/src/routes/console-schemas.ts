/** Response schemas of the consoles' reports: the shop dashboard, batch shipping and the admin's shop list. */
import { Type } from 'typebox';
import type { AdminShopRow, BatchShipReport, ShopDashboard } from '@zhongcao/core';
import { describe, Nullable } from '../http/schemas.js';

export const DashboardSchema = describe<ShopDashboard>()(
  Type.Object({
    today: Type.Object(
      { orders: Type.Integer(), paidOrders: Type.Integer(), gmvFen: Type.Integer(), toShip: Type.Integer(), overdue: Type.Integer(), refundsFen: Type.Integer() },
      { description: 'toShip and overdue count all the shop’s paid, unshipped orders (not only today’s)' },
    ),
    last7Days: Type.Array(Type.Object({ day: Type.String(), orders: Type.Integer(), gmvFen: Type.Integer() })),
    toShipOldest: Type.Array(Type.Object({ orderId: Type.String(), paidAt: Type.Integer(), totalFen: Type.Integer(), shipByAt: Nullable(Type.Integer()), overdue: Type.Boolean() })),
  }),
);

export const BatchShipReportSchema = describe<BatchShipReport>()(
  Type.Object({
    results: Type.Array(
      Type.Union([
        Type.Object({ row: Type.Integer(), orderId: Type.String(), ok: Type.Literal(true), shipmentId: Type.String() }),
        Type.Object({ row: Type.Integer(), orderId: Type.String(), ok: Type.Literal(false), code: Type.String(), message: Type.String() }),
      ]),
    ),
    shipped: Type.Integer(),
    failed: Type.Integer(),
  }),
);

export const AdminShopPageSchema = describe<{ items: AdminShopRow[]; nextCursor: string | null }>()(
  Type.Object({
    items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), ownerLogin: Type.String(), status: Type.String(), products: Type.Integer(), orders: Type.Integer(), createdAt: Type.Integer() })),
    nextCursor: Nullable(Type.String()),
  }),
);
