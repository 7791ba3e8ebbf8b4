/**
 * The API calls the shopper scenarios need outside the browser (from Node, with bearer tokens):
 * a buyer's paid order and the merchant shipping it, so these files do not depend on the consoles.
 */
import { waitFor } from './wait.ts';

export interface Caller {
  token: string;
  userId: string;
}

export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: 'manual',
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function loginToken(base: string, login: string, password: string): Promise<Caller> {
  const res = await call(base, 'POST', '/api/v1/auth/login', { body: { login, password, mode: 'token' } });
  return { token: res.token, userId: res.user.id };
}

export async function registerToken(
  base: string,
  login: string,
  password: string,
  displayName: string,
): Promise<Caller> {
  await call(base, 'POST', '/api/v1/auth/register', { body: { login, password, displayName, mode: 'token' } });
  return loginToken(base, login, password);
}

/** A SKU with stock of a product listed by one of the merchant's shops. */
export async function skuOfMerchant(base: string, merchant: Caller): Promise<{ shopId: string; skuId: string }> {
  const shops = await call(base, 'GET', '/api/v1/merchant/shops', { token: merchant.token });
  for (const shop of shops.items) {
    const products = await call(base, 'GET', `/api/v1/products?shopId=${shop.id}&limit=20`);
    for (const p of products.items) {
      const detail = await call(base, 'GET', `/api/v1/products/${p.id}`);
      const sku = detail.skus.find((s: { stock: number }) => s.stock > 0);
      if (sku) return { shopId: shop.id, skuId: sku.id };
    }
  }
  throw new Error('the demo merchant has no SKU with stock');
}

/** Places an order for one SKU and pays it in the sandbox cashier; resolves once the order is paid. */
export async function paidOrder(base: string, buyer: Caller, skuId: string): Promise<string> {
  const address = await call(base, 'POST', '/api/v1/me/addresses', {
    token: buyer.token,
    body: {
      name: '李四',
      phone: '13900000000',
      province: '上海市',
      city: '上海市',
      district: '浦东新区',
      detail: '世纪大道 100 号',
      isDefault: true,
    },
  });
  const result = await call(base, 'POST', '/api/v1/checkout', {
    token: buyer.token,
    headers: { 'Idempotency-Key': `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}` },
    body: { items: [{ skuId, quantity: 1 }], addressId: address.id },
  });
  const orderId: string = result.orders[0].id;
  const cashier = await fetch(base + result.payment.cashierUrl, {
    headers: { authorization: `Bearer ${buyer.token}` },
    redirect: 'manual',
  });
  const location = cashier.headers.get('location');
  if (!location) throw new Error(`the cashier URL answered ${cashier.status} without a redirect`);
  const paid = await fetch(new URL(location, base), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'outcome=paid',
    redirect: 'manual',
  });
  if (paid.status >= 400) throw new Error(`the sandbox cashier answered ${paid.status}`);
  await waitFor(
    async () => (await call(base, 'GET', `/api/v1/orders/${orderId}`, { token: buyer.token })).status === 'paid',
    'the order to be paid',
  );
  return orderId;
}

export async function ship(base: string, merchant: Caller, orderId: string, trackingNo: string): Promise<void> {
  await call(base, 'POST', `/api/v1/merchant/orders/${orderId}/ship`, {
    token: merchant.token,
    body: { parcels: [{ carrier: '顺丰速运', trackingNo }] },
  });
}
