import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { call, screen, tokenFor } from './support/console-api.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };

describe('平台管理 · 红线词库', () => {
  const env = useEnv();

  browserTest(
    env,
    'the admin tries a disguised text, adds a term, and the merchant’s save is refused with it',
    async (page) => {
      await page.setViewportSize(DESKTOP);
      await page.goto('/');
      await page.getByTestId('door-admin').getByRole('button').click();
      await page.waitForURL((url) => url.pathname === '/admin');
      await page.getByRole('menuitem', { name: '红线词库' }).click();
      await page.waitForURL((url) => url.pathname === '/admin/governance');
      await page.locator('.semi-table-row').first().waitFor();
      await screen(page, 'admin-governance-terms-zh');

      await page.getByRole('tab', { name: '试一试' }).click();
      await page.locator('textarea').fill('全網銷量第１，加 V❤ 信 tea_lover88');
      const checked = page.waitForResponse((res) => res.url().endsWith('/api/v1/governance/check'));
      await page.getByRole('button', { name: '检查' }).click();
      assert.equal((await checked).status(), 200);
      await page.getByText('全网销量第一').first().waitFor();
      await page.locator('mark', { hasText: '全網銷量第１' }).waitFor();
      await screen(page, 'admin-governance-try-zh');

      await page.getByRole('tab', { name: '词条' }).click();
      await page.getByRole('button', { name: '新增词条' }).click();
      await page.getByTestId('term-text').fill('神仙果');
      await screen(page, 'admin-governance-add-zh');
      const added = page.waitForResponse(
        (res) => res.url().endsWith('/api/v1/admin/governance/terms') && res.request().method() === 'POST',
      );
      await page.getByTestId('term-save').click();
      assert.equal((await added).status(), 201);

      const merchant = await tokenFor(env(), 'merchant');
      const shops = await call<{ items: Array<{ id: string }> }>(env(), 'GET', '/api/v1/merchant/shops', {
        token: merchant,
      });
      const products = await call<{ items: Array<{ id: string; title: string }> }>(
        env(),
        'GET',
        `/api/v1/merchant/shops/${shops.body.items[0]!.id}/products`,
        { token: merchant },
      );
      const product = products.body.items[0]!;
      const refused = await call<{
        error: { code: string; details: { hits: Array<{ term: string; field: string }> } };
      }>(env(), 'PUT', `/api/v1/merchant/products/${product.id}`, {
        token: merchant,
        body: { title: `${product.title.slice(0, 20)} 神 仙 果` },
      });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.code, 'CONTENT_REJECTED');
      assert.deepEqual(
        refused.body.error.details.hits.map((h) => [h.term, h.field]),
        [['神仙果', 'title']],
      );
    },
  );

  browserTest(
    env,
    'the merchant’s product editor shows what the rule book refused, and nothing is saved',
    async (page) => {
      await page.setViewportSize(DESKTOP);
      await page.goto('/');
      await page.getByTestId('door-merchant').getByRole('button').click();
      await page.waitForURL((url) => url.pathname === '/merchant');
      await page.getByRole('menuitem', { name: '商品' }).click();
      await page.locator('.semi-table-row').first().waitFor();
      await page.getByRole('button', { name: '编辑' }).first().click();
      await page.getByText('SKU 价格与库存').waitFor();
      const productId = new URL(page.url()).pathname.split('/').pop()!;
      const title = page.locator('input#e-title, #e-title input').first();
      const before = await title.inputValue();
      await title.fill('全网最低价 好吃的');
      const saved = page.waitForResponse(
        (res) => res.url().endsWith(`/api/v1/merchant/products/${productId}`) && res.request().method() === 'PUT',
      );
      await page.getByRole('button', { name: '保存' }).first().click();
      assert.equal((await saved).status(), 422);
      await page.getByText('含有违规词，未保存：「全网最低价」', { exact: true }).waitFor();
      await screen(page, 'merchant-product-rejected-zh');
      const merchant = await tokenFor(env(), 'merchant');
      const stored = await call<{ title: string }>(env(), 'GET', `/api/v1/merchant/products/${productId}`, {
        token: merchant,
      });
      assert.equal(stored.body.title, before);
    },
  );
});
