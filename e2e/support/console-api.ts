/** Console scenarios' helpers: API calls with a bearer token from Node, a paid order, screenshots. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { demoLogin } from './demo.ts';
import { motionSettled } from './motion.ts';
import { ARTIFACTS_DIR } from './paths.ts';
import type { Env } from './suite.ts';
import { waitFor } from './wait.ts';

export async function call<T = unknown>(
  env: Env,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  } else if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  }
  const res = await fetch(env.server.url + path, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // HTML (the cashier) or a redirect
  }
  return { status: res.status, body: parsed as T };
}

export async function tokenFor(env: Env, role: string): Promise<string> {
  const who = await demoLogin(env, role);
  const res = await call<{ token: string }>(env, 'POST', '/api/v1/auth/login', {
    body: { login: who.login, password: who.password, mode: 'token' },
  });
  if (res.status !== 200) throw new Error(`login as ${who.login} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** The demo shopper buys one unit of a listed product of the demo merchant's first shop and pays in the sandbox cashier. */
export async function placePaidOrderForDemoMerchant(env: Env): Promise<{ orderId: string; shopId: string }> {
  const merchant = await tokenFor(env, 'merchant');
  const shopper = await tokenFor(env, 'shopper');
  const shops = await call<{ items: Array<{ id: string }> }>(env, 'GET', '/api/v1/merchant/shops', { token: merchant });
  const shopId = shops.body.items[0]!.id;
  const products = await call<{ items: Array<{ id: string }> }>(
    env,
    'GET',
    `/api/v1/products?shopId=${shopId}&limit=20`,
  );
  let skuId: string | null = null;
  for (const p of products.body.items) {
    const detail = await call<{ skus: Array<{ id: string; stock: number }> }>(env, 'GET', `/api/v1/products/${p.id}`);
    skuId = detail.body.skus.find((s) => s.stock > 0)?.id ?? null;
    if (skuId) break;
  }
  if (!skuId) throw new Error(`shop ${shopId} has no SKU in stock`);
  const placed = await call<{ orders: Array<{ id: string }>; payment: { id: string } }>(
    env,
    'POST',
    '/api/v1/checkout',
    {
      token: shopper,
      body: { items: [{ skuId, quantity: 1, attribution: { source: 'shelf' } }] },
      headers: { 'Idempotency-Key': `e2e-console-${Date.now()}` },
    },
  );
  if (placed.status !== 201) throw new Error(`checkout answered ${placed.status}: ${JSON.stringify(placed.body)}`);
  const orderId = placed.body.orders[0]!.id;
  const cashier = await call<{ cashierUrl: string }>(
    env,
    'GET',
    `/api/v1/payments/${placed.body.payment.id}/cashier?format=json`,
    { token: shopper },
  );
  const txn = String(cashier.body.cashierUrl).split('/').pop()!;
  const paid = await call(env, 'POST', `/sandbox/cashier/${txn}`, { form: { outcome: 'paid' } }); // the cashier page's pay button
  if (paid.status >= 400) throw new Error(`the sandbox cashier answered ${paid.status}`);
  await waitFor(
    async () =>
      (await call<{ status: string }>(env, 'GET', `/api/v1/orders/${orderId}`, { token: shopper })).body.status ===
      'paid',
    `order ${orderId} to be paid (the sandbox provider's notification)`,
  );
  return { orderId, shopId };
}

/** Saves .e2e-artifacts/screens/console-<name>.png (full page, desktop width). */
export async function screen(page: Page, name: string): Promise<void> {
  const dir = join(ARTIFACTS_DIR, 'screens');
  await mkdir(dir, { recursive: true });
  await motionSettled(page); // Semi's transitions have settled
  await page.screenshot({ path: join(dir, `console-${name}.png`), fullPage: true });
}

/** Switches the UI language through the console's top-bar button. */
export async function switchLanguage(page: Page, to: 'en' | 'zh-CN'): Promise<void> {
  const button = page.getByTestId('console-lang');
  const label = (await button.innerText()).trim();
  if ((to === 'en' && label === 'English') || (to === 'zh-CN' && label === '中文')) await button.click();
  await page.waitForFunction((lng) => document.documentElement.lang === lng, to);
}
