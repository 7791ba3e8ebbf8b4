/** Live rooms (直播): shapes and calls of /api/v1/live. Money in fen, times in epoch ms. */
import { api } from './client';

const enc = encodeURIComponent;

export type RoomStatus = 'scheduled' | 'live' | 'ended';
export type SaleStatus = 'scheduled' | 'open' | 'ended';

export interface LiveHost {
  kind: 'creator' | 'shop';
  id: string;
  name: string;
  avatarUrl: string | null;
}

export interface BagSku {
  id: string;
  specValues: string[];
  priceFen: number;
  originalPriceFen: number | null;
  stock: number;
}

/** A product in the room's bag (小黄车): the product card with its SKUs. */
export interface BagItem {
  /** The product's id. */
  id: string;
  title: string;
  shopId: string;
  shopName: string;
  priceFen: number;
  originalPriceFen: number | null;
  imageUrl: string | null;
  /** 'shop' (the host shop's own) or 'showcase' (from the creator's showcase). */
  source: string;
  skus: BagSku[];
}

export interface FlashSale {
  id: string;
  roomId: string;
  productId: string;
  skuId: string;
  /** The product's title. */
  title: string;
  specValues: string[];
  /** What the sale sells: the product's title and this SKU's spec values. */
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

export interface LiveCoupon {
  id: string;
  roomId: string;
  amountFen: number;
  minSpendFen: number;
  quantity: number;
  remaining: number;
}

export interface LuckyBagPerson {
  userId: string;
  userName: string;
}

export interface LuckyBag {
  id: string;
  roomId: string;
  keyword: string;
  prize: string;
  winnerCount: number;
  drawAt: number;
  status: 'open' | 'drawn';
  /** Published before the draw; the seed itself is revealed after it, so anyone can check the draw. */
  seedHash: string;
  seed: string | null;
  entrantCount: number;
  winners: LuckyBagPerson[];
}

export interface ProductStat {
  productId: string;
  title: string;
  soldQty: number;
  gmvFen: number;
  remaining: number;
}

export interface RoomStats {
  online: number;
  cumulativeViewers: number;
  comments: number;
  likes: number;
  orders: number;
  gmvFen: number;
  gpm: number;
  conversion: number;
  perProduct: ProductStat[];
  series: Array<{ at: number; online: number; gmvFen: number; orders: number }>;
}

export interface Room {
  id: string;
  title: string;
  status: RoomStatus;
  host: LiveHost;
  playback: { hlsUrl: string | null; fallbackVideoUrl: string | null };
  bag: BagItem[];
  pinned: BagItem | null;
  sales: FlashSale[];
  coupons: LiveCoupon[];
  luckyBags: LuckyBag[];
  /** Public figures (the dashboard has the rest). */
  stats: Partial<RoomStats>;
  createdAt: number;
  openedAt: number | null;
  endedAt: number | null;
}

export interface RoomCard {
  id: string;
  title: string;
  status: RoomStatus;
  host: LiveHost;
  coverUrl: string | null;
  online: number;
  openedAt: number | null;
  endedAt: number | null;
  createdAt: number;
}

export interface SaleOrder {
  orderId: string;
  paymentId: string;
  payBefore: number;
  totalFen?: number;
  /** The payment's cashier (same as cashierUrl(paymentId) in the shopper API). */
  cashierUrl?: string;
}

export interface LuckyBagAudit extends LuckyBag {
  entrants: Array<LuckyBagPerson & { enteredAt: number }>;
}

export interface FlashSaleInput {
  skuId: string;
  priceFen: number;
  quantity: number;
  perPersonLimit: number;
  startsAt: number;
  endsAt: number;
}

export const liveApi = {
  rooms: (q: { status?: RoomStatus; mine?: boolean }) => api<{ items: RoomCard[] }>('GET', '/live/rooms', { query: { status: q.status, mine: q.mine ? 1 : undefined } }).then((r) => r.items),
  room: (roomId: string) => api<Room>('GET', `/live/rooms/${enc(roomId)}`),
  create: (body: { title: string; shopId?: string }) => api<Room>('POST', '/live/rooms', { body }),
  open: (roomId: string) => api<Room>('POST', `/live/rooms/${enc(roomId)}/open`),
  end: (roomId: string) => api<Room>('POST', `/live/rooms/${enc(roomId)}/end`),
  addToBag: (roomId: string, productId: string) => api<Room>('POST', `/live/rooms/${enc(roomId)}/bag`, { body: { productId } }),
  removeFromBag: (roomId: string, productId: string) => api<Room>('DELETE', `/live/rooms/${enc(roomId)}/bag/${enc(productId)}`),
  pin: (roomId: string, productId: string | null) => api<Room>('POST', `/live/rooms/${enc(roomId)}/pin`, { body: { productId } }),
  startSale: (roomId: string, body: FlashSaleInput) => api<FlashSale>('POST', `/live/rooms/${enc(roomId)}/flash-sales`, { body }),
  buy: (saleId: string, quantity: number, addressId: string, idempotencyKey: string) =>
    api<SaleOrder>('POST', `/live/flash-sales/${enc(saleId)}/orders`, { body: { quantity, addressId }, headers: { 'Idempotency-Key': idempotencyKey } }),
  addCoupon: (roomId: string, body: { amountFen: number; minSpendFen: number; quantity: number }) => api<LiveCoupon>('POST', `/live/rooms/${enc(roomId)}/coupons`, { body }),
  claimCoupon: (couponId: string) => api<unknown>('POST', `/live/coupons/${enc(couponId)}/claim`),
  addLuckyBag: (roomId: string, body: { keyword: string; prize: string; winners: number; drawAt: number }) => api<LuckyBag>('POST', `/live/rooms/${enc(roomId)}/lucky-bags`, { body }),
  luckyBag: (bagId: string) => api<LuckyBagAudit>('GET', `/live/lucky-bags/${enc(bagId)}`),
  dashboard: (roomId: string) => api<RoomStats>('GET', `/live/rooms/${enc(roomId)}/dashboard`),
  streamKey: (roomId: string) => api<{ streamKey: string; ingestUrl: string }>('POST', `/live/rooms/${enc(roomId)}/stream-key`),
};

/** The room's WebSocket address on this page's origin (the session cookie rides along; `viewer` counts a signed-out viewer once). */
export function liveSocketUrl(roomId: string, viewer: string, location: { protocol: string; host: string } = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/v1/live/rooms/${enc(roomId)}/ws?viewer=${enc(viewer)}`;
}

/** The host's control panel on the room's channel: the same frames, not counted as a viewer. */
export function hostSocketUrl(roomId: string, location: { protocol: string; host: string } = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/v1/live/rooms/${enc(roomId)}/ws?as=host`;
}
