import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { cast, logIn, productToPromote, uploadVideo, PASSWORD } from './support/affiliate-cast.ts';
import { demoLogin } from './support/demo.ts';
import {
  placePaidOrderForDemoMerchant,
  screen as consoleScreen,
  switchLanguage,
  tokenFor,
  call as consoleCall,
} from './support/console-api.ts';
import { screen, useLanguage } from './support/screens.ts';
import { call } from './support/shopper-api.ts';
import { waitFor } from './support/wait.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

// 订单号,快递公司,运单号 (CRLF) and ,顺丰速运,SF… as Excel on Chinese Windows saves them: GBK bytes.
const GBK_HEADER = Buffer.from('b6a9b5a5bac52cbfecb5ddb9abcbbe2cd4cbb5a5bac50d0a', 'hex');
const GBK_SF = Buffer.from('2ccbb3b7e1cbd9d4cb2c', 'hex');

describe('money and tools merchants and creators use daily', () => {
  const env = useEnv();

  browserTest(
    env,
    'compensation reaches the buyer (已到账 on the order and in the merchant drawer); batch shipping takes a GBK file and offers an Excel template',
    async (page) => {
      const base = env().server.url;
      const { orderId, shopId } = await placePaidOrderForDemoMerchant(env());
      const merchant = await tokenFor(env(), 'merchant');
      const shopper = await tokenFor(env(), 'shopper');
      const booked = await consoleCall(env(), 'POST', `/api/v1/money/orders/${orderId}/compensations`, {
        token: merchant,
        body: { amountFen: 300, paidBy: 'merchant', reason: '发货慢了，补偿 3 元', requestKey: `e2e-${orderId}` },
      });
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
      // The worker sends it to the sandbox provider and the provider's notification marks it paid.
      await waitFor(
        async () =>
          (await call(base, 'GET', `/api/v1/orders/${orderId}`, { token: shopper })).compensations?.[0]?.status ===
          'succeeded',
        'the compensation to be paid',
      );

      // The buyer's order: 商家补偿 +¥3.00 已到账.
      const demoShopper = await demoLogin(env(), 'shopper');
      await page.setViewportSize(PHONE);
      await logIn(page, `/app/orders/${orderId}`, demoShopper.login, demoShopper.password);
      const comp = page.getByTestId('order-compensation');
      await comp.waitFor();
      assert.equal(await comp.getAttribute('data-status'), 'succeeded');
      assert.match(await comp.innerText(), /商家补偿[\s\S]*\+¥3\.00[\s\S]*已到账/);
      await comp.scrollIntoViewIfNeeded();
      await screen(page, 'order-compensation-zh');
      await useLanguage(page, 'en');
      await page.getByTestId('order-compensation').getByText('Paid', { exact: true }).waitFor();
      await page.getByTestId('order-compensation').scrollIntoViewIfNeeded();
      await screen(page, 'order-compensation-en');
      await useLanguage(page, 'zh-CN');

      // The merchant's order drawer shows it too.
      const demoMerchant = await demoLogin(env(), 'merchant');
      await page.setViewportSize(DESKTOP);
      await logIn(page, '/merchant/orders', demoMerchant.login, demoMerchant.password);
      await page.evaluate((id) => window.localStorage.setItem('zhongcao.console.shop', id), shopId);
      await page.reload();
      await page.getByRole('tab', { name: '待发货' }).click();
      await page.locator(`tr[data-order-id="${orderId}"]`).getByTestId('order-open').click();
      const drawerComp = page.getByTestId('order-drawer').getByTestId('drawer-compensation');
      await drawerComp.waitFor();
      assert.match((await drawerComp.innerText()).replace(/\s+/g, ' '), /商家补偿 · ¥3\.00 · 已到账 · 店铺承担/);
      await drawerComp.scrollIntoViewIfNeeded();
      await consoleScreen(page, 'merchant-order-compensation-zh');
      await page.keyboard.press('Escape');
      await page.getByTestId('order-drawer').waitFor({ state: 'hidden' });
      await switchLanguage(page, 'en');
      await page.locator(`tr[data-order-id="${orderId}"]`).getByTestId('order-open').click();
      await page.getByTestId('drawer-compensation').getByText('Paid', { exact: true }).waitFor();
      await consoleScreen(page, 'merchant-order-compensation-en');
      await page.keyboard.press('Escape');
      await page.getByTestId('order-drawer').waitFor({ state: 'hidden' });
      await switchLanguage(page, 'zh-CN');

      // 批量发货: the template is a CSV for Excel listing this order; a GBK file ships it.
      await page.getByTestId('batch-open').click();
      const templateLink = page.getByTestId('batch-template');
      await templateLink.waitFor();
      const template = await page.request.get(new URL(String(await templateLink.getAttribute('href')), base).href);
      assert.equal(template.status(), 200);
      const bytes = await template.body();
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
      const text = bytes.toString('utf8');
      assert.match(text, /^\uFEFForderId,carrier,trackingNo,收件人 recipient/);
      assert.ok(
        text.includes(`\r\n${orderId},,,`),
        'the order waiting to ship is listed, carrier and tracking left empty',
      );
      await consoleScreen(page, 'merchant-batch-template-zh');
      const gbk = Buffer.concat([GBK_HEADER, Buffer.from(orderId), GBK_SF, Buffer.from(`SF${Date.now()}\r\n`)]);
      await page.getByTestId('batch-file').setInputFiles({ name: '发货单.csv', mimeType: 'text/csv', buffer: gbk });
      await page.locator('.semi-modal-footer').getByText('开始发货', { exact: true }).click();
      await page.getByText('发货成功 1 单，失败 0 单').waitFor();
      await consoleScreen(page, 'merchant-batch-gbk-zh');
      const shipped = await call(base, 'GET', `/api/v1/orders/${orderId}`, { token: shopper });
      assert.equal(shipped.status, 'shipped');
      assert.equal(shipped.shipments[0].carrier, '顺丰速运', 'the GBK carrier name arrives ungarbled');
      await page.locator('.semi-modal-footer').getByText('关闭', { exact: true }).click();
      await page.locator('.semi-modal').waitFor({ state: 'hidden' });
      await switchLanguage(page, 'en');
      await page.getByTestId('batch-open').click();
      await page.getByTestId('batch-template').waitFor();
      await consoleScreen(page, 'merchant-batch-template-en');
      await page.locator('.semi-modal-footer').getByText('Cancel', { exact: true }).click();
      await page.locator('.semi-modal').waitFor({ state: 'hidden' });
      await switchLanguage(page, 'zh-CN');
    },
    180_000,
  );

  browserTest(
    env,
    'creators are picked by name in an MCN offer and a targeted plan; the anchor dialog pages through all videos; pending commission shows before settlement',
    async (page) => {
      const c = await cast(env());
      const { shopId, productId, title } = await productToPromote(c);
      const demoMerchant = await demoLogin(env(), 'merchant');
      await page.setViewportSize(DESKTOP);
      await page.goto('/');
      await page.evaluate(() => window.localStorage.setItem('zhongcao.lang', 'zh-CN'));

      // MCN 机构 · 签约达人: offer a contract to 橙子达人 found by name.
      await logIn(page, '/mcn', c.mcn.login, PASSWORD);
      await page.getByTestId('contract-new').click();
      await page.getByTestId('contract-creator').click();
      await page.getByTestId('contract-creator').locator('input').fill('橙子达人');
      const option = page.locator('[data-testid="creator-option"]').filter({ hasText: `@${c.creator.login}` });
      await option.waitFor();
      await consoleScreen(page, 'mcn-pick-creator-zh');
      await option.click();
      await page.getByTestId('contract-share').fill('20');
      const proposed = page.waitForResponse(
        (res) => res.url().endsWith('/api/v1/mcn/contracts') && res.request().method() === 'POST',
      );
      await page.getByTestId('contract-propose-ok').click();
      const contract = await proposed;
      assert.equal(contract.status(), 201);
      assert.equal((await contract.json()).creatorId, c.creator.userId);
      await switchLanguage(page, 'en');
      await page.getByTestId('contract-new').click();
      await page.getByTestId('contract-creator').click();
      await page.getByTestId('contract-creator').locator('input').fill(c.creator.login.slice(0, 6));
      await page
        .locator('[data-testid="creator-option"]')
        .filter({ hasText: `@${c.creator.login}` })
        .waitFor();
      await consoleScreen(page, 'mcn-pick-creator-en');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await switchLanguage(page, 'zh-CN');

      // 商家后台 · 达人合作: a targeted plan naming the creator picked by name.
      await logIn(page, '/merchant', demoMerchant.login, demoMerchant.password);
      await page.evaluate((id) => window.localStorage.setItem('zhongcao.console.shop', id), shopId);
      await page.goto('/merchant/affiliate');
      await page.getByTestId('plan-new').click();
      await page.getByTestId('plan-product').click();
      await page.locator('.semi-select-option').filter({ hasText: title }).first().click();
      await page.getByTestId('plan-form').getByText('定向计划', { exact: true }).click();
      await page.getByTestId('plan-rate').fill('30');
      await page.getByTestId('plan-creators').click();
      await page.getByTestId('plan-creators').locator('input').fill('橙子');
      await page
        .locator('[data-testid="creator-option"]')
        .filter({ hasText: `@${c.creator.login}` })
        .click();
      await consoleScreen(page, 'merchant-plan-pick-creator-zh');
      await page.locator('.semi-modal-title').click(); // closes the picker's list, keeping the choice
      await page.locator('[data-testid="creator-option"]').first().waitFor({ state: 'hidden' });
      const created = page.waitForResponse(
        (res) =>
          res.url().endsWith(`/api/v1/merchant/products/${productId}/affiliate/plans`) &&
          res.request().method() === 'POST',
      );
      await page.getByTestId('plan-create-ok').click();
      const plan = await created;
      assert.equal(plan.status(), 201, await plan.text());
      const planId: string = (await plan.json()).id;
      const detail = await call(c.base, 'GET', `/api/v1/merchant/affiliate/plans/${planId}`, {
        token: c.merchant.token,
      });
      assert.deepEqual(
        detail.creators.map((x: { creatorId: string; status: string }) => [x.creatorId, x.status]),
        [[c.creator.userId, 'approved']],
      );

      // The creator: 52 videos; the anchor dialog loads 50, then the rest, and the oldest can be chosen.
      await call(c.base, 'POST', '/api/v1/creator/showcase', { token: c.creator.token, body: { productId } });
      const first = await uploadVideo(c, '第一条：果园开摘');
      for (let i = 2; i <= 52; i++) await uploadVideo(c, `果园日记 ${i}`);
      await logIn(page, '/creator/showcase', c.creator.login, PASSWORD);
      await page.locator(`tr[data-product-id="${productId}"]`).getByTestId('showcase-anchor').click();
      await page.getByTestId('anchor-video').click();
      const footer = page.getByTestId('anchor-video-footer');
      await footer.getByText('已加载 50 个作品').waitFor();
      await consoleScreen(page, 'creator-anchor-videos-zh');
      await footer.getByTestId('anchor-video-more').click();
      await footer.getByText('已加载全部作品').waitFor();
      await footer.getByText('已加载 52 个作品').waitFor();
      await page.locator('.semi-select-option').filter({ hasText: '第一条：果园开摘' }).click();
      const anchored = page.waitForResponse((res) => res.url().endsWith(`/api/v1/creator/videos/${first}/anchors`));
      await page.getByTestId('anchor-ok').click();
      assert.equal((await anchored).status(), 200);

      // A buyer buys from the oldest video: the creator sees it as pending commission before settlement.
      const sku = (await call(c.base, 'GET', `/api/v1/products/${productId}`)).skus.find(
        (s: { stock: number }) => s.stock > 0,
      ).id as string;
      const address = await call(c.base, 'POST', '/api/v1/me/addresses', {
        token: c.buyer.token,
        body: {
          name: '王五',
          phone: '13700000000',
          province: '浙江省',
          city: '杭州市',
          district: '西湖区',
          detail: '文三路 1 号',
          isDefault: true,
        },
      });
      const placed = await call(c.base, 'POST', '/api/v1/checkout', {
        token: c.buyer.token,
        headers: { 'Idempotency-Key': `e2e-pc-${Date.now()}` },
        body: {
          items: [{ skuId: sku, quantity: 1, attribution: { source: 'video', contentId: first } }],
          addressId: address.id,
        },
      });
      const orderId: string = placed.orders[0].id;
      const cashier = await fetch(c.base + placed.payment.cashierUrl, {
        headers: { authorization: `Bearer ${c.buyer.token}` },
        redirect: 'manual',
      });
      await fetch(new URL(cashier.headers.get('location')!, c.base), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'outcome=paid',
        redirect: 'manual',
      });
      await waitFor(
        async () =>
          (await call(c.base, 'GET', `/api/v1/orders/${orderId}`, { token: c.buyer.token })).status === 'paid',
        'the order to be paid',
      );
      const pending = await call(c.base, 'GET', '/api/v1/affiliate/pending-commission?as=creator', {
        token: c.creator.token,
      });
      assert.equal(pending.items[0].orderId, orderId);
      assert.ok(pending.totalFen > 0);
      await page.goto('/creator/sales');
      const card = page.getByTestId('pending-commission');
      await card.locator(`tr[data-order-id="${orderId}"]`).waitFor();
      const yuan = `¥${Math.floor(pending.totalFen / 100)}.${String(pending.totalFen % 100).padStart(2, '0')}`;
      assert.equal(await card.getByTestId('pending-commission-total').innerText(), yuan);
      await card.getByText('确认收货后 7 天').waitFor();
      await card.scrollIntoViewIfNeeded();
      await consoleScreen(page, 'creator-pending-commission-zh');
      await switchLanguage(page, 'en');
      await card.getByText('7 days after receipt').waitFor();
      await consoleScreen(page, 'creator-pending-commission-en');
    },
    300_000,
  );
});
