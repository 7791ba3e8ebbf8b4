/** Response schemas of products, shops, people and their addresses and favourites. */
import { Type } from 'typebox';
import type {
  AddressView,
  FavouriteItem,
  FavouriteState,
  HostView,
  Page,
  PersonCard,
  ProductCard,
  ProductDetail,
  RoomCard,
  ShopSummary,
  ShopView,
  UserView,
} from '@zhongcao/core';
import { ROOM_STATUSES } from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

const ProductCardProps = {
  id: Type.String(),
  title: Type.String(),
  shopId: Type.String(),
  shopName: Type.String(),
  categoryId: Type.String(),
  priceFen: Type.Integer({ description: 'the lowest SKU price' }),
  originalPriceFen: Nullable(Type.Integer()),
  imageUrl: Nullable(Type.String()),
  sales: Type.Integer(),
  status: Type.String(),
};

export const ProductCardSchema = describe<ProductCard>()(Type.Object(ProductCardProps));

export const ProductPageSchema = describe<Page<ProductCard>>()(
  Type.Object({ items: Type.Array(ProductCardSchema), nextCursor: Nullable(Type.String()) }),
);

const { shopId: _shopId, shopName: _shopName, imageUrl: _imageUrl, ...DetailProps } = ProductCardProps;

export const ProductDetailSchema = describe<ProductDetail>()(
  Type.Object({
    ...DetailProps,
    description: Type.String(),
    shop: Type.Object({ id: Type.String(), name: Type.String(), origin: Type.String() }),
    specOptions: Type.Array(Type.Object({ name: Type.String(), values: Type.Array(Type.String()) })),
    skus: Type.Array(
      Type.Object({
        id: Type.String(),
        specValues: Type.Array(Type.String()),
        priceFen: Type.Integer(),
        originalPriceFen: Nullable(Type.Integer()),
        stock: Type.Integer(),
      }),
    ),
    images: Type.Array(Type.String()),
    rules: Type.Object({ shipByHours: Type.Integer(), perishable: Type.Boolean() }),
    promise: Type.Union(
      [
        Type.Object({ kind: Type.Literal('in_stock'), shipWithinHours: Type.Integer() }),
        Type.Object({ kind: Type.Literal('presale'), shipBy: Type.Integer() }),
      ],
      {
        description: 'what the buyer is promised if they buy now (surge protection may make it a pre-sale date)',
      },
    ),
    salesPaused: Type.Boolean({
      description: 'surge protection paused this product’s sales: checkout answers 409 SALES_PAUSED',
    }),
    favourites: Type.Integer({ description: 'how many people have it in their favourites (收藏)' }),
  }),
);

export const ShopViewSchema = describe<ShopView>()(
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    description: Type.String(),
    origin: Type.String(),
    shippingFeeFen: Type.Integer(),
    freeShippingOverFen: Nullable(Type.Integer()),
    fastRefund: Type.Boolean({
      description: 'qualifying refund requests before shipping are refunded at once by the platform',
    }),
    status: Type.String(),
    createdAt: Type.Integer(),
  }),
);

export const AddressSchema = describe<AddressView>()(
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    phone: Type.String(),
    province: Type.String(),
    city: Type.String(),
    district: Type.String(),
    detail: Type.String(),
    isDefault: Type.Boolean(),
  }),
);

export const UserViewSchema = describe<UserView>()(
  Type.Object({
    id: Type.String(),
    login: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(Type.Object({ role: Type.String(), shopId: Nullable(Type.String()) })),
  }),
);

export const FavouriteStateSchema = describe<FavouriteState>()(
  Type.Object({ productId: Type.String(), favourited: Type.Boolean(), favourites: Type.Integer() }),
);

export const FavouritePageSchema = describe<{ items: FavouriteItem[]; nextCursor: string | null }>()(
  Type.Object({
    items: Type.Array(Type.Object({ product: ProductCardSchema, favouritedAt: Type.Integer() })),
    nextCursor: Nullable(Type.String()),
  }),
);

export const PersonCardPageSchema = describe<Page<PersonCard>>()(
  Type.Object({
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        displayName: Type.String(),
        isCreator: Type.Boolean(),
        followers: Type.Integer(),
        videos: Type.Integer(),
        followed: Type.Boolean({ description: 'whether the caller follows them' }),
      }),
    ),
    nextCursor: Nullable(Type.String()),
  }),
);

export const HostViewSchema = describe<HostView>()(
  Type.Object({
    kind: OneOf(['creator', 'shop'] as const),
    id: Type.String(),
    name: Type.String(),
    avatarUrl: Nullable(Type.String()),
  }),
);

export const RoomCardSchema = describe<RoomCard>()(
  Type.Object({
    id: Type.String(),
    title: Type.String(),
    status: OneOf(ROOM_STATUSES),
    host: HostViewSchema,
    online: Type.Integer(),
    coverUrl: Nullable(Type.String()),
    openedAt: Nullable(Type.Integer()),
    endedAt: Nullable(Type.Integer()),
    createdAt: Type.Integer(),
  }),
);

export const RoomCardPageSchema = describe<Page<RoomCard>>()(
  Type.Object({ items: Type.Array(RoomCardSchema), nextCursor: Nullable(Type.String()) }),
);

export const ShopSummarySchema = describe<ShopSummary>()(
  Type.Object({
    shop: ShopViewSchema,
    products: Type.Integer(),
    totalSales: Type.Integer(),
    categories: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), products: Type.Integer() })),
  }),
);
