/** The shopper app's API calls beyond the foundation ones in endpoints.ts. */
import { api } from './client';
import type { Answer } from './contract';
import type { CheckoutResult, CookieSignIn, LineInput } from './types';
import type {
  Address,
  AddressInput,
  Cart,
  Comment,
  FeedTab,
  OrderDetail,
  OrderStatus,
  Profile,
  Settings,
  ShopInfo,
  VideoCard,
} from './shopper-types';
import { viewerHeaders } from './viewer';
import { setCartCount } from '../lib/cart-count';

const enc = encodeURIComponent;

export function register(login: string, password: string, displayName: string): Promise<CookieSignIn> {
  return api<CookieSignIn>('POST', '/auth/register', { body: { login, password, displayName } });
}

// Content and feed
export function getFeed(tab: FeedTab, cursor: string | null, limit = 8): Promise<Answer<'/api/v1/feed', 'get'>> {
  return api<Answer<'/api/v1/feed', 'get'>>('GET', '/feed', {
    query: { tab, cursor, limit },
    headers: viewerHeaders(),
  });
}
export function getVideo(id: string): Promise<VideoCard> {
  return api<VideoCard>('GET', `/videos/${enc(id)}`);
}
export function likeVideo(id: string, like: boolean): Promise<Answer<'/api/v1/videos/{videoId}/like', 'post'>> {
  return api(like ? 'POST' : 'DELETE', `/videos/${enc(id)}/like`);
}
export function followUser(userId: string, follow: boolean): Promise<Answer<'/api/v1/users/{userId}/follow', 'post'>> {
  return api(follow ? 'POST' : 'DELETE', `/users/${enc(userId)}/follow`);
}
export function listComments(
  videoId: string,
  cursor: string | null,
  limit = 20,
): Promise<Answer<'/api/v1/videos/{videoId}/comments', 'get'>> {
  return api<Answer<'/api/v1/videos/{videoId}/comments', 'get'>>('GET', `/videos/${enc(videoId)}/comments`, {
    query: { cursor, limit },
  });
}
export function postComment(videoId: string, text: string, parentId?: string): Promise<Comment> {
  return api<Comment>('POST', `/videos/${enc(videoId)}/comments`, { body: parentId ? { text, parentId } : { text } });
}
export function shareVideo(videoId: string): Promise<Answer<'/api/v1/videos/{videoId}/shares', 'post'>> {
  return api('POST', `/videos/${enc(videoId)}/shares`);
}
export function countView(videoId: string): Promise<Answer<'/api/v1/videos/{videoId}/views', 'post'>> {
  return api('POST', `/videos/${enc(videoId)}/views`, { headers: viewerHeaders() });
}
export function getProfile(userId: string): Promise<Profile> {
  return api<Profile>('GET', `/users/${enc(userId)}/profile`);
}
export function listUserVideos(
  userId: string,
  cursor: string | null,
): Promise<Answer<'/api/v1/users/{userId}/videos', 'get'>> {
  return api<Answer<'/api/v1/users/{userId}/videos', 'get'>>('GET', `/users/${enc(userId)}/videos`, {
    query: { cursor },
  });
}
export function getSettings(): Promise<Settings> {
  return api<Settings>('GET', '/me/settings');
}
export function putSettings(settings: Settings): Promise<Settings> {
  return api<Settings>('PUT', '/me/settings', { body: settings });
}

// Search and shelf
export function suggest(q: string): Promise<Answer<'/api/v1/search/suggest', 'get'>> {
  return api<Answer<'/api/v1/search/suggest', 'get'>>('GET', '/search/suggest', { query: { q } });
}
export function getShop(shopId: string): Promise<ShopInfo> {
  return api<ShopInfo>('GET', `/shops/${enc(shopId)}`);
}
/** A shop page's header: the shop, how many products it has listed and how many it has sold. */
export function getShopSummary(shopId: string): Promise<Answer<'/api/v1/shops/{shopId}/summary', 'get'>> {
  return api<Answer<'/api/v1/shops/{shopId}/summary', 'get'>>('GET', `/shops/${enc(shopId)}/summary`);
}
export function listCategories(): Promise<Answer<'/api/v1/categories', 'get'>> {
  return api<Answer<'/api/v1/categories', 'get'>>('GET', '/categories');
}

// Addresses, cart, orders
export function listAddresses(): Promise<Answer<'/api/v1/me/addresses', 'get'>> {
  return api<Answer<'/api/v1/me/addresses', 'get'>>('GET', '/me/addresses');
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
  setCartCount((await api<Answer<'/api/v1/cart/count', 'get'>>('GET', '/cart/count')).count);
}
export function listOrders(
  status: OrderStatus | null,
  cursor: string | null,
  limit = 20,
): Promise<Answer<'/api/v1/orders', 'get'>> {
  return api<Answer<'/api/v1/orders', 'get'>>('GET', '/orders', { query: { status, cursor, limit } });
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
export function myLiveCoupons(): Promise<Answer<'/api/v1/me/live-coupons', 'get'>> {
  return api('GET', '/me/live-coupons');
}

export type LiveCoupon = Answer<'/api/v1/me/live-coupons', 'get'>['items'][number];
