import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { pageApi, pickSkuWithStock } from './support/demo.ts';
import { browserTest, useEnv } from './support/suite.ts';

describe('shopper shelf and product page', () => {
  const env = useEnv();

  browserTest(env, 'the shelf loads more products by cursor when scrolled to the end', async (page) => {
    const first = await env().api<{ items: unknown[]; nextCursor: string | null }>('/api/v1/products?limit=20');
    assert.equal(first.status, 200);
    await page.goto('/app/mall');
    const cards = page.getByTestId('product-card');
    await cards.first().waitFor();
    assert.equal(await cards.count(), first.body.items.length);
    if (first.body.nextCursor === null) return; // a small catalogue has one page only
    await cards.last().scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="product-card"]').length > n,
      first.body.items.length,
    );
  });

  browserTest(env, '加入购物车 puts the chosen SKU into the cart', async (page) => {
    await page.goto('/');
    await page.getByTestId('door-shopper').getByRole('button').click();
    await page.waitForURL((url) => url.pathname === '/app');
    await page.getByTestId('bottom-nav').getByRole('link', { name: '商城' }).click();
    await page.waitForURL((url) => url.pathname === '/app/mall');
    await page.getByTestId('product-card').nth(1).click();
    await page.getByTestId('product').waitFor();
    await pickSkuWithStock(page);
    const put = page.waitForResponse(
      (res) => res.url().endsWith('/api/v1/cart/items') && res.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: '加入购物车' }).click();
    const response = await put;
    assert.equal(
      response.status(),
      200,
      `PUT /api/v1/cart/items answered ${response.status()}: ${await response.text()}`,
    );
    assert.ok(response.request().headers()['x-csrf-token'], 'the mutating request carries x-csrf-token');
    await page.getByRole('status').getByText('已加入购物车').waitFor();
    const me = await pageApi(page, '/api/v1/me');
    assert.equal(me.status, 200);
  });

  browserTest(env, 'an unknown product shows a not-found state', async (page) => {
    await page.goto('/app/product/prd_00000000000000000000000000');
    await page.getByText('商品不存在或已下架').waitFor();
    await page.goto('/app/product/nonsense');
    await page.getByText('商品不存在或已下架').waitFor();
  });
});
