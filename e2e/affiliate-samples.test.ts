import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { cast, logIn, productToPromote, PASSWORD } from './support/affiliate-cast.ts';
import { demoLogin } from './support/demo.ts';
import { screen } from './support/console-api.ts';
import { call } from './support/shopper-api.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };

describe('creator economy: samples (寄样)', () => {
  const env = useEnv();

  browserTest(
    env,
    'a creator requests a sample in 选品广场, the merchant agrees in 达人合作 · 寄样, and the creator finds a zero-price sample order',
    async (page) => {
      const c = await cast(env());
      const { shopId, productId, title } = await productToPromote(c);
      const demoMerchant = await demoLogin(env(), 'merchant');
      // The product is open to every creator (a general plan; the demo may have one already), and the creator has an address.
      const plans = await call(
        c.base,
        'GET',
        `/api/v1/merchant/shops/${shopId}/affiliate/plans?productId=${productId}`,
        { token: c.merchant.token },
      );
      if (!plans.items.some((p: { kind: string; state: string }) => p.kind === 'general' && p.state === 'active')) {
        await call(c.base, 'POST', `/api/v1/merchant/products/${productId}/affiliate/plans`, {
          token: c.merchant.token,
          body: { kind: 'general', rateBp: 1000 },
        });
      }
      await call(c.base, 'POST', '/api/v1/me/addresses', {
        token: c.creator.token,
        body: {
          name: '橙子达人',
          phone: '13900001234',
          province: '广东省',
          city: '广州市',
          district: '天河区',
          detail: '体育西路 1 号',
          isDefault: true,
        },
      });

      await page.setViewportSize(DESKTOP);
      await logIn(page, '/creator/market', c.creator.login, PASSWORD);
      await page.getByTestId('market-search').fill(title.slice(0, 12));
      await page.getByTestId('market-search-go').click();
      const item = page.locator(`tr[data-product-id="${productId}"]`);
      await item.getByTestId('sample-request').click();
      await page.getByTestId('sample-modal').waitFor();
      await page.getByTestId('sample-note').fill('下周做一期开箱测评');
      const requested = page.waitForResponse(
        (res) => res.url().endsWith('/api/v1/creator/samples') && res.request().method() === 'POST',
      );
      await page.getByTestId('sample-ok').click();
      const res = await requested;
      assert.equal(res.status(), 201, await res.text());
      const requestId: string = (await res.json()).id;
      await screen(page, 'affiliate-sample-request-zh');

      // Asking again is refused with its own message.
      await item.getByTestId('sample-request').click();
      await page.getByTestId('sample-ok').click();
      await page.getByText('这个商品已有待审核的申请，或 30 天内已寄过样品').waitFor();
      await page.keyboard.press('Escape');

      // The merchant agrees; the request leaves the waiting list and shows its order under 已同意.
      await logIn(page, '/merchant', demoMerchant.login, demoMerchant.password);
      await page.evaluate((id) => window.localStorage.setItem('zhongcao.console.shop', id), shopId);
      await page.goto('/merchant/affiliate');
      await page.getByTestId('affiliate-tab-samples').click();
      const row = page.locator(`tr[data-sample-id="${requestId}"]`);
      await row.getByText('下周做一期开箱测评').waitFor();
      await screen(page, 'affiliate-merchant-samples-zh');
      const decided = page.waitForResponse((r) => r.url().endsWith(`/api/v1/merchant/samples/${requestId}/decision`));
      await row.getByTestId('sample-approve').click();
      assert.equal((await decided).status(), 200);
      await row.waitFor({ state: 'detached' });
      await page.getByTestId('samples-filter').getByText('已同意').click();
      const orderId = (
        await page.locator(`tr[data-sample-id="${requestId}"]`).getByTestId('sample-order').innerText()
      ).trim();

      // The creator's 我的寄样 shows the agreed request and its order, which costs nothing and waits to ship.
      await logIn(page, '/creator/samples', c.creator.login, PASSWORD);
      const mine = page.locator(`tr[data-sample-id="${requestId}"]`);
      await mine.locator('[data-status="approved"]').waitFor();
      assert.equal((await mine.getByTestId('sample-order').innerText()).trim(), orderId);
      const order = await call(c.base, 'GET', `/api/v1/orders/${orderId}`, { token: c.creator.token });
      assert.deepEqual([order.status, order.totalFen], ['paid', 0]);
      await screen(page, 'affiliate-creator-samples-zh');
    },
  );
});
