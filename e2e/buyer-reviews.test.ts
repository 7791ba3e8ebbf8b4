import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { demoLogin } from './support/demo.ts';
import { assertPhoneLayout } from './support/layout.ts';
import { screen, useLanguage } from './support/screens.ts';
import { call, loginToken, paidOrder, registerToken, ship, skuOfMerchant, type Caller } from './support/shopper-api.ts';
import { browserTest, useEnv, type Env } from './support/suite.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
// A 48×48 PNG (an orange with a spot): the buyer's photo.
const PHOTO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAvElEQVR42u3Yyw2AMAwDUE/COIzDJGzKhQ3g3lbCbRMTRKQM8FSp+RjneYQqJChB74CuHUwpQCRlmAVXygALGg1vgobCsyDWPJpgrtnWpS7eZAxqapqmbpCthjdBpiFNNiBSU5sokN/zMI8UHmT41UlQYUrQT0HDfcgRNNCp3UFds0wE4qe9DjS5HiUoQdYgvcll/fAFKU2OO7UvSGMSHYqTx+unQOFu+4jpR8R8KGiCFjFjDJrCZnCeoKJuAzOKHm8WKNUAAAAASUVORK5CYII=',
  'base64',
);
const PASSWORD = 'e2e-password-review';
const REVIEW_TEXT = '橙子个头匀称，汁水很足，包装没有磕碰';
const REPLY_TEXT = '谢谢亲的认可，欢迎常来';

interface Completed {
  login: string;
  buyer: Caller;
  merchant: Caller;
  shopId: string;
  orderId: string;
  lineId: string;
  productId: string;
}

