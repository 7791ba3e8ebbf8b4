/** Everything a flash-sale order needs about its sale, read in one query and kept by the sale's gate. */
import type { Db, Tx } from '../context.js';
import { profileOfCategory, type RuleProfile } from '../rules/index.js';
import { saleStatus, type SaleStatus } from './live-rules.js';

export interface SaleInfo {
  id: string;
  roomId: string;
  shopId: string;
  productId: string;
  skuId: string;
  priceFen: number;
  originalPriceFen: number;
  quantity: number;
  remaining: number;
  perPersonLimit: number;
  startsAt: number;
  endsAt: number;
  closedAt: number | null;
  title: string;
  specValues: string[];
  categoryId: string;
  rules: RuleProfile;
  shippingFeeFen: number;
  freeShippingOverFen: number | null;
  onSale: boolean;
  hostKind: 'creator' | 'shop';
  hostId: string;
}

export async function loadSaleInfo(db: Db | Tx, saleId: string): Promise<SaleInfo | null> {
  const r = await db
    .selectFrom('live_flash_sales as s')
    .innerJoin('live_rooms as r', 'r.id', 's.room_id')
    .innerJoin('skus', 'skus.id', 's.sku_id')
    .innerJoin('products', 'products.id', 's.product_id')
    .innerJoin('shops', 'shops.id', 's.shop_id')
    .innerJoin('categories', 'categories.id', 'products.category_id')
    .select([
      's.id',
      's.room_id',
      's.shop_id',
      's.product_id',
      's.sku_id',
      's.price_fen',
      's.original_price_fen',
      's.quantity',
      's.remaining',
      's.per_person_limit',
      's.starts_at',
      's.ends_at',
      's.closed_at',
      'r.host_kind',
      'r.host_id',
      'products.title',
      'products.status as product_status',
      'products.category_id',
      'skus.spec_values',
      'shops.status as shop_status',
      'shops.shipping_fee_fen',
      'shops.free_shipping_over_fen',
      'categories.ship_by_hours',
      'categories.perishable',
      'categories.fee_rate_bp',
      'categories.settle_window_days',
      'categories.rules',
    ])
    .where('s.id', '=', saleId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    roomId: r.room_id,
    shopId: r.shop_id,
    productId: r.product_id,
    skuId: r.sku_id,
    priceFen: Number(r.price_fen),
    originalPriceFen: Number(r.original_price_fen),
    quantity: Number(r.quantity),
    remaining: Number(r.remaining),
    perPersonLimit: Number(r.per_person_limit),
    startsAt: Number(r.starts_at),
    endsAt: Number(r.ends_at),
    closedAt: r.closed_at === null ? null : Number(r.closed_at),
    title: r.title,
    specValues: JSON.parse(r.spec_values) as string[],
    categoryId: r.category_id,
    rules: profileOfCategory(r),
    shippingFeeFen: Number(r.shipping_fee_fen),
    freeShippingOverFen: r.free_shipping_over_fen === null ? null : Number(r.free_shipping_over_fen),
    onSale: r.product_status === 'listed' && r.shop_status === 'open',
    hostKind: r.host_kind as 'creator' | 'shop',
    hostId: r.host_id,
  };
}

export interface FlashSaleView {
  id: string;
  roomId: string;
  productId: string;
  skuId: string;
  /** The product's title. */
  title: string;
  specValues: string[];
  /** What the sale sells, as shown to buyers: the product's title and the SKU's spec values. */
  label: string;
  priceFen: number;
  originalPriceFen: number;
  quantity: number;
  remaining: number;
  perPersonLimit: number;
  startsAt: number;
  endsAt: number;
  status: SaleStatus;
}

/** 「云南冰糖橙 · 10斤」: a sale names the one SKU it sells, never only the product. */
export function saleLabel(title: string, specValues: readonly string[]): string {
  const spec = specValues
    .map((v) => v.trim())
    .filter(Boolean)
    .join(' / ');
  return spec ? `${title} · ${spec}` : title;
}

export function saleView(
  s: Pick<
    SaleInfo,
    | 'id'
    | 'roomId'
    | 'productId'
    | 'skuId'
    | 'title'
    | 'specValues'
    | 'priceFen'
    | 'originalPriceFen'
    | 'quantity'
    | 'remaining'
    | 'perPersonLimit'
    | 'startsAt'
    | 'endsAt'
    | 'closedAt'
  >,
  now: number,
): FlashSaleView {
  return {
    id: s.id,
    roomId: s.roomId,
    productId: s.productId,
    skuId: s.skuId,
    title: s.title,
    specValues: s.specValues,
    label: saleLabel(s.title, s.specValues),
    priceFen: s.priceFen,
    originalPriceFen: s.originalPriceFen,
    quantity: s.quantity,
    remaining: Math.max(0, s.remaining),
    perPersonLimit: s.perPersonLimit,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    status: saleStatus(s, now),
  };
}
