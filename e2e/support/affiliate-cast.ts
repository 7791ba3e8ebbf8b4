/** The creator-economy scenario's people and fixtures, set up over the API from Node. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { demoLogin } from './demo.ts';
import { call, loginToken, registerToken, type Caller } from './shopper-api.ts';
import type { Env } from './suite.ts';

export const PASSWORD = 'e2e-password-affiliate';
const CLIP = new URL('../../packages/core/assets/demo-videos/orchard-oranges.mp4', import.meta.url);

export interface Cast {
  base: string;
  admin: Caller;
  merchant: Caller;
  merchantLogin: string;
  creator: Caller & { login: string };
  mcn: Caller & { login: string };
  colonel: Caller & { login: string };
  buyer: Caller & { login: string };
}

/** A fresh creator, MCN, colonel and buyer (so their pages show this flow's money only) and the demo merchant and admin. */
export async function cast(env: Env): Promise<Cast> {
  const base = env.server.url;
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const adminLogin = await demoLogin(env, 'admin');
  const admin = await loginToken(base, adminLogin.login, adminLogin.password);
  const merchantDemo = await demoLogin(env, 'merchant');
  const merchant = await loginToken(base, merchantDemo.login, merchantDemo.password);
  const person = async (prefix: string, name: string, role: string | null) => {
    const login = `${prefix}${tag}`;
    const who = await registerToken(base, login, PASSWORD, name);
    if (role) await call(base, 'PUT', `/api/v1/admin/users/${who.userId}/roles/${role}`, { token: admin.token });
    return { ...who, login };
  };
  return {
    base,
    admin,
    merchant,
    merchantLogin: merchantDemo.login,
    creator: await person('cr', '橙子达人', 'creator'),
    mcn: await person('mcn', '星河 MCN', 'mcn'),
    colonel: await person('col', '果园团长', 'colonel'),
    buyer: await person('buy', '带货买家', null),
  };
}

/** A listed product with stock of the demo merchant's first shop that no colonel activity carries yet. */
export async function productToPromote(
  c: Cast,
): Promise<{ shopId: string; productId: string; title: string; categoryId: string }> {
  const shops = await call(c.base, 'GET', '/api/v1/merchant/shops', { token: c.merchant.token });
  const shopId: string = shops.items[0].id;
  const products = await call(c.base, 'GET', `/api/v1/merchant/shops/${shopId}/products?status=listed&limit=50`, {
    token: c.merchant.token,
  });
  for (const p of products.items) {
    const plans = await call(c.base, 'GET', `/api/v1/merchant/shops/${shopId}/affiliate/plans?productId=${p.id}`, {
      token: c.merchant.token,
    });
    if (plans.items.some((x: { kind: string }) => x.kind === 'colonel' || x.kind === 'exclusive')) continue;
    const detail = await call(c.base, 'GET', `/api/v1/products/${p.id}`);
    if (detail.skus.some((s: { stock: number }) => s.stock > 2))
      return { shopId, productId: p.id, title: p.title, categoryId: p.categoryId };
  }
  throw new Error('the demo merchant has no listed product with stock outside colonel activities');
}

export async function uploadVideo(c: Cast, title: string): Promise<string> {
  const form = new FormData();
  form.append('title', title);
  form.append('publish', 'true');
  form.append('file', new Blob([await readFile(CLIP)], { type: 'video/mp4' }), 'clip.mp4');
  const res = await fetch(`${c.base}/api/v1/videos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.creator.token}`, accept: 'application/json' },
    body: form,
  });
  const body = (await res.json()) as { id: string };
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.id;
}

export async function logIn(page: Page, next: string, login: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

export async function pickOption(page: Page, select: string, label: string): Promise<void> {
  await page.getByTestId(select).click();
  await page.locator('.semi-select-option').filter({ hasText: label }).first().click();
}
