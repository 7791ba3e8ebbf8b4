/** Console endpoints (merchant, creator, admin) over the shared request helper. */
import { api, ApiError, API_BASE } from '../../api/client';
import { getMe } from '../../api/endpoints';
import type { Page } from '../../api/types';
import type { OrderCompensation } from '../../api/shopper-types';
import type { Answer } from '../../api/contract';

export interface ShopRef {
  id: string;
  name: string;
  role: string;
}
export type Dashboard = Answer<'/api/v1/merchant/shops/{shopId}/dashboard', 'get'>;
export interface ProductCard {
  id: string;
  title: string;
  shopId: string;
  shopName: string;
  categoryId: string;
  priceFen: number;
  originalPriceFen: number | null;
  imageUrl: string | null;
  sales: number;
  status: string;
}
export interface SkuRow {
  id: string;
  specValues: string[];
  priceFen: number;
  originalPriceFen: number | null;
  stock: number;
}
export interface ProductFull {
  id: string;
  title: string;
  description: string;
  status: string;
  categoryId: string;
  specOptions: Array<{ name: string; values: string[] }>;
  skus: SkuRow[];
  images: string[];
}
export interface OrderLine {
  id: string;
  title: string;
  specValues: string[];
  unitPriceFen: number;
  quantity: number;
  lineTotalFen: number;
}
export interface OrderSummary {
  id: string;
  status: string;
  buyerName: string;
  itemsFen: number;
  shippingFeeFen: number;
  totalFen: number;
  createdAt: number;
  lines: OrderLine[];
}
export interface OrderDetail extends OrderSummary {
  address: Record<string, string>;
  note: string;
  paidAt: number | null;
  promise: { shipByHours: number };
  shipments: Array<{
    id: string;
    carrier: string;
    trackingNo: string;
    status: string;
    createdAt: number;
    lineIds: string[];
  }>;
  transitions: Array<{
    from: string;
    to: string;
    actorKind: string;
    reason: string;
    reasonCode?: string;
    reasonParams?: Record<string, string | number>;
    at: number;
  }>;
  refunds: Array<{ id: string; amountFen: number; status: string; reason: string }>;
  compensations?: OrderCompensation[];
}
export interface ShopProfile {
  id: string;
  name: string;
  description: string;
  origin: string;
  shippingFeeFen: number;
  freeShippingOverFen: number | null;
  status: string;
}
export interface Category {
  id: string;
  parentId: string | null;
  name: string;
  shipByHours: number;
  perishable: boolean;
  feeRateBp: number;
  children: Category[];
}
export type BatchShipReport = Answer<'/api/v1/merchant/shops/{shopId}/shipments/batch', 'post'>;
export type BatchResult = BatchShipReport['results'][number];
export interface VideoCard {
  id: string;
  title: string;
  caption: string;
  hashtags: string[];
  status: string;
  videoUrl: string;
  posterUrl: string | null;
  durationMs: number | null;
  anchors: Array<{ productId: string; title: string; priceFen: number; imageUrl: string | null }>;
  stats: { views: number; likes: number; comments: number; shares: number };
  publishedAt: number | null;
  createdAt: number;
}
export type CreatorVideo = VideoCard & { orders: number; gmvFen: number };
export type AdminUser = Answer<'/api/v1/admin/users', 'get'>['items'][number];
export type AdminShop = Answer<'/api/v1/admin/shops', 'get'>['items'][number];

// Money (ledger): balances, statements, settlements, payout accounts and payouts, the platform's accounts and reconciliation.
export type BalanceView = Answer<'/api/v1/admin/money/overview', 'get'>['items'][number];
export interface StatementLine {
  entryId: string;
  at: number;
  journalId: string;
  reason: string;
  refKind: string;
  refId: string;
  memo: string;
  amountFen: number;
  balanceFen: number;
}
export interface Statement {
  accountId: string;
  openingFen: number;
  items: StatementLine[];
  nextCursor: string | null;
}
export interface SettlementView {
  orderId: string;
  grossFen: number;
  feeFen: number;
  commissionFen: number;
  merchantFen: number;
  settledAt: number;
}
export interface PayoutAccount {
  id: string;
  ledgerAccountId: string;
  holderName: string;
  bank: string;
  accountNoMasked: string;
  createdAt: number;
}
export interface Payout {
  id: string;
  ledgerAccountId: string;
  payoutAccountId: string;
  amountFen: number;
  status: string;
  attempts: number;
  failure: string | null;
  createdAt: number;
  completedAt: number | null;
}
export type PayoutKind = 'merchant' | 'creator' | 'mcn' | 'colonel';
export type ReconciliationReport = Answer<'/api/v1/admin/money/reconciliations', 'post'>;
export type Mismatch = ReconciliationReport['mismatches'][number];

const enc = encodeURIComponent;

