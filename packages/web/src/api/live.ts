/** Live rooms (直播): shapes and calls of /api/v1/live. Money in fen, times in epoch ms. */
import { api } from './client';
import type { Answer } from './contract';

type RoomAnswer = Answer<'/api/v1/live/rooms/{roomId}', 'get'>;
export type LiveHost = RoomAnswer['host'];
/** A product in the room's bag (小黄车): the product card with its SKUs; source 'shop' (the host shop's own) or 'showcase'. */
export type BagItem = RoomAnswer['bag'][number];
export type BagSku = BagItem['skus'][number];
export type FlashSale = RoomAnswer['sales'][number];
export type LiveCoupon = RoomAnswer['coupons'][number];
export type LuckyBag = RoomAnswer['luckyBags'][number];
export type LuckyBagPerson = LuckyBag['winners'][number];
export type LuckyBagAudit = Answer<'/api/v1/live/lucky-bags/{bagId}', 'get'>;
/** A flash-sale order: pay before payBefore at its cashier. */
export type SaleOrder = Answer<'/api/v1/live/flash-sales/{saleId}/orders', 'post'>;

const enc = encodeURIComponent;

export type RoomStats = Answer<'/api/v1/live/rooms/{roomId}/dashboard', 'get'>;
export type ProductStat = RoomStats['perProduct'][number];
export type RoomCard = Answer<'/api/v1/live/rooms', 'get'>['items'][number];
export type RoomStatus = RoomAnswer['status'];
export type SaleStatus = FlashSale['status'];
/** The room as everyone in it sees it: its stats are the public figures (the dashboard has the rest). */
export type Room = RoomAnswer;

export interface FlashSaleInput {
  skuId: string;
  priceFen: number;
  quantity: number;
  perPersonLimit: number;
  startsAt: number;
  endsAt: number;
}

export const liveApi = {
  rooms: (q: { status?: RoomStatus; mine?: boolean }) =>
    api<Answer<'/api/v1/live/rooms', 'get'>>('GET', '/live/rooms', {
      query: { status: q.status, mine: q.mine ? 1 : undefined },
    }).then((r) => r.items),
  room: (roomId: string) => api<Room>('GET', `/live/rooms/${enc(roomId)}`),
  create: (body: { title: string; shopId?: string }) => api<Room>('POST', '/live/rooms', { body }),
  open: (roomId: string) => api<Room>('POST', `/live/rooms/${enc(roomId)}/open`),
  end: (roomId: string) => api<Room>('POST', `/live/rooms/${enc(roomId)}/end`),
  addToBag: (roomId: string, productId: string) =>
    api<Room>('POST', `/live/rooms/${enc(roomId)}/bag`, { body: { productId } }),
  removeFromBag: (roomId: string, productId: string) =>
    api<Room>('DELETE', `/live/rooms/${enc(roomId)}/bag/${enc(productId)}`),
  pin: (roomId: string, productId: string | null) =>
    api<Room>('POST', `/live/rooms/${enc(roomId)}/pin`, { body: { productId } }),
  startSale: (roomId: string, body: FlashSaleInput) =>
    api<FlashSale>('POST', `/live/rooms/${enc(roomId)}/flash-sales`, { body }),
  buy: (saleId: string, quantity: number, addressId: string, idempotencyKey: string) =>
    api<SaleOrder>('POST', `/live/flash-sales/${enc(saleId)}/orders`, {
      body: { quantity, addressId },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  addCoupon: (roomId: string, body: { amountFen: number; minSpendFen: number; quantity: number }) =>
    api<Answer<'/api/v1/live/rooms/{roomId}/coupons', 'post'>>('POST', `/live/rooms/${enc(roomId)}/coupons`, { body }),
  claimCoupon: (couponId: string) =>
    api<Answer<'/api/v1/live/coupons/{couponId}/claim', 'post'>>('POST', `/live/coupons/${enc(couponId)}/claim`),
  addLuckyBag: (roomId: string, body: { keyword: string; prize: string; winners: number; drawAt: number }) =>
    api<LuckyBag>('POST', `/live/rooms/${enc(roomId)}/lucky-bags`, { body }),
  luckyBag: (bagId: string) => api<LuckyBagAudit>('GET', `/live/lucky-bags/${enc(bagId)}`),
  dashboard: (roomId: string) => api<RoomStats>('GET', `/live/rooms/${enc(roomId)}/dashboard`),
  streamKey: (roomId: string) =>
    api<Answer<'/api/v1/live/rooms/{roomId}/stream-key', 'post'>>('POST', `/live/rooms/${enc(roomId)}/stream-key`),
};

/** The room's WebSocket address on this page's origin (the session cookie rides along; `viewer` counts a signed-out viewer once). */
export function liveSocketUrl(
  roomId: string,
  viewer: string,
  location: { protocol: string; host: string } = window.location,
): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/v1/live/rooms/${enc(roomId)}/ws?viewer=${enc(viewer)}`;
}

/** The host's control panel on the room's channel: the same frames, not counted as a viewer. */
export function hostSocketUrl(roomId: string, location: { protocol: string; host: string } = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/v1/live/rooms/${enc(roomId)}/ws?as=host`;
}
