import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { demoLogin } from './support/demo.ts';
import { browserTest, useEnv } from './support/suite.ts';

describe('login, next=…, me and log-out', () => {
  const env = useEnv();

  browserTest(env, 'a wrong password shows a sentence, never the error code', async (page) => {
    const shopper = await demoLogin(env(), 'shopper');
    await page.goto('/login');
    await page.locator('input[name="login"]').fill(shopper.login);
    await page.locator('input[name="password"]').fill(`${shopper.password}-wrong`);
    await page.getByRole('button', { name: '登录' }).click();
    const error = page.getByTestId('error');
    await error.waitFor();
    assert.equal((await error.innerText()).trim(), '账号或密码错误');
    assert.equal(await error.getAttribute('data-error-code'), 'INVALID_CREDENTIALS', 'the code stays out of sight');
    assert.equal(new URL(page.url()).pathname, '/login');
  });

  browserTest(env, 'buying while logged out goes to /login and comes back to the product', async (page) => {
    const products = await env().api<{ items: Array<{ id: string }> }>('/api/v1/products?limit=1');
    assert.equal(products.status, 200);
    const id = products.body.items[0]?.id;
    assert.ok(id, 'the demo shelf has a product');

    await page.goto(`/app/product/${id}`);
    await page.getByTestId('product').waitFor();
    await page.getByRole('button', { name: '加入购物车' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    assert.equal(new URL(page.url()).searchParams.get('next'), `/app/product/${id}`);

    const shopper = await demoLogin(env(), 'shopper');
    await page.locator('input[name="login"]').fill(shopper.login);
    await page.locator('input[name="password"]').fill(shopper.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === `/app/product/${id}`);
    await page.getByTestId('product').waitFor();
  });

  browserTest(env, '/me shows the user and roles; log-out ends the session', async (page) => {
    await page.goto('/me');
    await page.waitForURL((url) => url.pathname === '/login'); // not logged in yet

    await page.goto('/');
    await page.getByTestId('door-shopper').getByRole('button').click();
    await page.waitForURL((url) => url.pathname === '/app');
    await page.goto('/me');
    const shopper = await demoLogin(env(), 'shopper');
    await page.getByTestId('display-name').waitFor();
    assert.match(await page.getByTestId('me').innerText(), new RegExp(shopper.login));
    assert.match(await page.getByTestId('roles').innerText(), /消费者/);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto('/me');
    await page.waitForURL((url) => url.pathname === '/login');
  });

  browserTest(env, 'the language toggle switches the landing page to English', async (page) => {
    await page.goto('/');
    await page.getByTestId('door-shopper').getByText('逛一逛').waitFor();
    await page.getByTestId('lang-toggle').click();
    await page.getByTestId('door-shopper').getByText('Browse & shop').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.getByTestId('lang-toggle').click(); // back to Chinese for the next tests
    await page.getByTestId('door-shopper').getByText('逛一逛').waitFor();
  });
});
