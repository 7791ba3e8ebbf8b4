/**
 * Every main screen of the shopper app at 390×844, as a new buyer walks through them: none may
 * scroll sideways, and nothing a person taps may lie under something else (support/layout.ts).
 * Each screen is saved as phone-<screen>-<lang>.png for review.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { fillAddress } from './support/address.ts';
import { pickSkuWithStock } from './support/demo.ts';
import { assertPhoneLayout, phoneLayoutProblems } from './support/layout.ts';
import { screen, useLanguage } from './support/screens.ts';
import { call, registerToken } from './support/shopper-api.ts';
import { browserTest, useEnv } from './support/suite.ts';
import { waitForPage } from './support/wait.ts';

const PHONE = { width: 390, height: 844 };

/** Checks the layout of the screen as it is and saves it as a screenshot. */
async function check(page: Page, name: string, lang: 'zh' | 'en' = 'zh'): Promise<void> {
  await page.waitForTimeout(300); // sheets rise and lists settle
  await assertPhoneLayout(page, `${name} (${lang})`);
  await screen(page, `phone-${name}-${lang}`);
}

describe('the shopper app fits a 390 px phone on every main screen', () => {
  const env = useEnv();

  browserTest(
    env,
    'feed, live, product, search, mall, shop, cart, checkout, cashier, orders, after-sales, 我 and addresses: nothing scrolls sideways or covers a tap',
    async (page) => {
      const base = env().server.url;
      await page.setViewportSize(PHONE);
      const login = `phone${Date.now().toString(36)}`;
      const password = 'e2e-phone-password';
      await registerToken(base, login, password, '手机用户');

      await page.goto('/login?next=%2Fapp');
      await page.locator('input[name="login"]').fill(login);
      await page.locator('input[name="password"]').fill(password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => url.pathname === '/app');

      // The feed, then the 直播中 sheet over it: a room in it is tapped, not the tab bar under it.
      await page.getByTestId('video-current').waitFor();
      await check(page, 'feed');
      const rooms = (await call(base, 'GET', '/api/v1/live/rooms?status=live')) as { items: Array<{ id: string }> };
      assert.ok(rooms.items.length > 0, 'the demo creator is on air');
      await page.getByTestId('live-entry').click({ timeout: 30_000 });
      await page.getByTestId('live-strip').waitFor();
      await check(page, 'live-list');
      await page.getByTestId('live-strip-room').first().click();
      await page.waitForURL((url) => url.pathname.startsWith('/app/live/'));

      // The live room, its flash sale's buy sheet (a new buyer: the address form inside), the bag and a product.
      await page.locator('[data-testid="live-room"][data-connection="open"]').waitFor();
      await check(page, 'live-room');
      const banner = page.locator('[data-testid="sale-banner"][data-phase="open"]');
      if ((await banner.count()) > 0) {
        await banner.getByTestId('sale-buy').click();
        await page.getByTestId('sale-buy-sheet').getByTestId('address-form').waitFor();
        await check(page, 'live-sale-sheet');
        await page.getByTestId('sale-buy-sheet').getByRole('button', { name: '关闭' }).click();
      }
      await page.getByTestId('bag-button').click();
      await page.getByTestId('bag-item').first().waitFor();
      await check(page, 'live-bag');
      const productId = (await page.getByTestId('bag-item').first().getAttribute('data-product-id'))!;
      await page.getByTestId('bag-sheet').getByRole('button', { name: '关闭' }).click();

      // The product page; a SKU goes to the cart.
      await page.goto(`/app/product/${encodeURIComponent(productId)}`);
      await pickSkuWithStock(page);
      await check(page, 'product');
      await page.getByRole('button', { name: '加入购物车' }).first().click();
      await page.getByRole('status').getByText('已加入购物车').waitFor();
      const product = (await call(base, 'GET', `/api/v1/products/${encodeURIComponent(productId)}`)) as {
        shop: { id: string };
      };

      await page.goto('/app/search?q=苹果');
      await page.getByTestId('search-results').waitFor();
      await page.waitForFunction(
        () =>
          document.querySelectorAll(
            '[data-testid="search-results"] [data-testid="product-card"], [data-testid="empty"], [data-testid="error"]',
          ).length > 0,
      );
      await check(page, 'search');
      await page.goto('/app/mall');
      await page.getByTestId('product-card').first().waitFor();
      await check(page, 'mall');
      await page.goto(`/app/shop/${encodeURIComponent(product.shop.id)}`);
      await page.getByTestId('shop-header').waitFor();
      await page.getByTestId('product-card').first().waitFor();
      await check(page, 'shop');
      await page.goto('/app/cart');
      await page.getByTestId('cart-item').first().waitFor();
      await check(page, 'cart');

      // Checkout: a new buyer meets the address form first; then the list with the form under it.
      await page.getByTestId('cart-bar').getByRole('button').last().click();
      await page.waitForURL((url) => url.pathname === '/app/checkout');
      const form = page.getByTestId('address-form');
      await form.waitFor();
      await page.getByTestId('checkout-shop').first().waitFor();
      await check(page, 'checkout-address-form');
      await fillAddress(form, {
        name: '周手机',
        phone: '13812345678',
        province: '广东省',
        city: '深圳市',
        district: '南山区',
        detail: '科技南十二路 2 号',
      });
      await page.getByTestId('address-save').click();
      const chosen = page.getByTestId('checkout-address').getByText('周手机');
      await chosen.waitFor();
      assert.ok(
        (await page.getByTestId('checkout-address').innerText()).includes('138****5678'),
        'the address shows the phone masked',
      );
      await chosen.click();
      await page.getByTestId('address-form').waitFor();
      await check(page, 'checkout-choose-address');
      await page.locator('.address-list input[type="radio"]').first().check();
      await page.getByTestId('submit-order').click();

      // The sandbox cashier, then the order.
      await page.waitForURL((url) => url.pathname.startsWith('/sandbox/cashier/'));
      await page.getByTestId('cashier-amount').waitFor();
      await check(page, 'cashier');
      await page.getByTestId('cashier-pay').click();
      await page.waitForURL((url) => url.pathname.startsWith('/app/orders/ord_')); // the cashier returns to the order by itself
      const orderId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      await page.getByTestId('order-detail').waitFor();
      await check(page, 'order-detail');
      await page.goto('/app/orders');
      await page.locator(`[data-testid="order-card"][data-order-id="${orderId}"]`).waitFor();
      await check(page, 'orders');

      // After-sales: a new case on the order, and the list of cases.
      await page.goto(`/app/orders/${encodeURIComponent(orderId)}/aftersales/new`);
      await page.locator('[data-testid="case-form"], [data-testid="case-form-unavailable"]').first().waitFor();
      await check(page, 'aftersales-new');
      await page.goto('/app/aftersales');
      await page.locator('[data-testid="cases-empty"], [data-testid="case-card"]').first().waitFor();
      await check(page, 'aftersales');

      // 我, with the personalisation switch, and 收货地址 with the edit form open.
      await page.goto('/app/me');
      await page.getByTestId('me').waitFor();
      await check(page, 'me');
      await page.getByTestId('personalized-switch').scrollIntoViewIfNeeded();
      await check(page, 'personalisation');
      // 我 → 优惠券 and 收藏, and search's other tabs (pinyin).
      await page.goto('/app/me/coupons');
      await page.getByTestId('wallet-list').waitFor();
      await check(page, 'coupons');
      await page.goto('/app/me/favourites');
      await page.locator('[data-testid="favourites"], [data-testid="empty"]').first().waitFor();
      await check(page, 'favourites');
      await page.goto('/app/search?q=cha&tab=videos');
      await page.getByTestId('search-videos').waitFor();
      await check(page, 'search-videos');
      await page.goto('/app/search?q=cha&tab=users');
      await page.getByTestId('search-people').waitFor();
      await check(page, 'search-users');
      await page.goto('/app/me/addresses');
      await page.getByTestId('address-item').first().waitFor();
      assert.ok(
        (await page.getByTestId('address-item').first().innerText()).includes('138****5678'),
        'the list masks the phone',
      );
      await check(page, 'addresses');
      await page.getByTestId('address-edit').first().click();
      const edit = page.getByTestId('address-form');
      assert.equal(
        await edit.locator('input[name="phone"]').inputValue(),
        '13812345678',
        'the owner’s edit form has the full number',
      );
      // The region picker fills its selects once the divisions data has loaded.
      await waitForPage(
        page,
        'the edit form’s 区县 select to show the saved 南山区 (the divisions data loaded)',
        () =>
          document.querySelector<HTMLSelectElement>('[data-testid="address-form"] select[name="district"]')
            ?.selectedOptions[0]?.textContent === '南山区',
      );
      await check(page, 'address-edit');

      // The screens with forms and sheets again in English.
      await useLanguage(page, 'en');
      await page.getByTestId('address-item').first().waitFor();
      await page.getByTestId('address-edit').first().click();
      await page.getByTestId('address-form').waitFor();
      await check(page, 'address-edit', 'en');
      await page.goto('/app/checkout');
      await page.getByTestId('checkout-address').waitFor();
      await page.locator('.address-current').click();
      await page.getByTestId('address-form').waitFor();
      await check(page, 'checkout-choose-address', 'en');
      await page.goto('/app/me');
      await page.getByTestId('me').waitFor();
      await check(page, 'me', 'en');
      await page.goto('/app');
      await page.getByTestId('video-current').waitFor();
      await page.getByTestId('live-entry').click({ timeout: 30_000 });
      await page.getByTestId('live-strip').waitFor();
      await check(page, 'live-list', 'en');
    },
    240_000,
  );

  browserTest(
    env,
    'the layout check itself: it reports a too-wide form and a covered button, and lets a scroller or a fixed bar pass',
    async (page) => {
      await page.setViewportSize(PHONE);
      await page.setContent(`<!doctype html><html><body style="margin:0">
      <form style="display:grid;grid-template-columns:1fr 1fr;gap:10px"><input size="40" data-testid="wide"><input size="40"></form>
      <div style="overflow-x:auto;white-space:nowrap"><button style="width:300px">a</button><button style="width:300px">b</button></div>
      <div style="height:750px"></div>
      <button data-testid="under-bar" style="display:block;height:20px">under the bar</button>
      <div style="height:600px"></div>
      <nav style="position:fixed;bottom:0;left:0;right:0;height:56px;background:#fff"></nav>
      <button data-testid="covered" style="position:fixed;top:200px;left:10px">tab</button>
      <div style="position:fixed;top:190px;left:0;width:200px;height:60px;background:red"></div>
    </body></html>`);
      const under = await page.getByTestId('under-bar').boundingBox();
      assert.ok(
        under && under.y > 844 - 56 && under.y + under.height < 844,
        `the button starts under the fixed bar (${JSON.stringify(under)})`,
      );
      const problems = await phoneLayoutProblems(page);
      const kinds = problems.map((p) => `${p.kind} ${p.element}`);
      assert.ok(
        kinds.some((k) => k.startsWith('document-wider-than-viewport')),
        kinds.join('\n'),
      );
      assert.ok(
        kinds.some((k) => k.startsWith('past-right-edge <input')),
        kinds.join('\n'),
      );
      assert.ok(
        kinds.some((k) => k.startsWith('covered <button data-testid="covered"')),
        kinds.join('\n'),
      );
      assert.ok(
        !kinds.some((k) => k.includes('"a"') || k.includes('"b"')),
        'buttons in a sideways scroller are not overflow',
      );
      assert.ok(
        !kinds.some((k) => k.includes('under-bar')),
        'a button under a fixed bar that scrolling uncovers is not covered',
      );
      await assert.rejects(assertPhoneLayout(page, 'synthetic'), /covered/);
    },
  );
});
