/** Shapes and look-ups of the server's demo data, read through the public API. */
import type { Page } from 'playwright-core';
import type { Env } from './suite.ts';

export interface DemoLogin {
  role: string;
  login: string;
  password: string;
  displayName: string;
}

export async function demoLogins(env: Env): Promise<DemoLogin[]> {
  const res = await env.api<{ logins: DemoLogin[] }>('/api/v1/demo');
  if (res.status !== 200)
    throw new Error(`GET /api/v1/demo answered ${res.status}; the e2e suite needs the demo data (CI=true)`);
  return res.body.logins;
}

export async function demoLogin(env: Env, role: string): Promise<DemoLogin> {
  const found = (await demoLogins(env)).find((l) => l.role === role);
  if (!found) throw new Error(`no demo login for role ${role}`);
  return found;
}

/** GET a JSON API path from inside the page, with its session cookie. */
export async function pageApi<T = unknown>(page: Page, path: string): Promise<{ status: number; body: T }> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }, path);
}

/** On a product page: choose, for every spec option, the first chip that has stock. */
export async function pickSkuWithStock(page: Page): Promise<string[]> {
  await page.getByTestId('sku-picker').waitFor();
  const picked: string[] = [];
  const options = page.locator('.sku-option');
  const count = await options.count();
  for (let i = 0; i < count; i++) {
    const option = options.nth(i);
    const pressed = option.locator('[data-testid="sku-chip"][aria-pressed="true"]');
    if ((await pressed.count()) > 0) {
      picked.push((await pressed.first().innerText()).trim());
      continue;
    }
    const chip = option.locator('[data-testid="sku-chip"]:not([disabled])').first();
    picked.push((await chip.innerText()).trim());
    await chip.click();
    await option.locator('[data-testid="sku-chip"][aria-pressed="true"]').first().waitFor();
  }
  return picked;
}

/**
 * In an open product sheet: a SKU with stock, 立即购买, the order submitted to the buyer's default
 * address (shown by its name), paid in the sandbox cashier, which returns to the order. Returns its id.
 */
export async function buyFromSheet(page: Page, sheetTestId: string, addressName: string): Promise<string> {
  const sheet = page.getByTestId(sheetTestId);
  await pickSkuWithStock(page);
  await sheet.getByRole('button', { name: '立即购买' }).click();
  await page.waitForURL((url) => url.pathname === '/app/checkout');
  await page.getByTestId('checkout-address').getByText(addressName).waitFor();
  await page.getByTestId('submit-order').click();
  await page.waitForURL((url) => url.pathname.startsWith('/sandbox/cashier/'));
  await page.getByTestId('cashier-pay').click();
  await page.waitForURL((url) => url.pathname.startsWith('/app/orders/ord_')); // the cashier returns to the order by itself
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}
