import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { demoLogin } from './support/demo.ts';
import { screen } from './support/screens.ts';
import { call, loginToken, registerToken } from './support/shopper-api.ts';
import { browserTest, useEnv } from './support/suite.ts';
import { waitForAttribute } from './support/wait.ts';

const PHONE = { width: 390, height: 844 };

describe('live coupons: claimed in the room, spent at checkout', () => {
  const env = useEnv();

  browserTest(
    env,
    'a shopper claims the room’s coupon, checks out its product with the coupon taken off, and the order keeps the discount',
    async (page) => {
      const base = env().server.url;
      const merchantLogin = await demoLogin(env(), 'merchant');
      const merchant = await loginToken(base, merchantLogin.login, merchantLogin.password);
      // The demo shop goes live with one product in the bag and a coupon of ¥3 off ¥20.
      const shops = await call(base, 'GET', '/api/v1/merchant/shops', { token: merchant.token });
      const shopId: string = shops.items[0].id;
      const products = await call(base, 'GET', `/api/v1/products?shopId=${shopId}&limit=20`);
      let product: { id: string; sku: { id: string; priceFen: number } } | null = null;
      for (const p of products.items) {
        const detail = await call(base, 'GET', `/api/v1/products/${p.id}`);
        const sku = detail.skus.find((s: { stock: number; priceFen: number }) => s.stock > 5 && s.priceFen >= 1000);
        if (sku) {
          product = { id: p.id, sku };
          break;
        }
      }
      assert.ok(product, 'the demo shop has a product of ¥10 or more in stock');
      const room = await call(base, 'POST', '/api/v1/live/rooms', {
        token: merchant.token,
        body: { title: '领券直播 · e2e', shopId },
      });
      await call(base, 'POST', `/api/v1/live/rooms/${room.id}/open`, { token: merchant.token });
      await call(base, 'POST', `/api/v1/live/rooms/${room.id}/bag`, {
        token: merchant.token,
        body: { productId: product.id },
      });
      await call(base, 'POST', `/api/v1/live/rooms/${room.id}/coupons`, {
        token: merchant.token,
        body: { amountFen: 300, minSpendFen: 2000, quantity: 50 },
      });

      // A new shopper with an address and two units in the cart (over the ¥20 minimum).
      const login = `coupon${Date.now().toString(36)}`;
      const password = 'e2e-coupon-password';
      const buyer = await registerToken(base, login, password, '领券观众');
      await call(base, 'POST', '/api/v1/me/addresses', {
        token: buyer.token,
        body: {
          name: '王五',
          phone: '13700000000',
          province: '浙江省',
          city: '杭州市',
          district: '西湖区',
          detail: '文三路 2 号',
          isDefault: true,
        },
      });
      await call(base, 'PUT', '/api/v1/cart/items', {
        token: buyer.token,
        body: { skuId: product.sku.id, quantity: 2, attribution: { source: 'live', contentId: room.id } },
      });

      // In the room: 领券 on the coupon chip.
      await page.setViewportSize(PHONE);
      await page.goto(`/login?next=${encodeURIComponent(`/app/live/${room.id}`)}`);
      await page.locator('input[name="login"]').fill(login);
      await page.locator('input[name="password"]').fill(password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => url.pathname === `/app/live/${room.id}`);
      const chip = page.getByTestId('live-coupon').first();
      await chip.click();
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="live-coupon"]') as HTMLButtonElement | null)?.disabled === true,
      );

      // Checkout from the cart: the coupon is chosen by itself and comes off the total.
      await page.goto('/app/checkout');
      const shopSection = page.getByTestId('checkout-shop').first();
      await shopSection.getByTestId('coupon-off').waitFor();
      assert.equal((await shopSection.getByTestId('coupon-off').innerText()).trim(), '-¥3.00');
      const itemsFen = product.sku.priceFen * 2;
      const bar = page.getByTestId('checkout-bar');
      const shop = await call(base, 'GET', `/api/v1/shops/${shopId}`);
      const shippingFen =
        shop.freeShippingOverFen != null && itemsFen >= shop.freeShippingOverFen ? 0 : shop.shippingFeeFen;
      // The shipping fee comes with the shop's terms, a request of its own after the cart's lines: the
      // total reaches its value once both are in.
      const shownTotal = itemsFen - 300 + shippingFen;
      await waitForAttribute(
        bar,
        'data-total-fen',
        String(shownTotal),
        'the checkout total: the items less the ¥3 coupon, with shipping decided on the price before the coupon',
      );
      await screen(page, 'checkout-live-coupon-zh');
      // Choosing no coupon puts the ¥3 back; choosing it again takes it off.
      await shopSection.getByTestId('coupon-select').selectOption('');
      await page.waitForFunction(
        (t) => document.querySelector('[data-testid="checkout-bar"]')?.getAttribute('data-total-fen') === String(t),
        shownTotal + 300,
      );
      const couponId = await shopSection.locator('[data-testid="coupon-select"] option').nth(1).getAttribute('value');
      await shopSection.getByTestId('coupon-select').selectOption(couponId!);
      await page.waitForFunction(
        (t) => document.querySelector('[data-testid="checkout-bar"]')?.getAttribute('data-total-fen') === String(t),
        shownTotal,
      );

      await page.getByTestId('submit-order').click();
      await page.waitForURL((url) => url.pathname.startsWith('/sandbox/cashier/'));
      const orders = await call(base, 'GET', '/api/v1/orders', { token: buyer.token });
      const order = orders.items[0];
      assert.equal(order.discountFen, 300);
      assert.equal(order.itemsFen, itemsFen - 300);
      assert.equal(order.totalFen, shownTotal, 'the order charges the total the checkout page showed');
      const coupons = await call(base, 'GET', '/api/v1/me/live-coupons', { token: buyer.token });
      assert.deepEqual(coupons.items, [], 'the coupon is spent');

      await page.goto(`/app/orders/${order.id}`);
      assert.equal(
        (await page.getByTestId('order-discount').innerText()).replace(/\s+/g, ' ').trim(),
        '直播间券 -¥3.00',
      );
    },
  );
});
