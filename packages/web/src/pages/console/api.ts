/** Console endpoints (merchant, creator, admin) over the shared request helper. */
import { api, ApiError, API_BASE } from '../../api/client';
import { getMe } from '../../api/endpoints';
import type { Answer } from '../../api/contract';

export type ShopRef = Answer<'/api/v1/merchant/shops', 'get'>['items'][number];
export type Dashboard = Answer<'/api/v1/merchant/shops/{shopId}/dashboard', 'get'>;
export type ProductCard = Answer<'/api/v1/merchant/shops/{shopId}/products', 'get'>['items'][number];
export type SkuRow = ProductFull['skus'][number];
export type ProductFull = Answer<'/api/v1/merchant/products/{productId}', 'get'>;
export type OrderLine = OrderSummary['lines'][number];
export type OrderSummary = Answer<'/api/v1/merchant/shops/{shopId}/orders', 'get'>['items'][number];
export type OrderDetail = Answer<'/api/v1/orders/{orderId}', 'get'>;
export type ShopProfile = Answer<'/api/v1/merchant/shops/{shopId}', 'get'>;
/** A category of the tree (GET /categories states it recursively; the admin answers state `children` loosely). */
export type Category = Answer<'/api/v1/categories', 'get'>['items'][number];
export type BatchShipReport = Answer<'/api/v1/merchant/shops/{shopId}/shipments/batch', 'post'>;
export type BatchResult = BatchShipReport['results'][number];
export type VideoCard = Answer<'/api/v1/videos/{videoId}/publish', 'post'>;
export type CreatorVideo = Answer<'/api/v1/me/videos', 'get'>['items'][number];
export type AdminUser = Answer<'/api/v1/admin/users', 'get'>['items'][number];
export type AdminShop = Answer<'/api/v1/admin/shops', 'get'>['items'][number];

// Money (ledger): balances, statements, settlements, payout accounts and payouts, the platform's accounts and reconciliation.
export type BalanceView = Answer<'/api/v1/admin/money/overview', 'get'>['items'][number];
export type StatementLine = Statement['items'][number];
export type Statement = Answer<'/api/v1/money/statement', 'get'>;
export type SettlementView = Answer<'/api/v1/money/shops/{shopId}/settlements', 'get'>['items'][number];
export type PayoutAccount = Answer<'/api/v1/money/payout-accounts', 'post'>;
export type Payout = Answer<'/api/v1/money/payouts', 'post'>;
export type PayoutKind = 'merchant' | 'creator' | 'mcn' | 'colonel';
export type ReconciliationReport = Answer<'/api/v1/admin/money/reconciliations', 'post'>;
export type Mismatch = ReconciliationReport['mismatches'][number];

const enc = encodeURIComponent;

export const moneyApi = {
  balances: () => api<Answer<'/api/v1/money/balances', 'get'>>('GET', '/money/balances').then((r) => r.items),
  statement: (account: string, cursor: string | null) =>
    api<Statement>('GET', '/money/statement', { query: { account, cursor, limit: 20 } }),
  /** Where the browser downloads the statement as CSV (a plain GET with the session cookie). */
  statementCsvUrl: (account: string) => `${API_BASE}/money/statement?account=${enc(account)}&format=csv`,
  settlements: (shopId: string, cursor: string | null) =>
    api<Answer<'/api/v1/money/shops/{shopId}/settlements', 'get'>>('GET', `/money/shops/${enc(shopId)}/settlements`, {
      query: { cursor, limit: 10 },
    }),
  payoutAccounts: (account: string) =>
    api<Answer<'/api/v1/money/payout-accounts', 'get'>>('GET', '/money/payout-accounts', { query: { account } }).then(
      (r) => r.items,
    ),
  registerPayoutAccount: (body: {
    kind: PayoutKind;
    shopId?: string;
    holderName: string;
    bank: string;
    accountNo: string;
  }) => api<PayoutAccount>('POST', '/money/payout-accounts', { body }),
  payouts: (account: string) =>
    api<Answer<'/api/v1/money/payouts', 'get'>>('GET', '/money/payouts', { query: { account } }).then((r) => r.items),
  requestPayout: (body: { payoutAccountId: string; amountFen: number; requestKey: string }) =>
    api<Payout>('POST', '/money/payouts', { body }),
  overview: () =>
    api<Answer<'/api/v1/admin/money/overview', 'get'>>('GET', '/admin/money/overview').then((r) => r.items),
  reconciliations: () =>
    api<Answer<'/api/v1/admin/money/reconciliations', 'get'>>('GET', '/admin/money/reconciliations').then(
      (r) => r.items,
    ),
  runReconciliation: () => api<ReconciliationReport>('POST', '/admin/money/reconciliations'),
};

