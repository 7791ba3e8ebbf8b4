/**
 * Row types of the live-room module's tables (merged into `Database` in schema.ts): rooms, the
 * shopping bag, flash sales with their reservations and per-buyer counts, live coupons and lucky
 * bags with their entrants.
 */
import type { Generated } from 'kysely';

export interface LiveRoomsTable {
  id: string;
  title: string;
  host_kind: string; // creator | shop
  host_id: string; // the creator's user id or the shop id
  created_by: string;
  status: string; // scheduled | live | ended
  pinned_product_id: string | null;
  stream_key_hash: string | null; // SHA-256 of the secret part of the stream key
  publishing: number; // 0/1: an ingest server reported a publisher
  fallback_video_url: string | null;
  stats: string | null; // JSON RoomStats persisted when the room ends
  created_at: number;
  opened_at: number | null;
  ended_at: number | null;
  updated_at: number;
}

export interface LiveBagItemsTable {
  room_id: string;
  product_id: string;
  shop_id: string;
  source: string; // shop | showcase
  added_at: number;
}

export interface LiveFlashSalesTable {
  id: string;
  room_id: string;
  shop_id: string;
  product_id: string;
  sku_id: string;
  price_fen: number;
  original_price_fen: number;
  quantity: number;
  remaining: number; // units still on offer; a reservation takes, a lapsed one gives back
  per_person_limit: number;
  starts_at: number;
  ends_at: number;
  closed_at: number | null; // ended early (the room ended)
  created_at: number;
}

/** Units each buyer holds in a sale (reserved or paid); guarded by `quantity <= per_person_limit`. */
export interface LiveSaleBuyersTable {
  sale_id: string;
  buyer_id: string;
  quantity: number;
}

/** One flash-sale order: its reservation against the sale, and the answer replayed for its Idempotency-Key. */
export interface LiveSaleOrdersTable {
  order_id: string;
  sale_id: string;
  buyer_id: string;
  quantity: number;
  status: string; // reserved | committed | released
  payment_id: string;
  pay_before: number;
  idem_key: string | null;
  request_hash: string | null;
  created_at: number;
  updated_at: number;
}

export interface LiveCouponsTable {
  id: string;
  room_id: string;
  amount_fen: number;
  min_spend_fen: number;
  quantity: number;
  remaining: number;
  created_at: number;
}

export interface LiveCouponClaimsTable {
  coupon_id: string;
  user_id: string;
  claimed_at: number;
  /** The order the coupon was spent on; null while unused (or after that order was cancelled unpaid). */
  used_order_id: Generated<string | null>;
  used_at: Generated<number | null>;
}

export interface LiveLuckyBagsTable {
  id: string;
  room_id: string;
  keyword: string;
  prize: string;
  winners: number;
  draw_at: number;
  seed: string; // hex, secret until the draw; its SHA-256 is public from the start
  seed_hash: string;
  status: string; // open | drawn
  winner_ids: string | null; // JSON string[]
  drawn_at: number | null;
  created_at: number;
}

export interface LiveLuckyEntrantsTable {
  bag_id: string;
  user_id: string;
  user_name: string;
  entered_at: number;
}

export interface LiveTables {
  live_rooms: LiveRoomsTable;
  live_bag_items: LiveBagItemsTable;
  live_flash_sales: LiveFlashSalesTable;
  live_sale_buyers: LiveSaleBuyersTable;
  live_sale_orders: LiveSaleOrdersTable;
  live_coupons: LiveCouponsTable;
  live_coupon_claims: LiveCouponClaimsTable;
  live_lucky_bags: LiveLuckyBagsTable;
  live_lucky_entrants: LiveLuckyEntrantsTable;
}

declare module './schema.js' {
  interface OrdersTable {
    /** Coupon discount taken off the items (already out of items_fen and total_fen). */
    discount_fen: Generated<number>;
  }
  interface OrderLinesTable {
    /** This line's share of the order's discount (already out of line_total_fen). */
    discount_fen: Generated<number>;
  }
}
