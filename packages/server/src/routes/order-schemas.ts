/** Response schemas of the cart, checkout and orders (the buyer's and the shop's views share them). */
import { Type } from 'typebox';
import {
  BASE_KINDS,
  CASE_TYPES,
  QC_RESULTS,
  TRANSITION_REASON_CODES,
  type CartView,
  type CheckoutResult,
  type OrderDetail,
  type OrderSummary,
  type Page,
  type ProductOrigin,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

const Attribution = Type.Object({
  source: OneOf(['video', 'live', 'search', 'shelf', 'link', 'feed', 'cart'] as const),
  contentId: Type.Optional(Nullable(Type.String())),
  creatorId: Type.Optional(Nullable(Type.String())),
  at: Type.Optional(Type.Integer({ description: 'when the buyer touched the card (epoch ms); absent: at checkout' })),
});

export const CartViewSchema = describe<CartView>()(
  Type.Object(
    {
      items: Type.Array(
        Type.Object({
          skuId: Type.String(),
          productId: Type.String(),
          imageUrl: Nullable(Type.String()),
          shopId: Type.String(),
          shopName: Type.String(),
          title: Type.String(),
          specValues: Type.Array(Type.String()),
          priceFen: Type.Integer(),
          quantity: Type.Integer(),
          stock: Type.Integer(),
          available: Type.Boolean(),
          selected: Type.Boolean({
            description: 'ticked for 结算; a line that cannot be bought never counts as selected',
          }),
          attribution: Attribution,
        }),
      ),
      count: Type.Integer({ description: 'lines in the cart (the 购物车 tab’s badge)' }),
      selectedQuantity: Type.Integer({ description: 'units in the selected lines' }),
      totalFen: Type.Integer({ description: 'what the selected lines cost, before shipping and coupons' }),
    },
    { description: 'the cart' },
  ),
);

export const CheckoutResultSchema = describe<CheckoutResult>()(
  Type.Object({
    checkoutId: Type.String(),
    orders: Type.Array(
      Type.Object({
        id: Type.String(),
        shopId: Type.String(),
        status: Type.Literal('unpaid'),
        itemsFen: Type.Integer(),
        discountFen: Type.Integer(),
        shippingFeeFen: Type.Integer(),
        totalFen: Type.Integer(),
      }),
    ),
    totalFen: Type.Integer(),
    payment: Type.Object({
      id: Type.String(),
      amountFen: Type.Integer(),
      cashierUrl: Type.String(),
      expiresAt: Type.Integer(),
    }),
  }),
);

export const OriginCardProps = {
  skuId: Type.String(),
  batch: Type.Object({
    id: Type.String(),
    code: Type.String(),
    harvestedAt: Type.Integer(),
    shelfLifeDays: Nullable(Type.Integer()),
    bestBefore: Nullable(Type.Integer()),
    receivedAt: Nullable(Type.Integer()),
  }),
  base: Nullable(
    Type.Object({
      name: Type.String(),
      kind: OneOf(BASE_KINDS),
      province: Type.String(),
      city: Type.String(),
      description: Type.String(),
    }),
  ),
  supplier: Type.Object({ name: Type.String(), region: Type.String() }),
  qc: Nullable(
    Type.Object(
      { result: OneOf(QC_RESULTS), inspector: Type.String(), checkedAt: Type.Integer(), notes: Type.String() },
      { description: 'the latest quality check of the batch (null: not checked)' },
    ),
  ),
  photos: Type.Array(Type.String()),
};

const OrderLine = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  imageUrl: Nullable(Type.String()),
  skuId: Type.String(),
  title: Type.String(),
  specValues: Type.Array(Type.String()),
  unitPriceFen: Type.Integer(),
  quantity: Type.Integer(),
  lineTotalFen: Type.Integer({ description: 'what the buyer pays for the line (after its share of a coupon)' }),
  discountFen: Type.Integer(),
  attribution: Type.Object({
    source: Type.String(),
    contentId: Nullable(Type.String()),
    creatorId: Nullable(Type.String()),
  }),
  origin: Type.Array(Type.Object({ ...OriginCardProps, quantity: Type.Integer() }), {
    description: 'the batch(es) the line’s units shipped from (溯源)',
  }),
  afterSales: Nullable(Type.Object({ caseId: Type.String(), status: Type.String(), type: Type.String() })),
  afterSalesEligible: Type.Array(OneOf(CASE_TYPES), {
    description: 'case types the buyer may file on this line now (empty for other viewers)',
  }),
});

