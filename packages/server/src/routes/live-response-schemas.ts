/** Response schemas of live rooms: the room everyone in it sees, its flash sales, coupons and lucky bags. */
import { Type } from 'typebox';
import {
  ROOM_STATUSES,
  WALLET_TABS,
  type FlashSaleView,
  type LiveCouponView,
  type LuckyBagAudit,
  type LuckyBagView,
  type MyLiveCoupon,
  type RoomCard,
  type RoomStats,
  type RoomView,
  type SaleOrderResult,
  type WalletCoupon,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';
import { HostViewSchema, ProductCardSchema, RoomCardSchema } from './catalog-schemas.js';

const BagItem = Type.Object({
  ...ProductCardSchema.properties,
  source: Type.String(),
  skus: Type.Array(
    Type.Object({
      id: Type.String(),
      specValues: Type.Array(Type.String()),
      priceFen: Type.Integer(),
      originalPriceFen: Nullable(Type.Integer()),
      stock: Type.Integer(),
    }),
  ),
});

export const FlashSaleSchema = describe<FlashSaleView>()(
  Type.Object({
    id: Type.String(),
    roomId: Type.String(),
    productId: Type.String(),
    skuId: Type.String(),
    title: Type.String({ description: 'the product’s title' }),
    specValues: Type.Array(Type.String()),
    label: Type.String({
      description: 'what the sale sells, as shown to buyers: the product’s title and the SKU’s spec values',
    }),
    priceFen: Type.Integer(),
    originalPriceFen: Type.Integer(),
    quantity: Type.Integer(),
    remaining: Type.Integer(),
    perPersonLimit: Type.Integer(),
    startsAt: Type.Integer(),
    endsAt: Type.Integer(),
    status: OneOf(['scheduled', 'open', 'ended'] as const),
  }),
);

const CouponProps = {
  id: Type.String(),
  roomId: Type.String(),
  amountFen: Type.Integer(),
  minSpendFen: Type.Integer(),
  quantity: Type.Integer(),
  remaining: Type.Integer(),
};
export const LiveCouponSchema = describe<LiveCouponView>()(Type.Object(CouponProps));
export const ClaimedCouponSchema = describe<LiveCouponView & { claimed: true }>()(
  Type.Object({ ...CouponProps, claimed: Type.Literal(true) }),
);

const LuckyBagProps = {
  id: Type.String(),
  roomId: Type.String(),
  keyword: Type.String(),
  prize: Type.String(),
  winnerCount: Type.Integer(),
  drawAt: Type.Integer(),
  status: OneOf(['open', 'drawn'] as const),
  seedHash: Type.String({
    description: 'published before the draw; the seed is revealed after it, so anyone can check the draw',
  }),
  seed: Nullable(Type.String({ description: 'revealed after the draw' })),
  entrantCount: Type.Integer(),
  winners: Type.Array(Type.Object({ userId: Type.String(), userName: Type.String() })),
};
export const LuckyBagSchema = describe<LuckyBagView>()(Type.Object(LuckyBagProps));
export const LuckyBagAuditSchema = describe<LuckyBagAudit>()(
  Type.Object({
    ...LuckyBagProps,
    entrants: Type.Array(Type.Object({ userId: Type.String(), userName: Type.String(), enteredAt: Type.Integer() })),
  }),
);

export const RoomViewSchema = describe<RoomView>()(
  Type.Object({
    id: Type.String(),
    title: Type.String(),
    status: OneOf(ROOM_STATUSES),
    host: HostViewSchema,
    playback: Type.Object({ hlsUrl: Nullable(Type.String()), fallbackVideoUrl: Nullable(Type.String()) }),
    bag: Type.Array(BagItem),
    pinned: Nullable(BagItem),
    sales: Type.Array(FlashSaleSchema),
    coupons: Type.Array(LiveCouponSchema),
    luckyBags: Type.Array(LuckyBagSchema),
    stats: Type.Object({
      online: Type.Integer(),
      cumulativeViewers: Type.Integer(),
      comments: Type.Integer(),
      likes: Type.Integer(),
    }),
    createdAt: Type.Integer(),
    openedAt: Nullable(Type.Integer()),
    endedAt: Nullable(Type.Integer()),
  }),
);

export const RoomListSchema = describe<{ items: RoomCard[] }>()(Type.Object({ items: Type.Array(RoomCardSchema) }));

export const MyLiveCouponSchema = describe<MyLiveCoupon>()(
  Type.Object({
    couponId: Type.String(),
    roomId: Type.String(),
    roomTitle: Type.String(),
    amountFen: Type.Integer(),
    minSpendFen: Type.Integer(),
    productIds: Type.Array(Type.String(), { description: 'the products it applies to (its room’s bag)' }),
    validUntil: Nullable(Type.Integer()),
  }),
);

export const CouponWalletSchema = describe<{ items: WalletCoupon[]; nextCursor: string | null }>()(
  Type.Object({
    items: Type.Array(
      Type.Object({
        couponId: Type.String(),
        tab: OneOf(WALLET_TABS),
        amountFen: Type.Integer(),
        minSpendFen: Type.Integer(),
        scope: Type.Object({
          roomId: Type.String(),
          roomTitle: Type.String(),
          host: Nullable(HostViewSchema),
          products: Type.Array(Type.Object({ id: Type.String(), title: Type.String() }), {
            description: 'the first products of the room’s bag',
          }),
          productCount: Type.Integer(),
        }),
        claimedAt: Type.Integer(),
        validUntil: Nullable(
          Type.Integer({ description: 'until when it can be spent; null while its room is still live' }),
        ),
        roomLive: Type.Boolean(),
        usedOrderId: Nullable(Type.String()),
        usedAt: Nullable(Type.Integer()),
      }),
    ),
    nextCursor: Nullable(Type.String()),
  }),
);

/** A flash-sale order: 201 when placed, 200 for a retry with the same Idempotency-Key. */
export const SaleOrderSchema = describe<SaleOrderResult & { cashierUrl: string }>()(
  Type.Object({
    orderId: Type.String(),
    paymentId: Type.String(),
    payBefore: Type.Integer(),
    totalFen: Type.Integer(),
    replayed: Type.Optional(
      Type.Boolean({ description: 'the answer of an earlier request with the same Idempotency-Key' }),
    ),
    cashierUrl: Type.String(),
  }),
);

/** The room's dashboard (大屏). */
export const RoomDashboardSchema = describe<RoomStats>()(
  Type.Object({
    online: Type.Integer(),
    cumulativeViewers: Type.Integer(),
    comments: Type.Integer(),
    likes: Type.Integer(),
    orders: Type.Integer(),
    gmvFen: Type.Integer(),
    gpm: Type.Number({ description: 'GMV per thousand viewers, fen' }),
    conversion: Type.Number({ description: 'buyers ÷ viewers, 0–1' }),
    perProduct: Type.Array(
      Type.Object({
        productId: Type.String(),
        title: Type.String(),
        soldQty: Type.Integer(),
        gmvFen: Type.Integer(),
        remaining: Type.Integer(),
      }),
    ),
    series: Type.Array(
      Type.Object({ at: Type.Integer(), online: Type.Integer(), gmvFen: Type.Integer(), orders: Type.Integer() }),
      { description: 'per-second samples' },
    ),
  }),
);
