/** Response schemas of after-sales cases (售后): lists for the buyer, the shop and the platform, and one case. */
import { Type } from 'typebox';
import { CASE_STATUSES, type CaseStatus, type CaseSummary, type CaseView, type Page } from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

const SummaryProps = {
  id: Type.String(),
  orderId: Type.String(),
  orderLineId: Type.String(),
  shopId: Type.String(),
  shopName: Type.String(),
  type: Type.String(),
  status: Type.String(),
  reasonCode: Type.String(),
  requestedFen: Type.Integer(),
  refundFen: Type.Integer(),
  title: Type.String(),
  imageUrl: Nullable(Type.String()),
  createdAt: Type.Integer(),
  updatedAt: Type.Integer(),
  deadline: Nullable(Type.Object({ kind: Type.String(), dueAt: Type.Integer() })),
};

export const CaseSummarySchema = describe<CaseSummary>()(Type.Object(SummaryProps));

export const CasePageSchema = describe<Page<CaseSummary>>()(Type.Object({ items: Type.Array(CaseSummarySchema), nextCursor: Nullable(Type.String()) }));

export const ShopCasePageSchema = describe<Page<CaseSummary> & { counts: Record<CaseStatus, number> }>()(
  Type.Object({
    items: Type.Array(CaseSummarySchema),
    nextCursor: Nullable(Type.String()),
    counts: Type.Object(Object.fromEntries(CASE_STATUSES.map((s) => [s, Type.Integer()])) as { [K in CaseStatus]: ReturnType<typeof Type.Integer> }, { description: 'the shop’s cases per status' }),
  }),
);

const Parcel = Nullable(Type.Object({ carrier: Type.String(), trackingNo: Type.String(), shippedAt: Type.Integer() }));

export const CaseViewSchema = describe<CaseView>()(
  Type.Object({
    ...SummaryProps,
    buyerId: Type.String(),
    note: Type.String(),
    spoiledPercent: Nullable(Type.Integer()),
    counterFen: Nullable(Type.Integer()),
    refundableFen: Type.Integer(),
    line: Type.Object({ title: Type.String(), specValues: Type.Array(Type.String()), quantity: Type.Integer(), unitPriceFen: Type.Integer(), lineTotalFen: Type.Integer(), imageUrl: Nullable(Type.String()) }),
    returnShipment: Parcel,
    reshipment: Parcel,
    allowedActions: Type.Array(Type.String()),
    viewerRole: OneOf(['buyer', 'merchant', 'admin'] as const),
    timeline: Type.Array(
      Type.Object({
        id: Type.String(),
        at: Type.Integer(),
        actor: Type.String(),
        kind: Type.String(),
        text: Nullable(Type.String()),
        amountFen: Nullable(Type.Integer()),
        evidence: Type.Array(Type.Object({ id: Type.String(), url: Type.String() })),
      }),
    ),
  }),
);
