import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { pickSkuWithStock } from './support/demo.ts';
import { pickRegion } from './support/address.ts';
import { screen, useLanguage } from './support/screens.ts';
import { browserTest, useEnv } from './support/suite.ts';
import { waitForValue } from './support/wait.ts';

describe('scenario (a): a new shopper registers, swipes the feed, buys from a video and pays', () => {
  const env = useEnv();

  browserTest(env, 'register → feed → product sheet → checkout → cashier → order 待发货', async (page) => {
    const login = `e2e${Date.now().toString(36)}`;
    // Every accepted event batch of the session (the app flushes on its own schedule, so any batch may carry the impressions).
    const reportedTypes = new Set<string>();
    page.on('response', (res) => {
      if (res.url().endsWith('/api/v1/events') && res.request().method() === 'POST' && res.status() === 202) {
        for (const e of (res.request().postDataJSON() as { events: Array<{ type: string }> }).events)
          reportedTypes.add(e.type);
      }
    });

    // Register from the login page.
    await page.goto('/login?next=/app');
    await page.getByTestId('to-register').click();
    await page.waitForURL((url) => url.pathname === '/register');
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="displayName"]').fill('小试');
    await page.locator('input[name="password"]').fill('e2e-password-1');
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.waitForURL((url) => url.pathname === '/app');

    // 关注 with nobody followed yet: an empty state with the next step.
    await page.getByRole('tab', { name: '关注' }).click();
    await page.getByTestId('feed-empty').getByText('你关注的达人还没有发布作品').waitFor();
    await screen(page, 'feed-following-empty-zh');
    await page.getByTestId('feed-empty').getByRole('link', { name: '去看推荐' }).click();

    // The feed: one video at a time; arrow key and wheel go to the next one.
    const viewed = page.waitForResponse((res) => /\/api\/v1\/videos\/vid_[^/]+\/views$/.test(res.url()));
    const current = page.getByTestId('video-current');
    await current.waitFor();
    const first = await current.getAttribute('data-video-id');
    assert.ok(first, 'the feed shows a video');
    await page.waitForFunction(() => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid="video-current"] video');
      return v !== null && (v.readyState >= 2 || v.currentTime > 0);
    });
    await screen(page, 'feed-zh');
    assert.equal((await viewed).status(), 200, 'playback counts a view');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid="video-current"]')?.getAttribute('data-video-id') !== id,
      first,
    );
    const second = await current.getAttribute('data-video-id');
    await page.waitForTimeout(800); // past the wheel lock of the previous move
    await page.mouse.move(195, 400);
    await page.mouse.wheel(0, 300);
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid="video-current"]')?.getAttribute('data-video-id') !== id,
      second,
    );
    const seen = new Set([first, second, await current.getAttribute('data-video-id')]);
    assert.equal(seen.size, 3, 'three different videos were shown');

    // Find a video with a product card (小黄车) and open the product sheet over it.
    for (let i = 0; i < 10 && (await current.getByTestId('anchor-card').count()) === 0; i++) {
      const id = await current.getAttribute('data-video-id');
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(
        (prev) => document.querySelector('[data-testid="video-current"]')?.getAttribute('data-video-id') !== prev,
        id,
      );
    }
    const batch = page.waitForResponse(
      (res) => res.url().endsWith('/api/v1/events') && res.request().method() === 'POST',
      { timeout: 20_000 },
    );
    await current.getByTestId('anchor-card').click();
    const sheet = page.getByTestId('product-sheet');
    await sheet.getByTestId('sku-picker').waitFor();
    await pickSkuWithStock(page);
    await screen(page, 'product-sheet-zh');
    const reported = await batch;
    assert.equal(reported.status(), 202, 'the event batch is accepted');
    await waitForValue(
      async () => [...reportedTypes],
      (types) => types.includes('impression'),
      'the page to report an impression among its event batches',
    );
    assert.equal(new URL(page.url()).pathname, '/app', 'the product sheet opens without leaving the feed');

    // 加入购物车 keeps the shopper on the video; 立即购买 → checkout with a new address → 提交订单.
    await sheet.getByRole('button', { name: '加入购物车' }).click();
    await page.getByRole('status').getByText('已加入购物车').waitFor();
    await sheet.getByRole('button', { name: '立即购买' }).click();
    await page.waitForURL((url) => url.pathname === '/app/checkout');
    const form = page.getByTestId('address-form');
    await form.locator('input[name="name"]').fill('王小二');
    await form.locator('input[name="phone"]').fill('13812345678');
    await pickRegion(form, '浙江省', '杭州市', '西湖区');
    await form.locator('input[name="detail"]').fill('文三路 90 号 1 幢');
    await page.getByTestId('address-save').click();
    await page.getByTestId('checkout-address').getByText('王小二').waitFor();
    await page.getByTestId('checkout-shop').first().waitFor();
    await screen(page, 'checkout-zh');
    const placed = page.waitForResponse(
      (res) => res.url().endsWith('/api/v1/checkout') && res.request().method() === 'POST',
    );
    await page.getByTestId('submit-order').click();
    const response = await placed;
    assert.ok(response.status() < 300, `POST /checkout answered ${response.status()}`);
    assert.ok(response.request().headers()['idempotency-key'], 'the order is placed with an Idempotency-Key');

    // The sandbox cashier: once paid it returns to the order by itself.
    await page.waitForURL((url) => url.pathname.startsWith('/sandbox/cashier/'));
    await page.getByTestId('cashier-amount').waitFor();
    await screen(page, 'cashier-zh');
    await page.getByTestId('cashier-pay').click();
    await page.waitForURL((url) => url.pathname.startsWith('/app/orders/ord_'));
    const orderId = new URL(page.url()).pathname.split('/').pop()!;
    // The page asks again by itself until the provider's notification has marked the order paid.
    const status = page.getByTestId('order-detail').getByTestId('order-status');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="order-status"]')?.textContent === '待发货',
      undefined,
      { timeout: 30_000 },
    );
    assert.equal(await status.innerText(), '待发货');
    await page.getByTestId('promise').waitFor();
    await screen(page, 'order-detail-zh');

    // …and in the order list under 待发货.
    await page.goto('/app/orders?tab=paid');
    const card = page.locator(`[data-testid="order-card"][data-order-id="${orderId}"]`);
    await card.waitFor();
    assert.equal(await card.getByTestId('order-status').innerText(), '待发货');
    await screen(page, 'orders-zh');

    // The other main screens, in zh-CN and a few in English.
    await page.goto('/app/search?q=苹果');
    await page.getByTestId('search-results').waitFor();
    await page.waitForFunction(
      () =>
        document.querySelectorAll(
          '[data-testid="search-results"] [data-testid="product-card"], [data-testid="empty"], [data-testid="error"]',
        ).length > 0,
    );
    await screen(page, 'search-zh');
    await page.goto('/app/mall');
    await page.getByTestId('product-card').first().waitFor();
    await screen(page, 'mall-zh');
    await page.getByTestId('product-card').first().click();
    await page.getByTestId('shop-entry').click();
    await page.getByTestId('shop-header').getByRole('heading', { level: 2 }).waitFor();
    await page.getByTestId('product-card').first().waitFor();
    await screen(page, 'shop-zh');
    await page.goto('/app/me');
    await page.getByTestId('personalized-switch').waitFor();
    await screen(page, 'me-zh');
    await page.goto('/app/cart');
    await page.waitForSelector('[data-testid="cart-item"], [data-testid="empty"]');
    await screen(page, 'cart-zh');

    await useLanguage(page, 'en');
    await page.goto('/app/me');
    await page.getByTestId('personalized-switch').waitFor();
    await page.getByText('Personalised recommendations').first().waitFor();
    await screen(page, 'me-en');
    await page.goto(`/app/orders/${orderId}`);
    await page.getByTestId('order-detail').getByTestId('order-status').getByText('To ship').waitFor();
    await screen(page, 'order-detail-en');
    await page.goto('/app');
    await page.getByTestId('video-current').waitFor();
    await page.getByRole('tab', { name: 'For You' }).waitFor();
    await screen(page, 'feed-en');
    await useLanguage(page, 'zh-CN');
  });

  browserTest(
    env,
    'on a touch screen, a swipe up shows the next video and a swipe down the previous one',
    async (page) => {
      await page.goto('/app');
      const current = page.getByTestId('video-current');
      await current.waitFor();
      const first = await current.getAttribute('data-video-id');
      const swipe = (fromY: number, toY: number) =>
        page.evaluate(
          ([a, b]) => {
            // No helper functions in here: the page gets this code as a string.
            const el = document.querySelector('.slides')!;
            const start = new Touch({ identifier: 1, target: el, clientX: 200, clientY: a! });
            const end = new Touch({ identifier: 1, target: el, clientX: 200, clientY: b! });
            el.dispatchEvent(
              new TouchEvent('touchstart', { bubbles: true, touches: [start], changedTouches: [start] }),
            );
            el.dispatchEvent(new TouchEvent('touchend', { bubbles: true, touches: [], changedTouches: [end] }));
          },
          [fromY, toY],
        );
      await swipe(600, 200);
      await page.waitForFunction(
        (id) => document.querySelector('[data-testid="video-current"]')?.getAttribute('data-video-id') !== id,
        first,
      );
      await swipe(200, 600);
      await page.waitForFunction(
        (id) => document.querySelector('[data-testid="video-current"]')?.getAttribute('data-video-id') === id,
        first,
      );
    },
  );
});
