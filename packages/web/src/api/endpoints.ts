/** One function per API call the SPA makes. */
import { viewerHeaders } from './viewer';
import type { Answer } from './contract';
import { ApiError, api } from './client';
import { setCartCount } from '../lib/cart-count';
import type { Cart } from './shopper-types';
import type { CheckoutResult, DemoLogin, LineInput, ProductDetail, CookieSignIn, Session } from './types';

/** Demo logins, or null when the server has no demo data (404). */
export async function getDemoLogins(): Promise<DemoLogin[] | null> {
  try {
    const data = await api<Answer<'/api/v1/demo', 'get'>>('GET', '/demo');
    return data.logins ?? [];
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function login(loginName: string, password: string): Promise<CookieSignIn> {
  // The anonymous viewer id lets the server merge this device's feed profile into the account.
  return api<CookieSignIn>('POST', '/auth/login', { body: { login: loginName, password }, headers: viewerHeaders() });
}

export function logout(): Promise<void> {
  return api<void>('POST', '/auth/logout');
}

/** The current session, or null when not logged in (401). */
export async function getMe(): Promise<Session | null> {
  try {
    return await api<Answer<'/api/v1/me', 'get'>>('GET', '/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function listProducts(
  cursor: string | null,
  limit = 20,
  filter: { shopId?: string; categoryId?: string } = {},
): Promise<Answer<'/api/v1/products', 'get'>> {
  return api<Answer<'/api/v1/products', 'get'>>('GET', '/products', {
    query: { limit, cursor, shopId: filter.shopId, categoryId: filter.categoryId },
  });
}

export function getProduct(id: string): Promise<ProductDetail> {
  return api<ProductDetail>('GET', `/products/${encodeURIComponent(id)}`);
}

export async function putCartItem(line: LineInput): Promise<Cart> {
  const cart = await api<Cart>('PUT', '/cart/items', { body: line });
  setCartCount(cart.count);
  return cart;
}

export function checkout(items: LineInput[], idempotencyKey: string): Promise<CheckoutResult> {
  return api<CheckoutResult>('POST', '/checkout', {
    body: { items },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function listMerchantShops(): Promise<Answer<'/api/v1/merchant/shops', 'get'>> {
  return api<Answer<'/api/v1/merchant/shops', 'get'>>('GET', '/merchant/shops');
}

export function listMerchantOrders(
  shopId: string,
  cursor: string | null = null,
  limit = 20,
): Promise<Answer<'/api/v1/merchant/shops/{shopId}/orders', 'get'>> {
  return api<Answer<'/api/v1/merchant/shops/{shopId}/orders', 'get'>>(
    'GET',
    `/merchant/shops/${encodeURIComponent(shopId)}/orders`,
    {
      query: { limit, cursor },
    },
  );
}
