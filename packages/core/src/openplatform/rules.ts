/** The open platform's rules: method groups, the methods, app keys, token lifetimes and refresh. Pure. */

export const METHOD_GROUPS = ['orders', 'products', 'stock', 'logistics', 'aftersales'] as const;
export type MethodGroup = (typeof METHOD_GROUPS)[number];

export const APP_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type AppStatus = (typeof APP_STATUSES)[number];
export type AppKind = 'self' | 'tool';
export type AuthorizationStatus = 'active' | 'revoked';

/** Every method the gateway answers, with the group an app must have declared (null: token calls). */
export const METHODS = {
  'token.create': null,
  'token.refresh': null,
  'order.searchList': 'orders',
  'order.orderDetail': 'orders',
  'order.addOrderRemark': 'orders',
  'order.logisticsAdd': 'logistics',
  'order.logisticsAddMultiPack': 'logistics',
  'order.logisticsCompanyList': 'logistics',
  'order.logisticsEdit': 'logistics',
  'address.list': 'logistics',
  'sku.syncStock': 'stock',
  'sku.syncStockBatch': 'stock',
  'sku.stockNum': 'stock',
  'sku.list': 'products',
  'sku.editPrice': 'products',
  'product.listV2': 'products',
  'product.detail': 'products',
  'product.setOnline': 'products',
  'product.setOffline': 'products',
  'product.addV2': 'products',
  'product.editV2': 'products',
  'shop.getShopCategory': 'products',
  'afterSale.List': 'aftersales',
  'afterSale.Detail': 'aftersales',
  'afterSale.operate': 'aftersales',
} as const satisfies Record<string, MethodGroup | null>;
export type OpenMethod = keyof typeof METHODS;

const BY_LOWER = new Map(Object.keys(METHODS).map((m) => [m.toLowerCase(), m as OpenMethod]));

/** Names already resolved (every call resolves its path and its `method`; clients send a few distinct ones). */
const resolved = new Map<string, OpenMethod | null>();

/** The method a path or `method` value names, without regard to case (`afterSale/Operate` is afterSale.operate). */
export function resolveMethod(name: string): OpenMethod | null {
  let m = resolved.get(name);
  if (m === undefined) {
    m = BY_LOWER.get(name.replace(/^\//, '').replace(/\//g, '.').toLowerCase()) ?? null;
    if (resolved.size >= 1_000) resolved.clear();
    resolved.set(name, m);
  }
  return m;
}

export const isMethodGroup = (g: string): g is MethodGroup => (METHOD_GROUPS as readonly string[]).includes(g);

/** App keys are 19-digit numeric strings. */
export const APP_KEY_PATTERN = /^\d{19}$/;

/** A 19-digit app key from random bytes (first digit 7, as the platform's own keys). */
export function appKeyFrom(random: Buffer): string {
  let digits = '7';
  for (let i = 0; digits.length < 19; i++) digits += String(random[i % random.length]! % 10);
  return digits;
}

export const ACCESS_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;
export const REFRESH_TOKEN_TTL_MS = 14 * 24 * 3600 * 1000;
/** Refreshing in this last stretch of the access token issues new tokens; the old ones keep working this long. */
export const REFRESH_WINDOW_MS = 3600 * 1000;
export const AUTH_CODE_TTL_MS = 10 * 60 * 1000;

export type RefreshDecision = 'same' | 'renew_keep_old' | 'renew_drop_old' | 'refresh_expired';

/**
 * What token.refresh does: more than an hour before the access token expires it answers the same
 * tokens; in the last hour new ones (the old stay valid an hour more); after expiry new ones (the
 * old stop); after the refresh token's own expiry nothing.
 */
export function decideRefresh(now: number, accessExpiresAt: number, refreshExpiresAt: number): RefreshDecision {
  if (now >= refreshExpiresAt) return 'refresh_expired';
  if (now >= accessExpiresAt) return 'renew_drop_old';
  if (accessExpiresAt - now <= REFRESH_WINDOW_MS) return 'renew_keep_old';
  return 'same';
}

/** Per-app and per-app-and-method calls a second (with a burst of the same size). */
export const APP_QPS = 5_000;
export const METHOD_QPS = 2_000;