export const moneyApi = {
  balances: () => api<{ items: BalanceView[] }>('GET', '/money/balances').then((r) => r.items),
  statement: (account: string, cursor: string | null) =>
    api<Statement>('GET', '/money/statement', { query: { account, cursor, limit: 20 } }),
  /** Where the browser downloads the statement as CSV (a plain GET with the session cookie). */
  statementCsvUrl: (account: string) => `${API_BASE}/money/statement?account=${enc(account)}&format=csv`,
  settlements: (shopId: string, cursor: string | null) =>
    api<Page<SettlementView>>('GET', `/money/shops/${enc(shopId)}/settlements`, { query: { cursor, limit: 10 } }),
  payoutAccounts: (account: string) =>
    api<{ items: PayoutAccount[] }>('GET', '/money/payout-accounts', { query: { account } }).then((r) => r.items),
  registerPayoutAccount: (body: {
    kind: PayoutKind;
    shopId?: string;
    holderName: string;
    bank: string;
    accountNo: string;
  }) => api<PayoutAccount>('POST', '/money/payout-accounts', { body }),
  payouts: (account: string) =>
    api<{ items: Payout[] }>('GET', '/money/payouts', { query: { account } }).then((r) => r.items),
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
  shops: () => api<{ items: ShopRef[] }>('GET', '/merchant/shops'),
  dashboard: (shopId: string) => api<Dashboard>('GET', `/merchant/shops/${enc(shopId)}/dashboard`),
  products: (shopId: string, q: { status?: string; cursor?: string | null }) =>
    api<Page<ProductCard>>('GET', `/merchant/shops/${enc(shopId)}/products`, { query: { limit: 10, ...q } }),
  product: (id: string) => api<ProductFull>('GET', `/merchant/products/${enc(id)}`),
  createProduct: (shopId: string, body: unknown) =>
    api<{ id: string; warnings?: Array<{ term: string; matched: string; severity: string }> }>(
      'POST',
      `/merchant/shops/${enc(shopId)}/products`,
      { body },
    ),
  updateProduct: (id: string, body: { title: string; description?: string; categoryId?: string }) =>
    api<{ warnings: Array<{ term: string; matched: string; severity: string }> } | undefined>(
      'PUT',
      `/merchant/products/${enc(id)}`,
      { body },
    ),
  setProductStatus: (id: string, status: string) =>
    api<void>('POST', `/merchant/products/${enc(id)}/status`, { body: { status } }),
  setSkuPrice: (skuId: string, priceFen: number) =>
    api<void>('PUT', `/merchant/skus/${enc(skuId)}/price`, { body: { priceFen } }),
  adjustStock: (skuId: string, delta: number) =>
    api<{ stock: number }>('POST', `/merchant/skus/${enc(skuId)}/stock-adjustments`, { body: { delta } }),
  orders: (shopId: string, q: { status?: string; cursor?: string | null }) =>
    api<Page<OrderSummary>>('GET', `/merchant/shops/${enc(shopId)}/orders`, { query: { limit: 10, ...q } }),
  order: (id: string) => api<OrderDetail>('GET', `/orders/${enc(id)}`),
  carriers: () => api<Answer<'/api/v1/logistics/carriers', 'get'>>('GET', '/logistics/carriers').then((r) => r.items),
  ship: (orderId: string, parcels: Array<{ carrier: string; trackingNo: string; lineIds?: string[] }>) =>
    api<{ shipmentIds: string[]; status: string }>('POST', `/merchant/orders/${enc(orderId)}/ship`, {
      body: { parcels },
    }),
  shop: (shopId: string) => api<ShopProfile>('GET', `/merchant/shops/${enc(shopId)}`),
  updateShop: (shopId: string, body: unknown) => api<ShopProfile>('PUT', `/merchant/shops/${enc(shopId)}`, { body }),
  addStaff: (shopId: string, login: string) =>
    api<void>('POST', `/merchant/shops/${enc(shopId)}/staff`, { body: { login } }),
  categories: () =>
    api<{ items: Category[] } | Category[]>('GET', '/categories').then((r) => (Array.isArray(r) ? r : r.items)),
  myVideos: (cursor: string | null, limit?: number) =>
    api<Page<CreatorVideo>>('GET', '/me/videos', { query: { cursor, limit } }),
  publishVideo: (id: string) => api<VideoCard>('POST', `/videos/${enc(id)}/publish`),
  autoCover: () => api<{ kind: 'frame' | 'title_card' }>('GET', '/me/videos/auto-cover'),
  searchProducts: (q: string) => api<Page<ProductCard>>('GET', '/search/products', { query: { q, limit: 10 } }),
  listedProducts: () => api<Page<ProductCard>>('GET', '/products', { query: { limit: 10 } }),
  findUsers: (login: string, cursor: string | null) =>
    api<Page<AdminUser>>('GET', '/admin/users', { query: { login, cursor, limit: 10 } }),
  setRole: (userId: string, role: string, on: boolean) =>
    api<AdminUser>(on ? 'PUT' : 'DELETE', `/admin/users/${enc(userId)}/roles/${enc(role)}`),
  adminShops: (cursor: string | null) => api<Page<AdminShop>>('GET', '/admin/shops', { query: { cursor, limit: 10 } }),
  createCategory: (body: unknown) => api<Category>('POST', '/admin/categories', { body }),
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
    if (session) xhr.setRequestHeader('x-csrf-token', session.csrfToken);
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
  return sendWithProgress<{ url?: string }>(`/merchant/products/${enc(productId)}/images`, form);
};

/** The batch-shipping template (the shop's orders waiting to ship, for Excel), downloaded by a plain GET. */
export const batchShipTemplateUrl = (shopId: string) =>
  `${API_BASE}/merchant/shops/${encodeURIComponent(shopId)}/shipments/batch/template.csv`;

export const batchShip = (shopId: string, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return sendWithProgress<BatchShipReport>(`/merchant/shops/${enc(shopId)}/shipments/batch`, form);
};
