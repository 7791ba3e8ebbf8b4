/** Request and response shapes of the /api/v1 HTTP API (plain types, no runtime code). */
import type { Answer } from './contract';

export type User = Answer<'/api/v1/me', 'get'>['user'];
export type UserRole = User['roles'][number];
/** A session as GET /me answers it: the person and the CSRF token (null for a bearer-token client). */
export type Session = Answer<'/api/v1/me', 'get'>;
/** A browser's sign-in (cookie mode, the default): the person and the CSRF token to send on mutating calls. */
export type CookieSignIn = Extract<Answer<'/api/v1/auth/login', 'post'>, { csrfToken: string }>;
/** A product card in lists (shelf, search, favourites, a live room's bag). */
export type ProductSummary = Answer<'/api/v1/products', 'get'>['items'][number];
export type ProductDetail = Answer<'/api/v1/products/{productId}', 'get'>;
export type SpecOption = ProductDetail['specOptions'][number];
export type Sku = ProductDetail['skus'][number];
export type MerchantShop = Answer<'/api/v1/merchant/shops', 'get'>['items'][number];
export type MerchantOrder = Answer<'/api/v1/merchant/shops/{shopId}/orders', 'get'>['items'][number];

export type DemoLogin = Answer<'/api/v1/demo', 'get'>['logins'][number];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Attribution {
  source: string; // 'shelf' | 'video' | 'live' | …
  contentId?: string | null;
  creatorId?: string | null;
}

export interface LineInput {
  skuId: string;
  quantity: number;
  attribution: Attribution;
}

export type CheckoutResult = Answer<'/api/v1/checkout', 'post'>;