export const consoleApi = {
  shops: () => api<Answer<'/api/v1/merchant/shops', 'get'>>('GET', '/merchant/shops'),
  dashboard: (shopId: string) => api<Dashboard>('GET', `/merchant/shops/${enc(shopId)}/dashboard`),
  products: (shopId: string, q: { status?: string; cursor?: string | null }) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}/products', 'get'>>('GET', `/merchant/shops/${enc(shopId)}/products`, {
      query: { limit: 10, ...q },
    }),
  product: (id: string) => api<ProductFull>('GET', `/merchant/products/${enc(id)}`),
  createProduct: (shopId: string, body: unknown) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}/products', 'post'>>('POST', `/merchant/shops/${enc(shopId)}/products`, {
      body,
    }),
  updateProduct: (id: string, body: { title: string; description?: string; categoryId?: string }) =>
    api<Answer<'/api/v1/merchant/products/{productId}', 'put'> | undefined>('PUT', `/merchant/products/${enc(id)}`, {
      body,
    }),
  setProductStatus: (id: string, status: string) =>
    api<void>('POST', `/merchant/products/${enc(id)}/status`, { body: { status } }),
  setSkuPrice: (skuId: string, priceFen: number) =>
    api<void>('PUT', `/merchant/skus/${enc(skuId)}/price`, { body: { priceFen } }),
  adjustStock: (skuId: string, delta: number) =>
    api<Answer<'/api/v1/merchant/skus/{skuId}/stock-adjustments', 'post'>>(
      'POST',
      `/merchant/skus/${enc(skuId)}/stock-adjustments`,
      { body: { delta } },
    ),
  orders: (shopId: string, q: { status?: string; cursor?: string | null }) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}/orders', 'get'>>('GET', `/merchant/shops/${enc(shopId)}/orders`, {
      query: { limit: 10, ...q },
    }),
  order: (id: string) => api<OrderDetail>('GET', `/orders/${enc(id)}`),
  carriers: () => api<Answer<'/api/v1/logistics/carriers', 'get'>>('GET', '/logistics/carriers').then((r) => r.items),
  ship: (orderId: string, parcels: Array<{ carrier: string; trackingNo: string; lineIds?: string[] }>) =>
    api<Answer<'/api/v1/merchant/orders/{orderId}/ship', 'post'>>('POST', `/merchant/orders/${enc(orderId)}/ship`, {
      body: { parcels },
    }),
  shop: (shopId: string) => api<ShopProfile>('GET', `/merchant/shops/${enc(shopId)}`),
  updateShop: (shopId: string, body: unknown) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}', 'put'>>('PUT', `/merchant/shops/${enc(shopId)}`, { body }),
  addStaff: (shopId: string, login: string) =>
    api<void>('POST', `/merchant/shops/${enc(shopId)}/staff`, { body: { login } }),
  categories: () => api<Answer<'/api/v1/categories', 'get'>>('GET', '/categories').then((r) => r.items),
  myVideos: (cursor: string | null, limit?: number) =>
    api<Answer<'/api/v1/me/videos', 'get'>>('GET', '/me/videos', { query: { cursor, limit } }),
  publishVideo: (id: string) => api<VideoCard>('POST', `/videos/${enc(id)}/publish`),
  autoCover: () => api<Answer<'/api/v1/me/videos/auto-cover', 'get'>>('GET', '/me/videos/auto-cover'),
  searchProducts: (q: string) =>
    api<Answer<'/api/v1/search/products', 'get'>>('GET', '/search/products', { query: { q, limit: 10 } }),
  listedProducts: () => api<Answer<'/api/v1/products', 'get'>>('GET', '/products', { query: { limit: 10 } }),
  findUsers: (login: string, cursor: string | null) =>
    api<Answer<'/api/v1/admin/users', 'get'>>('GET', '/admin/users', { query: { login, cursor, limit: 10 } }),
  setRole: (userId: string, role: string, on: boolean) =>
    api<AdminUser>(on ? 'PUT' : 'DELETE', `/admin/users/${enc(userId)}/roles/${enc(role)}`),
  adminShops: (cursor: string | null) =>
    api<Answer<'/api/v1/admin/shops', 'get'>>('GET', '/admin/shops', { query: { cursor, limit: 10 } }),
  createCategory: (body: unknown) =>
    api<Answer<'/api/v1/admin/categories', 'post'>>('POST', '/admin/categories', { body }),
  updateCategory: (id: string, body: unknown) => api<void>('PUT', `/admin/categories/${enc(id)}`, { body }),
};

/**
 * POST a multipart form (or a raw body) with upload progress: XMLHttpRequest, since fetch has
 * no upload progress. The CSRF token comes from GET /me (the shared client keeps its own private).
 */
export async function sendWithProgress<T>(
  path: string,
  body: FormData | Blob,
  onProgress?: (percent: number) => void,
  contentType?: string,
): Promise<T> {
  const session = await getMe();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', API_BASE + path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (session?.csrfToken) xhr.setRequestHeader('x-csrf-token', session.csrfToken);
    if (contentType) xhr.setRequestHeader('content-type', contentType);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'network error'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const e = (data as { error?: { code: string; message: string; details?: Record<string, unknown> } } | undefined)
        ?.error;
      reject(new ApiError(xhr.status, e?.code ?? `HTTP_${xhr.status}`, e?.message ?? xhr.statusText, e?.details ?? {}));
    };
    xhr.send(body);
  });
}

export const uploadProductImage = (productId: string, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return sendWithProgress<Answer<'/api/v1/merchant/products/{productId}/images', 'post'>>(
    `/merchant/products/${enc(productId)}/images`,
    form,
  );
};

/** The batch-shipping template (the shop's orders waiting to ship, for Excel), downloaded by a plain GET. */
export const batchShipTemplateUrl = (shopId: string) =>
  `${API_BASE}/merchant/shops/${encodeURIComponent(shopId)}/shipments/batch/template.csv`;

export const batchShip = (shopId: string, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return sendWithProgress<BatchShipReport>(`/merchant/shops/${enc(shopId)}/shipments/batch`, form);
};