/** A new buyer's order of one of the demo merchant's SKUs: paid, shipped and received over the API, so it is completed. */
async function completedOrder(env: Env, name: string, sku?: { shopId: string; skuId: string }): Promise<Completed> {
  const base = env.server.url;
  const login = `${name}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const buyer = await registerToken(base, login, PASSWORD, `评价买家${name}`);
  const m = await demoLogin(env, 'merchant');
  const merchant = await loginToken(base, m.login, m.password);
  const { shopId, skuId } = sku ?? (await skuOfMerchant(base, merchant));
  const orderId = await paidOrder(base, buyer, skuId);
  await ship(base, merchant, orderId, `SF${Date.now()}`);
  await call(base, 'POST', `/api/v1/orders/${orderId}/confirm-receipt`, { token: buyer.token });
  const order = await call<{ status: string; lines: Array<{ id: string; productId: string; skuId: string }> }>(
    base,
    'GET',
    `/api/v1/orders/${orderId}`,
    { token: buyer.token },
  );
  assert.equal(order.status, 'completed');
  return { login, buyer, merchant, shopId, orderId, lineId: order.lines[0]!.id, productId: order.lines[0]!.productId };
}

async function logIn(page: Page, next: string, login: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

describe('buyer reviews (商品评价)', () => {
  const env = useEnv();

  browserTest(
    env,
    'a buyer reviews a completed order with a photo, the product page shows the rating and that review first; the merchant replies in 商家后台 and the buyer sees it',
    async (page) => {
      const base = env().server.url;
      const a = await completedOrder(env(), 'rva');
      const skuId = (
        await call<{ lines: Array<{ skuId: string }> }>(base, 'GET', `/api/v1/orders/${a.orderId}`, {
          token: a.buyer.token,
        })
      ).lines[0]!.skuId;

      // The buyer opens the completed order and reviews its line: 4 stars for delivery, text and a photo.
      await page.setViewportSize(PHONE);
      await logIn(page, `/app/orders/${a.orderId}`, a.login);
      await page.getByTestId('line-review').waitFor();
      await assertPhoneLayout(page, 'order-review-entry');
      await page.getByTestId('line-review').click();
      await page.waitForURL((url) => url.pathname === `/app/orders/${a.orderId}/review`);
      const form = page.getByTestId('review-form');
      await form.getByTestId('stars-logistics-4').click();
      assert.equal(await form.getByTestId('stars-logistics').getAttribute('data-value'), '4');
      await form.getByTestId('review-text-input').fill(REVIEW_TEXT);
      await form
        .getByTestId('evidence-input')
        .setInputFiles({ name: 'orange.png', mimeType: 'image/png', buffer: PHOTO_PNG });
      await form.locator('[data-testid="evidence-preview"][data-status="done"]').waitFor();
      await assertPhoneLayout(page, 'review-form');
      await screen(page, 'review-form-zh');
      const posted = page.waitForResponse(
        (res) => res.url().endsWith('/api/v1/reviews') && res.request().method() === 'POST',
      );
      await form.getByTestId('review-submit').click();
      assert.equal((await posted).status(), 201);
      await page.waitForURL((url) => url.pathname === `/app/orders/${a.orderId}`);
      await page.getByTestId('line-reviewed').waitFor();
      await page.getByTestId('line-reviewed').scrollIntoViewIfNeeded();
      await screen(page, 'review-order-reviewed-zh');
      const mine = await call<{
        items: Array<{ id: string; stars: { product: number; logistics: number; service: number }; photos: string[] }>;
      }>(base, 'GET', '/api/v1/me/reviews', { token: a.buyer.token });
      const reviewId = mine.items[0]!.id;
      assert.deepEqual(mine.items[0]!.stars, { product: 5, logistics: 4, service: 5 });
      assert.equal(mine.items[0]!.photos.length, 1);

      // A second buyer of the same product reviews later without a photo (3 stars): the photo review still lists first.
      const b = await completedOrder(env(), 'rvb', { shopId: a.shopId, skuId });
      await call(base, 'POST', '/api/v1/reviews', {
        token: b.buyer.token,
        body: { orderLineId: b.lineId, productStars: 3, logisticsStars: 5, serviceStars: 5, text: '还行，有两个偏酸' },
      });
      // A second review of the same line is refused and changes nothing.
      const again = await fetch(`${base}/api/v1/reviews`, {
        method: 'POST',
        headers: { authorization: `Bearer ${a.buyer.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ orderLineId: a.lineId, productStars: 1, logisticsStars: 1, serviceStars: 1 }),
      });
      assert.equal(again.status, 409);

      const summary = (
        await call<{ summary: { count: number; rating: number; goodPercent: number } }>(
          base,
          'GET',
          `/api/v1/products/${a.productId}/reviews`,
        )
      ).summary;
      assert.ok(summary.count >= 2);
      await page.goto(`/app/product/${a.productId}`);
      const section = page.getByTestId('product-reviews');
      await section.getByTestId('review-figures').waitFor();
      assert.equal(await section.getByTestId('review-rating').innerText(), summary.rating.toFixed(1));
      assert.equal(await section.getByTestId('review-good').innerText(), `好评率 ${summary.goodPercent}%`);
      const first = section.getByTestId('review-card').first();
      assert.equal(await first.getAttribute('data-review-id'), reviewId, 'the review with a photo comes first');
      assert.equal(await first.getByTestId('review-text').innerText(), REVIEW_TEXT);
      await first.getByTestId('review-photo').waitFor();
      await section.scrollIntoViewIfNeeded();
      await assertPhoneLayout(page, 'product-reviews');
      await screen(page, 'review-product-zh');

      // 查看全部 → the list with 有图 / 差评 filters.
      await section.getByTestId('reviews-view-all').click();
      await page.waitForURL((url) => url.pathname === `/app/product/${a.productId}/reviews`);
      await page.getByTestId('review-filter-photos').click();
      await page.waitForFunction((id) => {
        const cards = document.querySelectorAll('[data-testid="review-list"] [data-testid="review-card"]');
        return (
          cards.length > 0 &&
          cards[0]?.getAttribute('data-review-id') === id &&
          [...cards].every((c) => c.querySelector('[data-testid="review-photo"]'))
        );
      }, reviewId);
      await page.getByTestId('review-filter-all').click();
      await page.locator('[data-testid="review-list"] [data-testid="review-card"]').nth(1).waitFor();
      await assertPhoneLayout(page, 'product-reviews-all');
      await screen(page, 'review-list-zh');
      await useLanguage(page, 'en');
      await page.getByTestId('review-filter-photos').getByText('With photos').waitFor();
      await screen(page, 'review-list-en');
      await useLanguage(page, 'zh-CN');

      // The merchant answers in 商家后台 · 评价管理.
      await page.context().clearCookies();
      await page.setViewportSize(DESKTOP);
      await page.goto('/');
      await page.getByTestId('door-merchant').getByRole('button').click();
      await page.waitForURL((url) => url.pathname === '/merchant');
      await page.evaluate((id) => window.localStorage.setItem('zhongcao.console.shop', id), a.shopId);
      await page.goto('/merchant/reviews');
      const row = page.locator(`tr[data-review-id="${reviewId}"]`);
      await row.waitFor();
      await row.getByText(REVIEW_TEXT).waitFor();
      await screen(page, 'merchant-reviews-zh');
      await row.getByTestId('review-reply-open').click();
      await page.getByTestId('review-reply-text').fill(REPLY_TEXT);
      const replied = page.waitForResponse((res) => res.url().endsWith(`/api/v1/merchant/reviews/${reviewId}/reply`));
      await page.getByTestId('review-reply-ok').click();
      assert.equal((await replied).status(), 200);
      await row.getByTestId('console-review-reply').getByText(REPLY_TEXT).waitFor();
      await row.getByText('已回复').waitFor();
      await screen(page, 'merchant-reviews-replied-zh');
      // Filtering by 3 stars leaves the other buyer's review only.
      await page.getByTestId('review-stars-filter').click();
      await page.getByRole('option', { name: '3 星' }).click();
      await page.waitForFunction((id) => {
        const rows = document.querySelectorAll('[data-testid="reviews-table"] tr[data-review-id]');
        return rows.length > 0 && [...rows].every((r) => r.getAttribute('data-review-id') !== id);
      }, reviewId);

      // The buyer sees the reply under 我 → 我的评价 and on the product page.
      await page.context().clearCookies();
      await page.setViewportSize(PHONE);
      await logIn(page, '/app/me', a.login);
      await page.getByTestId('me-reviews').click();
      await page.waitForURL((url) => url.pathname === '/app/me/reviews');
      const card = page.locator(`[data-testid="my-review"][data-review-id="${reviewId}"]`);
      await card.getByTestId('review-reply').getByText(REPLY_TEXT).waitFor();
      await assertPhoneLayout(page, 'my-reviews');
      await screen(page, 'review-mine-replied-zh');
      // One follow-up (追评) from the same list; then the button is gone.
      await card.getByTestId('followup-open').click();
      await card.getByTestId('followup-form').locator('textarea').fill('放了一周还是很新鲜');
      await card.getByTestId('followup-submit').click();
      await card.getByTestId('review-followup').getByText('放了一周还是很新鲜').waitFor();
      assert.equal(await card.getByTestId('followup-open').count(), 0);
      await page.goto(`/app/product/${a.productId}`);
      await page
        .getByTestId('product-reviews')
        .getByTestId('review-card')
        .first()
        .getByTestId('review-reply')
        .getByText(REPLY_TEXT)
        .waitFor();
    },
  );
});
