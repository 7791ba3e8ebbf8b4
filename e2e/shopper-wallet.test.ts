import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { demoLogin } from './support/demo.ts';
import { screen, useLanguage } from './support/screens.ts';
import { call, loginToken, registerToken, type Caller } from './support/shopper-api.ts';
import { browserTest, useEnv } from './support/suite.ts';
import { waitForValue } from './support/wait.ts';

const PHONE = { width: 390, height: 844 };
const PASSWORD = 'e2e-wallet-password';

interface Stocked {
  id: string;
  title: string;
  sku: { id: string; priceFen: number };
}

/** Listed products of the demo merchant's first shop with a SKU of ¥10 or more in stock. */
async function stockedProducts(base: string, shopId: string, n: number): Promise<Stocked[]> {
  const out: Stocked[] = [];
  const products = await call(base, 'GET', `/api/v1/products?shopId=${shopId}&limit=30`);
  for (const p of products.items) {
    const detail = await call(base, 'GET', `/api/v1/products/${p.id}`);
    const sku = detail.skus.find((s: { stock: number; priceFen: number }) => s.stock > 5 && s.priceFen >= 1000);
    if (sku) out.push({ id: p.id, title: detail.title, sku });
    if (out.length === n) return out;
  }
  throw new Error(`the demo shop has fewer than ${n} products in stock`);
}

async function newBuyer(base: string, prefix: string): Promise<Caller & { login: string }> {
  const login = `${prefix}${Date.now().toString(36)}`;
  const buyer = await registerToken(base, login, PASSWORD, '钱包测试');
  await call(base, 'POST', '/api/v1/me/addresses', {
    token: buyer.token,
    body: {
      name: '赵六',
      phone: '13700000001',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 6 号',
      isDefault: true,
    },
  });
  return { ...buyer, login };
}

async function logIn(page: Page, login: string, next: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

/** 提交订单 → the sandbox cashier → 确认支付: the cashier goes back to the order by itself, which shows 待发货 once the notification arrives. */
async function payAndReturn(page: Page): Promise<string> {
  await page.getByTestId('submit-order').click();
  await page.waitForURL((url) => url.pathname.startsWith('/sandbox/cashier/'));
  await page.getByTestId('cashier-pay').click();
  await page.waitForURL(
    (url) => url.pathname.startsWith('/app/orders/ord_') && url.searchParams.get('from') === 'cashier',
    { timeout: 15_000 },
  );
  const detail = page.getByTestId('order-detail');
  await detail.waitFor();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="order-status"]')?.textContent === '待发货',
    undefined,
    { timeout: 30_000 },
  );
  assert.equal(await detail.getByTestId('pay-return').getAttribute('data-state'), 'paid');
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

