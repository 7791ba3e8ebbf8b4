/** Response schemas of aftersales routes. */
import { Type } from 'typebox';
import {
  CASE_STATUSES,
  CASE_TYPES,
  REASON_CODES,
  type CaseSummary,
  type CaseView,
  type adminCases,
  type buyerCases,
  type shopCases,
  type uploadEvidence,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

export const CaseViewSchema = describe<CaseView>()(
  Type.Object({
    buyerId: Type.String(),
    note: Type.String(),
    spoiledPercent: Nullable(Type.Number()),
    counterFen: Nullable(Type.Integer()),
    refundableFen: Type.Integer(),
    line: Type.Object({
      title: Type.String(),
      specValues: Type.Array(Type.String()),
      quantity: Type.Number(),
      unitPriceFen: Type.Integer(),
      lineTotalFen: Type.Integer(),
      imageUrl: Nullable(Type.String()),
    }),
    returnShipment: Nullable(
      Type.Object({ carrier: Type.String(), trackingNo: Type.String(), shippedAt: Type.Integer() }),
    ),
    reshipment: Nullable(Type.Object({ carrier: Type.String(), trackingNo: Type.String(), shippedAt: Type.Integer() })),
    allowedActions: Type.Array(Type.String()),
    viewerRole: OneOf(['buyer', 'merchant', 'admin'] as const),
    timeline: Type.Array(
      Type.Object({
        id: Type.String(),
        at: Type.Number(),
        actor: OneOf(['buyer', 'merchant', 'admin', 'system'] as const),
        kind: Type.String(),
        text: Nullable(Type.String()),
        amountFen: Nullable(Type.Integer()),
        evidence: Type.Array(Type.Object({ id: Type.String(), url: Type.String() })),
      }),
    ),
    id: Type.String(),
    orderId: Type.String(),
    orderLineId: Type.String(),
    shopId: Type.String(),
    shopName: Type.String(),
    type: OneOf(CASE_TYPES),
    status: OneOf(CASE_STATUSES),
    reasonCode: OneOf(REASON_CODES),
    requestedFen: Type.Integer(),
    refundFen: Type.Integer(),
    title: Type.String(),
    imageUrl: Nullable(Type.String()),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
    deadline: Nullable(Type.Object({ kind: Type.String(), dueAt: Type.Integer() })),
  }),
);

export const CaseSummarySchema = describe<CaseSummary>()(
  Type.Object({
    id: Type.String(),
    orderId: Type.String(),
    orderLineId: Type.String(),
    shopId: Type.String(),
    shopName: Type.String(),
    type: OneOf(CASE_TYPES),
    status: OneOf(CASE_STATUSES),
    reasonCode: OneOf(REASON_CODES),
    requestedFen: Type.Integer(),
    refundFen: Type.Integer(),
    title: Type.String(),
    imageUrl: Nullable(Type.String()),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
    deadline: Nullable(Type.Object({ kind: Type.String(), dueAt: Type.Integer() })),
  }),
);

export const UploadEvidenceResultSchema = describe<Awaited<ReturnType<typeof uploadEvidence>>>()(
  Type.Object({ id: Type.String(), url: Type.String() }),
);

export const BuyerCasesResultSchema = describe<Awaited<ReturnType<typeof buyerCases>>>()(
  Type.Object({ items: Type.Array(CaseSummarySchema), nextCursor: Nullable(Type.String()) }),
);

export const ShopCasesResultSchema = describe<Awaited<ReturnType<typeof shopCases>>>()(
  Type.Object({
    items: Type.Array(CaseSummarySchema),
    nextCursor: Nullable(Type.String()),
    counts: Type.Object({
      requested: Type.Number(),
      rejected: Type.Number(),
      countered: Type.Number(),
      awaiting_return: Type.Number(),
      return_shipped: Type.Number(),
      escalated: Type.Number(),
      refunded: Type.Number(),
      completed: Type.Number(),
      closed: Type.Number(),
      cancelled: Type.Number(),
    }),
  }),
);

export const AdminCasesResultSchema = describe<Awaited<ReturnType<typeof adminCases>>>()(
  Type.Object({ items: Type.Array(CaseSummarySchema), nextCursor: Nullable(Type.String()) }),
);
