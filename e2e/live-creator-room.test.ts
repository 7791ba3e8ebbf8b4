import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { logIn } from './support/affiliate-cast.ts';
import { buyFromSheet, demoLogin } from './support/demo.ts';
import { screen } from './support/screens.ts';
import { call, loginToken, registerToken } from './support/shopper-api.ts';
import { waitFor, waitForAttribute } from './support/wait.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The input of a Semi field marked with a test id (on the input itself or on its wrapper). */
const inputOf = (page: Page, id: string) =>
  page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

describe('live room hosted by a creator (达人直播)', () => {
  const env = useEnv();

  browserTest(
    env,
    'the demo creator goes live with a showcase product and pins it; a shopper buys from the pinned card and the order and the room’s figures credit the creator',
    async (page) => {
      const base = env().server.url;
      const creatorLogin = await demoLogin(env(), 'creator');
      const creator = await loginToken(base, creatorLogin.login, creatorLogin.password);
      const creatorId: string = (await call(base, 'GET', '/api/v1/me', { token: creator.token })).user.id;

      // 创作者中心 · 直播: a new room, a product from the showcase in the bag, on air, pinned.
      await page.setViewportSize(DESKTOP);
      await logIn(page, '/creator/live', creatorLogin.login, creatorLogin.password);
      await inputOf(page, 'live-new-title').fill('达人专场 · 好物推荐');
      await page.getByTestId('live-create').click();
      await page.waitForURL((url) => /^\/creator\/live\/[^/]+$/.test(url.pathname));
      const roomId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      await page.locator('[data-testid="live-panel"][data-status="scheduled"]').waitFor();
      await page.getByTestId('live-open').click();
      await page.locator('[data-testid="live-panel"][data-status="live"]').waitFor();
      await page.getByTestId('live-bag-choose').click();
      await page.locator('.semi-select-option:not(.semi-select-option-disabled)').first().click();
      await page.getByTestId('live-bag-add').click();
      const bagRow = page.locator('tr[data-testid="live-bag-row"]').first();
      await bagRow.waitFor();
      const productId = await bagRow.getAttribute('data-product-id');
      assert.ok(productId);
      const showcase = await call(base, 'GET', '/api/v1/creator/showcase', { token: creator.token });
      assert.ok(JSON.stringify(showcase).includes(productId), 'a creator’s bag offers the products of their showcase');
      await bagRow.getByTestId('live-pin').click();
      await screen(page, 'live-creator-panel-zh');

      // A shopper in the room buys the pinned product through its card.
      const login = `fan${Date.now().toString(36)}`;
      const password = 'e2e-fan-password';
      const buyer = await registerToken(base, login, password, '达人粉丝');
      await call(base, 'POST', '/api/v1/me/addresses', {
        token: buyer.token,
        body: {
          name: '孙七',
          phone: '13600000000',
          province: '四川省',
          city: '成都市',
          district: '武侯区',
          detail: '天府大道 7 号',
          isDefault: true,
        },
      });
      await page.setViewportSize(PHONE);
      await logIn(page, `/app/live/${roomId}`, login, password);
      await page.locator(`[data-testid="live-room"][data-room-id="${roomId}"][data-connection="open"]`).waitFor();
      await page.locator(`[data-testid="pinned-card"][data-product-id="${productId}"]`).click();
      const orderId = await buyFromSheet(page, 'live-product-sheet', '孙七');
      await waitFor(
        async () => (await call(base, 'GET', `/api/v1/orders/${orderId}`, { token: buyer.token })).status === 'paid',
        'the order to be paid',
      );
      const order = await call(base, 'GET', `/api/v1/orders/${orderId}`, { token: buyer.token });
      assert.deepEqual(
        order.lines[0].attribution,
        { source: 'live', contentId: roomId, creatorId },
        'the line credits the creator’s room',
      );

      // The host's dashboard counts the order and its GMV.
      await page.setViewportSize(DESKTOP);
      await logIn(page, `/creator/live/${roomId}`, creatorLogin.login, creatorLogin.password);
      await waitForAttribute(page.getByTestId('dash-orders'), 'data-value', '1', 'the host’s 大屏 to count the order');
      assert.equal(
        await page.getByTestId('dash-gmvFen').getAttribute('data-value'),
        String(order.totalFen - order.shippingFeeFen),
      );
      await screen(page, 'live-creator-dashboard-zh');
    },
  );
});