describe('the shopper’s wallet: live coupons, favourites, cart selection and the cashier’s return', () => {
  const env = useEnv();

  browserTest(
    env,
    'a claimed live coupon stays 已领取 after a reload, sits under 我 → 优惠券 可使用, comes off at checkout and moves to 已使用 with its order',
    async (page) => {
      const base = env().server.url;
      const merchantLogin = await demoLogin(env(), 'merchant');
      const merchant = await loginToken(base, merchantLogin.login, merchantLogin.password);
      const shopId: string = (await call(base, 'GET', '/api/v1/merchant/shops', { token: merchant.token })).items[0].id;
      const [product] = await stockedProducts(base, shopId, 1);
      const room = await call(base, 'POST', '/api/v1/live/rooms', {
        token: merchant.token,
        body: { title: '钱包直播 · e2e', shopId },
      });
      await call(base, 'POST', `/api/v1/live/rooms/${room.id}/open`, { token: merchant.token });
      await call(base, 'POST', `/api/v1/live/rooms/${room.id}/bag`, {
        token: merchant.token,
        body: { productId: product!.id },
      });
      const coupon = await call(base, 'POST', `/api/v1/live/rooms/${room.id}/coupons`, {
        token: merchant.token,
        body: { amountFen: 300, minSpendFen: 2000, quantity: 50 },
      });
      const buyer = await newBuyer(base, 'wallet');
      await call(base, 'PUT', '/api/v1/cart/items', {
        token: buyer.token,
        body: { skuId: product!.sku.id, quantity: 2, attribution: { source: 'live', contentId: room.id } },
      });

      await logIn(page, buyer.login, `/app/live/${room.id}`);
      const chip = page.getByTestId('live-coupon').first();
      assert.match(await chip.innerText(), /领取/);
      await chip.click();
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="live-coupon"]') as HTMLButtonElement | null)?.disabled === true,
      );
      await page.reload();
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="live-coupon"]') as HTMLButtonElement | null;
        return el?.disabled === true && el.textContent?.includes('已领取');
      });
      await screen(page, 'live-coupon-claimed-zh');

      // 我 → 优惠券: 可使用, with amount, threshold, scope and validity.
      await page.goto('/app/me');
      await page.getByTestId('me-coupons').click();
      await page.waitForURL((url) => url.pathname === '/app/me/coupons');
      const held = page.locator(`[data-testid="wallet-coupon"][data-coupon-id="${coupon.id}"]`);
      await held.waitFor();
      assert.equal(await held.getByTestId('wallet-amount').innerText(), '¥3.00');
      assert.match(await held.innerText(), /满¥20\.00可用/);
      assert.match(
        await held.getByTestId('wallet-scope').innerText(),
        new RegExp(product!.title.slice(0, 6).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      );
      assert.match(await held.getByTestId('wallet-validity').innerText(), /直播中可用/);
      await screen(page, 'wallet-usable-zh');
      await useLanguage(page, 'en');
      await held.waitFor();
      assert.match(await held.innerText(), /On orders over ¥20\.00/);
      await screen(page, 'wallet-usable-en');
      await useLanguage(page, 'zh-CN');

      // Checkout from the cart: the coupon comes off; paying returns to the order by itself.
      await page.goto('/app/checkout');
      await page.getByTestId('checkout-shop').first().getByTestId('coupon-off').waitFor();
      assert.equal((await page.getByTestId('coupon-off').first().innerText()).trim(), '-¥3.00');
      const orderId = await payAndReturn(page);
      assert.equal(
        (await page.getByTestId('order-discount').innerText()).replace(/\s+/g, ' ').trim(),
        '直播间券 -¥3.00',
      );

      // …and the coupon is under 已使用, with its order; 可使用 is empty.
      await page.goto('/app/me/coupons');
      await page.locator('[data-testid="wallet-list"][data-tab="usable"] [data-testid="empty"]').waitFor();
      await page.getByTestId('wallet-tabs').getByRole('tab', { name: '已使用' }).click();
      const used = page.locator(
        `[data-testid="wallet-list"][data-tab="used"] [data-testid="wallet-coupon"][data-coupon-id="${coupon.id}"]`,
      );
      await used.waitFor();
      assert.match(await used.getByTestId('wallet-validity').innerText(), /已使用/);
      await screen(page, 'wallet-used-zh');
      await used.getByTestId('wallet-order').click();
      await page.waitForURL((url) => url.pathname === `/app/orders/${orderId}`);
    },
  );

  browserTest(
    env,
    '收藏 on a product puts it under 我 → 收藏 with its count; the toggle survives a reload',
    async (page) => {
      const base = env().server.url;
      const merchantLogin = await demoLogin(env(), 'merchant');
      const merchant = await loginToken(base, merchantLogin.login, merchantLogin.password);
      const shopId: string = (await call(base, 'GET', '/api/v1/merchant/shops', { token: merchant.token })).items[0].id;
      const [, product] = await stockedProducts(base, shopId, 2);
      const before: number = (await call(base, 'GET', `/api/v1/products/${product!.id}`)).favourites;
      const buyer = await newBuyer(base, 'fav');

      await logIn(page, buyer.login, `/app/product/${product!.id}`);
      const toggle = page.getByTestId('favourite-toggle');
      await toggle.waitFor();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await toggle.click();
      // The star and the count come with the server's answer: wait for both, not for the star alone.
      await waitForValue(
        () =>
          toggle.evaluate((el) => ({ pressed: el.getAttribute('aria-pressed'), count: el.getAttribute('data-count') })),
        (seen) => seen.pressed === 'true' && seen.count === String(before + 1),
        `收藏 pressed with the product's count at ${before + 1}`,
      );
      await screen(page, 'product-favourited-zh');
      await page.reload();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="favourite-toggle"]')?.getAttribute('aria-pressed') === 'true',
      );

      await page.goto('/app/me');
      await page.getByTestId('me-favourites').click();
      await page.waitForURL((url) => url.pathname === '/app/me/favourites');
      await page.locator(`[data-testid="favourite-item"][data-product-id="${product!.id}"]`).waitFor();
      await screen(page, 'favourites-zh');
      await useLanguage(page, 'en');
      await page.locator(`[data-testid="favourite-item"][data-product-id="${product!.id}"]`).waitFor();
      await screen(page, 'favourites-en');
      await useLanguage(page, 'zh-CN');
    },
  );

  browserTest(
    env,
    'the cart pays only the ticked line, keeps the other, and its tab counts the lines',
    async (page) => {
      const base = env().server.url;
      const merchantLogin = await demoLogin(env(), 'merchant');
      const merchant = await loginToken(base, merchantLogin.login, merchantLogin.password);
      const shopId: string = (await call(base, 'GET', '/api/v1/merchant/shops', { token: merchant.token })).items[0].id;
      const [first, second] = await stockedProducts(base, shopId, 2);
      const buyer = await newBuyer(base, 'cartsel');
      await call(base, 'PUT', '/api/v1/cart/items', {
        token: buyer.token,
        body: { skuId: first!.sku.id, quantity: 1 },
      });

      // Adding from the product page moves the badge on the tab.
      await logIn(page, buyer.login, '/app/mall');
      const badge = page.getByTestId('bottom-nav').getByTestId('cart-badge');
      await page.waitForFunction(() => document.querySelector('[data-testid="cart-badge"]')?.textContent === '1');
      await page.goto(`/app/product/${second!.id}`);
      await page.getByTestId('sku-picker').waitFor();
      for (const option of await page.locator('.sku-option').all()) {
        if ((await option.locator('[data-testid="sku-chip"][aria-pressed="true"]').count()) === 0)
          await option.locator('[data-testid="sku-chip"]:not([disabled])').first().click();
      }
      const put = page.waitForResponse(
        (res) => res.url().endsWith('/api/v1/cart/items') && res.request().method() === 'PUT',
      );
      await page.getByRole('button', { name: '加入购物车' }).click();
      const added = (await (await put).json()) as {
        items: Array<{ skuId: string; priceFen: number; quantity: number }>;
      };
      const secondLine = added.items.find((i) => i.skuId !== first!.sku.id)!;
      await page.goto('/app/cart');
      await page.waitForFunction(() => document.querySelector('[data-testid="cart-badge"]')?.textContent === '2');

      // Untick the first line: the total and 去结算 count only the second.
      const firstLine = page.locator(`[data-testid="cart-item"][data-sku-id="${first!.sku.id}"]`);
      await firstLine.getByTestId('cart-item-check').click();
      const expected = secondLine.priceFen * secondLine.quantity;
      await page.waitForFunction(
        (fen) => document.querySelector('[data-testid="cart-bar"]')?.getAttribute('data-total-fen') === String(fen),
        expected,
      );
      assert.equal(await page.getByTestId('cart-select-all').isChecked(), false);
      await screen(page, 'cart-selection-zh');
      await useLanguage(page, 'en');
      await page.getByTestId('cart-bar').waitFor();
      await screen(page, 'cart-selection-en');
      await useLanguage(page, 'zh-CN');
      await page.getByTestId('cart-checkout').click();
      await page.waitForURL((url) => url.pathname === '/app/checkout');
      await page.getByTestId('checkout-shop').first().waitFor();
      assert.equal(
        await page.locator('[data-testid="checkout-shop"] .line').count(),
        1,
        'checkout receives only the ticked line',
      );

      const orderId = await payAndReturn(page);
      await screen(page, 'order-after-cashier-zh');
      const order = await call(base, 'GET', `/api/v1/orders/${orderId}`, { token: buyer.token });
      assert.deepEqual(
        order.lines.map((l: { skuId: string }) => l.skuId),
        [secondLine.skuId],
      );
      const cart = await call(base, 'GET', '/api/v1/cart', { token: buyer.token });
      assert.deepEqual(
        cart.items.map((i: { skuId: string }) => i.skuId),
        [first!.sku.id],
        'the unticked line stays in the cart',
      );
      await page.goto('/app/mall');
      await page.waitForFunction(() => document.querySelector('[data-testid="cart-badge"]')?.textContent === '1');
      assert.equal(await badge.innerText(), '1');
    },
  );
});
