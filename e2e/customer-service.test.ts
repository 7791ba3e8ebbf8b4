import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser } from './support/browser.ts';
import { demoLogin } from './support/demo.ts';
import { assertPhoneLayout } from './support/layout.ts';
import { screen, useLanguage } from './support/screens.ts';
import { call, loginToken, registerToken, skuOfMerchant } from './support/shopper-api.ts';
import { browserTest, useEnv } from './support/suite.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const PASSWORD = 'e2e-password-service';
const QUESTION = '请问这款今天下单什么时候发货？';
const ANSWER = '亲，今天下单明天就发顺丰';
const FOLLOW_UP = '还有什么需要帮忙的吗？';

async function logIn(page: Page, next: string, login: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

/** 08:00–23:00 Asia/Shanghai: the hours the 3-minute reply rate is assessed in. */
function inAssessedHours(ms: number): boolean {
  const minute = Math.floor(((((ms + 8 * 3_600_000) % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
  return minute >= 8 * 60 && minute < 23 * 60;
}

describe('customer service (飞鸽)', () => {
  const env = useEnv();

  browserTest(
    env,
    'a buyer asks from a product page; staff online in the desk get it assigned and answer; the buyer sees the answer without reloading and rates; the console shows first response and the 3-minute reply rate',
    async (page) => {
      const base = env().server.url;
      const m = await demoLogin(env(), 'merchant');
      const merchant = await loginToken(base, m.login, m.password);
      const { shopId } = await skuOfMerchant(base, merchant);
      const products = await call<{ items: Array<{ id: string; status: string }> }>(
        base,
        'GET',
        `/api/v1/merchant/shops/${shopId}/products`,
        { token: merchant.token },
      );
      const productId = products.items.find((p) => p.status === 'listed')!.id;
      const login = `cs${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
      await registerToken(base, login, PASSWORD, '客服买家');

      // The merchant, in a browser of their own, opens 商家后台 · 客服 and goes online.
      const desk = await launchBrowser(base);
      try {
        const mp = await desk.context.newPage();
        await mp.setViewportSize(DESKTOP);
        await mp.goto('/');
        await mp.getByTestId('door-merchant').getByRole('button').click();
        await mp.waitForURL((url) => url.pathname === '/merchant');
        await mp.evaluate((id) => window.localStorage.setItem('zhongcao.console.shop', id), shopId);
        await mp.goto('/merchant/service');
        await mp.getByTestId('service-desk').waitFor();
        const online = mp.getByTestId('desk-online');
        if ((await online.getAttribute('data-online')) !== '1') {
          const went = mp.waitForResponse((res) => res.url().endsWith('/service/presence'));
          await online.locator('[role="switch"], .semi-switch').first().click();
          assert.equal((await went).status(), 200);
        }
        await mp.waitForFunction(
          () => document.querySelector('[data-testid="desk-online"]')?.getAttribute('data-online') === '1',
        );
        await screen(mp, 'service-desk-zh');

        // The buyer opens the product and taps 客服, then asks.
        await page.setViewportSize(PHONE);
        await logIn(page, `/app/product/${productId}`, login);
        await page.getByTestId('contact-service').click();
        await page.waitForURL((url) => url.pathname.startsWith('/app/service/'));
        const conversationId = new URL(page.url()).pathname.split('/').pop()!;
        await page.getByTestId('chat-input').fill(QUESTION);
        const sent = page.waitForResponse(
          (res) =>
            res.url().endsWith(`/api/v1/service/conversations/${conversationId}/messages`) &&
            res.request().method() === 'POST',
        );
        await page.getByTestId('chat-send').click();
        assert.equal((await sent).status(), 201);
        await page.getByTestId('chat-list').getByText(QUESTION).waitFor();
        await assertPhoneLayout(page, 'service-chat');

        // The desk gets it (assigned to this staff member, pushed over the socket) and answers.
        const item = mp.locator(`[data-testid="desk-mine"] [data-conversation-id="${conversationId}"]`);
        await item.waitFor();
        await item.click();
        await mp.getByTestId('desk-chat').getByText(QUESTION).waitFor();
        await mp.getByTestId('desk-context').waitFor();
        await mp.getByTestId('desk-input').fill(ANSWER);
        const answered = mp.waitForResponse(
          (res) =>
            res.url().endsWith(`/api/v1/service/conversations/${conversationId}/messages`) &&
            res.request().method() === 'POST',
        );
        await mp.getByTestId('desk-send').click();
        assert.equal((await answered).status(), 201);
        await screen(mp, 'service-desk-answered-zh');

        // The buyer sees the answer without reloading, and rates the conversation.
        await page.locator('[data-testid="chat-message"][data-side="shop"]').getByText(ANSWER).waitFor();
        await page.getByTestId('chat-rate').waitFor();
        await screen(page, 'service-chat-zh');
        const rated = page.waitForResponse((res) =>
          res.url().endsWith(`/api/v1/service/conversations/${conversationId}/rating`),
        );
        await page.getByTestId('chat-rate-5').click();
        assert.equal((await rated).status(), 200);
        await page.getByTestId('chat-rate').waitFor({ state: 'detached' });
        await useLanguage(page, 'en');
        await page.getByTestId('chat-send').getByText('Send').waitFor();
        await screen(page, 'service-chat-en');
        await useLanguage(page, 'zh-CN');

        // 消息 under 我 lists the conversation.
        await page.goto('/app/me');
        await page.getByTestId('me-messages').click();
        await page.waitForURL((url) => url.pathname === '/app/messages');
        await page.getByTestId('messages-row').first().waitFor();
        await assertPhoneLayout(page, 'service-messages');

        // A message while the buyer is elsewhere: the badge on 我 and on 消息 at the next open.
        await mp.getByTestId('desk-input').fill(FOLLOW_UP);
        const followed = mp.waitForResponse(
          (res) =>
            res.url().endsWith(`/api/v1/service/conversations/${conversationId}/messages`) &&
            res.request().method() === 'POST',
        );
        await mp.getByTestId('desk-send').click();
        assert.equal((await followed).status(), 201);
        await page.goto('/app/me');
        assert.equal(await page.getByTestId('me-messages-badge').innerText(), '1');
        assert.equal(await page.getByTestId('me-badge').innerText(), '1');
        await page.getByTestId('me-messages').click();
        await page.getByTestId('messages-row').first().click();
        await page.getByTestId('chat-list').getByText(FOLLOW_UP).waitFor();

        // The console's figures show the first response and the 3-minute reply rate.
        await mp.getByTestId('service-tab-report').click();
        const first = mp.getByTestId('service-stat-firstResponse');
        await first.waitFor();
        const firstText = await first.locator('.cs-stat-value').innerText();
        assert.match(firstText, /\d+ 秒|\d+ 分 \d+ 秒/, `first response shown: ${firstText}`);
        const rate = await mp.getByTestId('service-stat-replyRate').locator('.cs-stat-value').innerText();
        if (inAssessedHours(Date.now())) assert.match(rate, /^\d+(\.\d)?%$/, `3-minute reply rate shown: ${rate}`);
        else assert.ok(rate === '—' || /%$/.test(rate), rate);
        await screen(mp, 'service-report-zh');
      } finally {
        await desk.close();
      }
    },
    180_000,
  );
});
