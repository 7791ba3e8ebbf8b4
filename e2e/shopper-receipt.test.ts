import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { demoLogin } from './support/demo.ts';
import { screen, useLanguage } from './support/screens.ts';
import { call, loginToken, paidOrder, registerToken, ship, skuOfMerchant } from './support/shopper-api.ts';
import { browserTest, useEnv } from './support/suite.ts';

describe('scenario (c): the buyer confirms receipt of a shipped order', () => {
  const env = useEnv();

  browserTest(env, 'a shipped order shows its parcel; 确认收货 (confirmed) completes it as 已完成', async (page) => {
    const base = env().server.url;
    const login = `buyer${Date.now().toString(36)}`;
    const password = 'e2e-password-2';
    const buyer = await registerToken(base, login, password, '收货测试');
    const merchantLogin = await demoLogin(env(), 'merchant');
    const merchant = await loginToken(base, merchantLogin.login, merchantLogin.password);
    const { skuId } = await skuOfMerchant(base, merchant);
    const orderId = await paidOrder(base, buyer, skuId);
    const trackingNo = `SF${Date.now()}`;
    await ship(base, merchant, orderId, trackingNo);

    await page.goto(`/login?next=${encodeURIComponent('/app/orders?tab=shipped')}`);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/app/orders');
    const card = page.locator(`[data-testid="order-card"][data-order-id="${orderId}"]`);
    await card.waitFor();
    assert.equal(await card.getByTestId('order-status').innerText(), '待收货');

    await card.click();
    await page.waitForURL((url) => url.pathname === `/app/orders/${orderId}`);
    const detail = page.getByTestId('order-detail');
    assert.equal(await detail.getByTestId('tracking-no').innerText(), trackingNo);
    await detail.getByText('顺丰速运').waitFor();
    await screen(page, 'order-shipped-zh');

    await detail.getByTestId('order-confirm-receipt').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    await screen(page, 'confirm-receipt-dialog-zh');
    await dialog.getByTestId('confirm-ok').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="order-detail"] [data-testid="order-status"]')?.textContent === '已完成',
    );
    await detail.getByTestId('timeline').getByText('已完成').waitFor();
    await screen(page, 'order-completed-zh');

    await page.goto('/app/orders?tab=completed');
    await card.waitFor();
    assert.equal(await card.getByTestId('order-status').innerText(), '已完成');
  });

  browserTest(
    env,
    'a delivered demo order shows its parcel tracked from pickup to signature, with its carrier’s own waybill number',
    async (page) => {
      const base = env().server.url;
      const shopper = await demoLogin(env(), 'shopper');
      const buyer = await loginToken(base, shopper.login, shopper.password);
      const done = await call(base, 'GET', '/api/v1/orders?status=completed&limit=50', { token: buyer.token });
      const orderId: string | undefined = done.items[0]?.id;
      assert.ok(orderId, 'the demo shopper has a completed order');
      const order = await call(base, 'GET', `/api/v1/orders/${orderId}`, { token: buyer.token });
      const parcel = order.shipments[0] as { carrier: string; trackingNo: string };
      assert.match(
        parcel.trackingNo,
        parcel.carrier === '中通快递'
          ? /^[57]\d{11,14}$/
          : parcel.carrier === '顺丰速运'
            ? /^SF\d{12,13}$/
            : /^[A-Z0-9]{10,20}$/,
        `${parcel.carrier} ${parcel.trackingNo}`,
      );

      await page.goto('/');
      await page.getByTestId('door-shopper').getByRole('button').click();
      await page.waitForURL((url) => url.pathname === '/app');
      await page.goto(`/app/orders/${orderId}`);
      const tracking = page.getByTestId('order-detail').getByTestId('tracking');
      await tracking.getByTestId('tracking-events').waitFor();
      assert.equal(await tracking.getAttribute('data-status'), 'delivered');
      const events = tracking.getByTestId('tracking-event');
      assert.equal(await events.count(), 4);
      const shown = (await events.allInnerTexts()).map((text) => text.split(/\s/)[0]);
      assert.deepEqual(shown, ['已签收', '派送中', '运输中', '已揽收'], 'newest scan first');
      await tracking.scrollIntoViewIfNeeded();
      await screen(page, 'order-delivered-tracking-zh');
      await useLanguage(page, 'en');
      await page.getByTestId('order-detail').getByTestId('tracking-events').waitFor();
      await page.getByTestId('order-detail').getByTestId('tracking').scrollIntoViewIfNeeded();
      await screen(page, 'order-delivered-tracking-en');
      await useLanguage(page, 'zh-CN');
    },
  );
});
