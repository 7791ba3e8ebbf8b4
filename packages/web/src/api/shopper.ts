/** The shopper app's API calls beyond the foundation ones in endpoints.ts. */
import { api } from './client';
import type { Answer } from './contract';
import type { CheckoutResult, LineInput, Page, Session } from './types';
import type {
  Address,
  AddressInput,
  Cart,
  Category,
  Comment,
  FeedTab,
  OrderDetail,
  OrderStatus,
  OrderSummary,
  Profile,
  Settings,
  ShopInfo,
  VideoCard,
} from './shopper-types';
import { viewerHeaders } from './viewer';
import { setCartCount } from '../lib/cart-count';

const enc = encodeURIComponent;

export function register(login: string, password: string, displayName: string): Promise<Session> {
  return api<Session>('POST', '/auth/register', { body: { login, password, displayName } });
}

// Content and feed
export function getFeed(tab: FeedTab, cursor: string | null, limit = 8): Promise<Page<VideoCard>> {
  return api<Page<VideoCard>>('GET', '/feed', { query: { tab, cursor, limit }, headers: viewerHeaders() });
}
export function getVideo(id: string): Promise<VideoCard> {
  return api<VideoCard>('GET', `/videos/${enc(id)}`);
}
export function likeVideo(id: string, like: boolean): Promise<{ liked: boolean; likes: number }> {
  return api(like ? 'POST' : 'DELETE', `/videos/${enc(id)}/like`);
}
export function followUser(userId: string, follow: boolean): Promise<{ followed: boolean; followers: number }> {
  return api(follow ? 'POST' : 'DELETE', `/users/${enc(userId)}/follow`);
}
export function listComments(videoId: string, cursor: string | null, limit = 20): Promise<Page<Comment>> {
  return api<Page<Comment>>('GET', `/videos/${enc(videoId)}/comments`, { query: { cursor, limit } });
}
export function postComment(videoId: string, text: string, parentId?: string): Promise<Comment> {
  return api<Comment>('POST', `/videos/${enc(videoId)}/comments`, { body: parentId ? { text, parentId } : { text } });
}
export function shareVideo(videoId: string): Promise<{ shareUrl: string; shares: number }> {
  return api('POST', `/videos/${enc(videoId)}/shares`);
}
export function countView(videoId: string): Promise<{ views: number }> {
  return api('POST', `/videos/${enc(videoId)}/views`, { headers: viewerHeaders() });
}
export function getProfile(userId: string): Promise<Profile> {
  return api<Profile>('GET', `/users/${enc(userId)}/profile`);
}
export function listUserVideos(userId: string, cursor: string | null): Promise<Page<VideoCard>> {
  return api<Page<VideoCard>>('GET', `/users/${enc(userId)}/videos`, { query: { cursor } });
}
export function getSettings(): Promise<Settings> {
  return api<Settings>('GET', '/me/settings');
}
export function putSettings(settings: Settings): Promise<Settings> {
  return api<Settings>('PUT', '/me/settings', { body: settings });
}

// Search and shelf
export function suggest(q: string): Promise<{ items: string[] }> {
  return api<{ items: string[] }>('GET', '/search/suggest', { query: { q } });
}
export function getShop(shopId: string): Promise<ShopInfo> {
  return api<ShopInfo>('GET', `/shops/${enc(shopId)}`);
}
/** A shop page's header: the shop, how many products it has listed and how many it has sold. */
export function getShopSummary(shopId: string): Promise<{ shop: ShopInfo; products: number; totalSales: number }> {
  return api<{ shop: ShopInfo; products: number; totalSales: number }>('GET', `/shops/${enc(shopId)}/summary`);
}
export function listCategories(): Promise<{ items: Category[] }> {
  return api<{ items: Category[] }>('GET', '/categories');
}

// Addresses, cart, orders
export function listAddresses(): Promise<{ items: Address[] }> {
  return api<{ items: Address[] }>('GET', '/me/addresses');
}
export function addAddress(input: AddressInput): Promise<Address> {
  return api<Address>('POST', '/me/addresses', { body: input });
}
export function updateAddress(id: string, input: AddressInput): Promise<Address> {
  return api<Address>('PUT', `/me/addresses/${encodeURIComponent(id)}`, { body: input });
}
function counted(cart: Cart): Cart {
  setCartCount(cart.count);
  return cart;
}
export async function getCart(): Promise<Cart> {
  return counted(await api<Cart>('GET', '/cart'));
}
export async function removeCartItem(skuId: string): Promise<Cart> {
  return counted(await api<Cart>('DELETE', `/cart/items/${enc(skuId)}`));
}
/** Ticks or unticks lines for 结算 (every line when skuIds is absent). */
export async function selectCartItems(skuIds: string[] | null, selected: boolean): Promise<Cart> {
  return counted(await api<Cart>('PUT', '/cart/selection', { body: { ...(skuIds ? { skuIds } : {}), selected } }));
}
/** Refreshes the 购物车 badge from the server. */
export async function refreshCartCount(): Promise<void> {
  setCartCount((await api<{ count: number }>('GET', '/cart/count')).count);
}
export function listOrders(status: OrderStatus | null, cursor: string | null, limit = 20): Promise<Page<OrderSummary>> {
  return api<Page<OrderSummary>>('GET', '/orders', { query: { status, cursor, limit } });
}
export function getOrder(orderId: string): Promise<OrderDetail> {
  return api<OrderDetail>('GET', `/orders/${enc(orderId)}`);
}
export function cancelOrder(orderId: string, reason: string): Promise<OrderDetail> {
  return api<OrderDetail>('POST', `/orders/${enc(orderId)}/cancel`, { body: { reason } });
}
export function confirmReceipt(orderId: string): Promise<OrderDetail> {
  return api<OrderDetail>('POST', `/orders/${enc(orderId)}/confirm-receipt`);
}
/** A payment of mine and its orders (status pending | succeeded | failed | closed). */
export function getPayment(paymentId: string): Promise<Answer<'/api/v1/payments/{paymentId}', 'get'>> {
  return api('GET', `/payments/${enc(paymentId)}`);
}
/** The cashier page of a payment (the server answers with a 302 to the sandbox cashier). */
export function cashierUrl(paymentId: string): string {
  return `/api/v1/payments/${enc(paymentId)}/cashier`;
}

/** 提交订单: one order per shop; the Idempotency-Key makes a retried submit place them once. Without items, the cart's selected lines are bought (and leave the cart). */
export function placeOrder(
  items: LineInput[] | null,
  addressId: string,
  note: string,
  idempotencyKey: string,
  couponId: string | null = null,
): Promise<CheckoutResult> {
  return api<CheckoutResult>('POST', '/checkout', {
    body: { ...(items ? { items } : {}), addressId, ...(note ? { note } : {}), ...(couponId ? { couponId } : {}) },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** Live coupons I claimed and can still spend (GET /me/live-coupons). */
export function myLiveCoupons(): Promise<{ items: LiveCoupon[] }> {
  return api('GET', '/me/live-coupons');
}

export interface LiveCoupon {
  couponId: string;
  roomId: string;
  roomTitle: string;
  amountFen: number;
  minSpendFen: number;
  productIds: string[];
  validUntil: number | null;
}
