/** Request schemas of the live-room routes. */
import { Type } from 'typebox';
import {
  MAX_KEYWORD,
  MAX_LUCKY_WINNERS,
  MAX_PER_PERSON,
  MAX_PRIZE,
  MAX_SALE_QUANTITY,
  MAX_TITLE,
  WALLET_PAGE_MAX,
  WALLET_TABS,
} from '@zhongcao/core';
import { Fen, Id } from '../http/schemas.js';

const EpochMs = (description: string) => Type.Integer({ minimum: 0, maximum: 9_999_999_999_999, description });

export const RoomParams = Type.Object({ roomId: Id('liveRoom') });
export const RoomProductParams = Type.Object({ roomId: Id('liveRoom'), productId: Id('product') });
export const SaleParams = Type.Object({ saleId: Id('flashSale') });
export const CouponParams = Type.Object({ couponId: Id('liveCoupon') });
export const BagParams = Type.Object({ bagId: Id('luckyBag') });

export const CreateRoomBody = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: MAX_TITLE }), shopId: Type.Optional(Id('shop')) },
  { additionalProperties: false },
);
export const ListRoomsQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('scheduled'), Type.Literal('live'), Type.Literal('ended')])),
    mine: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])),
  },
  { additionalProperties: false },
);
export const BagBody = Type.Object({ productId: Id('product') }, { additionalProperties: false });
export const PinBody = Type.Object(
  { productId: Type.Union([Id('product'), Type.Null()]) },
  { additionalProperties: false },
);
export const FlashSaleBody = Type.Object(
  {
    skuId: Id('sku'),
    priceFen: Fen('the flash-sale price'),
    quantity: Type.Integer({ minimum: 1, maximum: MAX_SALE_QUANTITY }),
    perPersonLimit: Type.Integer({ minimum: 1, maximum: MAX_PER_PERSON }),
    startsAt: EpochMs('when the sale opens'),
    endsAt: EpochMs('when the sale closes'),
  },
  { additionalProperties: false },
);
export const SaleOrderBody = Type.Object(
  { quantity: Type.Integer({ minimum: 1, maximum: MAX_PER_PERSON }), addressId: Type.Optional(Id('address')) },
  { additionalProperties: false },
);
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' })),
});
export const CouponBody = Type.Object(
  {
    amountFen: Fen('amount off'),
    minSpendFen: Fen('minimum spend (0: none)'),
    quantity: Type.Integer({ minimum: 1, maximum: MAX_SALE_QUANTITY }),
  },
  { additionalProperties: false },
);
export const LuckyBagBody = Type.Object(
  {
    keyword: Type.String({ minLength: 1, maxLength: MAX_KEYWORD }),
    prize: Type.String({ minLength: 1, maxLength: MAX_PRIZE }),
    winners: Type.Integer({ minimum: 1, maximum: MAX_LUCKY_WINNERS }),
    drawAt: EpochMs('when the winners are drawn'),
  },
  { additionalProperties: false },
);
/** nginx-rtmp posts a form, SRS posts JSON; both carry the stream name and the key. */
export const IngestBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 300 })),
    stream: Type.Optional(Type.String({ maxLength: 300 })),
    key: Type.Optional(Type.String({ maxLength: 300 })),
    param: Type.Optional(Type.String({ maxLength: 600 })),
  },
  { additionalProperties: true },
);

/** 我 → 优惠券: one tab of the wallet, paged by coupon id. */
export const WalletQuery = Type.Object(
  {
    tab: Type.Union(WALLET_TABS.map((t) => Type.Literal(t))),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: WALLET_PAGE_MAX, default: 20 })),
    cursor: Type.Optional(Id('liveCoupon')),
  },
  { additionalProperties: false },
);