const SummaryFields = {
  id: Type.String(),
  shopId: Type.String(),
  shopName: Type.String(),
  buyerName: Type.String(),
  status: Type.String(),
  itemsFen: Type.Integer({ description: 'the goods after any coupon discount (before it: itemsFen + discountFen)' }),
  discountFen: Type.Integer(),
  shippingFeeFen: Type.Integer(),
  totalFen: Type.Integer(),
  createdAt: Type.Integer(),
  payDeadline: Type.Integer(),
  lines: Type.Array(OrderLine),
};

export const OrderSummarySchema = describe<OrderSummary>()(Type.Object(SummaryFields));

export const OrderPageSchema = describe<Page<OrderSummary>>()(
  Type.Object({ items: Type.Array(OrderSummarySchema), nextCursor: Nullable(Type.String()) }),
);

export const OrderDetailSchema = describe<OrderDetail>()(
  Type.Object({
    ...SummaryFields,
    paymentId: Nullable(Type.String()),
    paymentStatus: Nullable(Type.String()),
    address: Type.Record(Type.String(), Type.String()),
    note: Type.String(),
    paidAt: Nullable(Type.Integer()),
    shippedAt: Nullable(Type.Integer()),
    deliveredAt: Nullable(Type.Integer()),
    completedAt: Nullable(Type.Integer()),
    cancelledAt: Nullable(Type.Integer()),
    cancelReason: Nullable(Type.String()),
    promise: Type.Object({
      shipByHours: Type.Integer(),
      shipBy: Nullable(Type.Integer()),
      lateAt: Nullable(Type.Integer()),
      presaleShipBy: Nullable(Type.Integer()),
      autoConfirmDays: Type.Integer(),
      sevenDayNoReason: Type.Boolean(),
    }),
    shipments: Type.Array(
      Type.Object({
        id: Type.String(),
        carrier: Type.String(),
        trackingNo: Type.String(),
        status: Type.String(),
        createdAt: Type.Integer(),
        deliveredAt: Nullable(Type.Integer()),
        lineIds: Type.Array(Type.String()),
      }),
    ),
    transitions: Type.Array(
      Type.Object({
        from: Type.String(),
        to: Type.String(),
        actorKind: Type.String(),
        reason: Type.String(),
        reasonCode: OneOf(TRANSITION_REASON_CODES),
        reasonParams: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
        at: Type.Integer(),
      }),
    ),
    refunds: Type.Array(
      Type.Object({
        id: Type.String(),
        amountFen: Type.Integer(),
        status: Type.String(),
        reason: Type.String(),
        createdAt: Type.Integer(),
      }),
    ),
    compensations: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: OneOf(['late_shipment', 'return_insurance', 'manual'] as const),
        paidBy: OneOf(['merchant', 'platform'] as const),
        amountFen: Type.Integer(),
        status: OneOf(['pending', 'succeeded', 'failed'] as const),
        createdAt: Type.Integer(),
        completedAt: Nullable(Type.Integer()),
      }),
    ),
  }),
);

export const ProductOriginSchema = describe<ProductOrigin>()(
  Type.Object({
    productId: Type.String(),
    current: Nullable(Type.Object(OriginCardProps), {
      description: 'the batch FIFO ships next across the product’s SKUs, or null when none has units left',
    }),
    bySku: Type.Record(Type.String(), Type.Object(OriginCardProps)),
  }),
);
