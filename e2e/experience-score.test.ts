import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { call, screen, switchLanguage, tokenFor } from './support/console-api.ts';
import { browserTest, useEnv } from './support/suite.ts';
import { waitForValue } from './support/wait.ts';

const DESKTOP = { width: 1366, height: 900 };

describe('店铺体验分', () => {
  const env = useEnv();

  browserTest(
    env,
    'the merchant sees the three dimensions computed from the demo orders, each indicator with its counts, and what the score decides; the admin sees every shop',
    async (page) => {
      await page.setViewportSize(DESKTOP);
      const merchant = await tokenFor(env(), 'merchant');
      const shops = await call<{ items: Array<{ id: string }> }>(env(), 'GET', '/api/v1/merchant/shops', {
        token: merchant,
      });
      const shopId = shops.body.items[0]!.id;
      // The worker scores every shop on its first round; the page shows what the API shows.
      const api = await waitForValue(
        () =>
          call<{
            status: string;
            total: number | null;
            orders: number;
            dimensions: Record<string, number | null>;
            indicators: Array<{ key: string; num: number; den: number }>;
          }>(env(), 'GET', `/api/v1/merchant/shops/${shopId}/experience`, { token: merchant }),
        (res) => res.body.status !== 'not_computed',
        'the worker’s first round to score the demo shop',
      );
      assert.equal(api.body.status, 'scored', `the demo merchant's shop has ${api.body.orders} paid orders in 30 days`);
      const reviews = api.body.indicators.find((i) => i.key === 'bad_review_rate')!;
      assert.ok(reviews.den > 0, 'the demo buyers reviewed their orders');

      await page.goto('/');
      await page.getByTestId('door-merchant').getByRole('button').click();
      await page.waitForURL((url) => url.pathname === '/merchant');
      await switchLanguage(page, 'zh-CN'); // the language chosen in a test before is remembered
      await page.getByRole('menuitem', { name: '店铺体验分' }).click();
      await page.waitForURL((url) => url.pathname === '/merchant/experience');
      await page.getByTestId('experience-total').waitFor();
      assert.equal(
        (await page.getByTestId('experience-total').innerText()).replace(/\s+/g, ' ').trim(),
        `${api.body.total} / 100`,
      );
      for (const d of ['product', 'logistics', 'service']) {
        const card = await page.getByTestId(`experience-dim-${d}`).innerText();
        assert.ok(card.includes(String(api.body.dimensions[d])), `${d}: ${card}`);
        assert.match(card, /\d+/);
      }
      const product = await page.getByTestId('experience-indicators-product').innerText();
      assert.ok(product.includes('差评率') && product.includes(`${reviews.num} / ${reviews.den}`), product);
      await page.getByTestId('experience-effects').getByText('推荐流量').waitFor();
      await screen(page, 'merchant-experience-zh');

      await switchLanguage(page, 'en');
      await page.getByTestId('experience-dim-logistics').getByText('Logistics').waitFor();
      await page.getByTestId('experience-indicators-service').getByText('After-sales handled on time').waitFor();
      await screen(page, 'merchant-experience-en');
      await switchLanguage(page, 'zh-CN');

      const adminPage = await page.context().browser()!.newPage();
      try {
        await adminPage.setViewportSize(DESKTOP);
        await adminPage.goto(page.url().replace(/\/merchant.*$/, '/'));
        await adminPage.getByTestId('door-admin').getByRole('button').click();
        await adminPage.waitForURL((url) => url.pathname === '/admin');
        await adminPage.getByRole('menuitem', { name: '体验分' }).click();
        const list = adminPage.getByTestId('experience-list');
        await list.locator('.semi-table-row').first().waitFor();
        assert.ok((await list.locator('.semi-table-tbody .semi-table-row').count()) >= 6, 'every demo shop is listed');
        await adminPage.getByTestId('experience-weights').getByText('维度权重').waitFor();
        await screen(adminPage, 'admin-experience-zh');
      } finally {
        await adminPage.close();
      }
    },
  );
});
