import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { demoLogins, pageApi, pickSkuWithStock } from './support/demo.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DOORS = [
  { role: 'shopper', title: '逛一逛', path: '/app' },
  { role: 'merchant', title: '商家后台', path: '/merchant' },
  { role: 'creator', title: '达人中心', path: '/creator' },
  { role: 'admin', title: '平台管理', path: '/admin' },
];
const PRICE = /¥\d+\.\d{2}/;
const DESKTOP = { width: 1280, height: 800 };

describe('landing page and demo doors', () => {
  const env = useEnv();

  browserTest(env, 'landing shows the four doors with their demo logins', async (page) => {
    const logins = await demoLogins(env());
    await page.goto('/');
    await page.getByTestId('tagline').waitFor();
    for (const door of DOORS) {
      const card = page.getByTestId(`door-${door.role}`);
      await card.getByRole('button', { name: new RegExp(door.title) }).waitFor();
      const demo = logins.find((l) => l.role === door.role);
      assert.ok(demo, `GET /api/v1/demo has a ${door.role} login`);
      await card.getByText(demo.login, { exact: true }).waitFor();
    }
  });

  browserTest(
    env,
    '逛一逛 logs in as the demo shopper, opens the feed; 商城 → product → 立即购买 → checkout → cashier',
    async (page) => {
      const shopper = (await demoLogins(env())).find((l) => l.role === 'shopper')!;
      await page.goto('/');
      await page
        .getByTestId('door-shopper')
        .getByRole('button', { name: /逛一逛/ })
        .click();
      await page.waitForURL((url) => url.pathname === '/app');
      await page.getByTestId('feed').waitFor();

      const me = await pageApi<{ user: { login: string } }>(page, '/api/v1/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.user.login, shopper.login);

      await page.getByTestId('bottom-nav').getByRole('link', { name: '商城' }).click();
      const cards = page.getByTestId('product-card');
      await cards.first().waitFor();
      assert.ok((await cards.count()) > 0, 'the shelf shows product cards');
      assert.match(await cards.first().getByTestId('price').innerText(), PRICE);

      await cards.first().click();
      await page.waitForURL(/\/app\/product\//);
      await page.getByTestId('product').waitFor();
      assert.match(await page.getByTestId('product').getByTestId('price').first().innerText(), PRICE);
      await pickSkuWithStock(page);

      await page.getByRole('button', { name: '立即购买' }).click();
      await page.waitForURL((url) => url.pathname === '/app/checkout');
      const form = page.getByTestId('address-form');
      const submit = page.getByTestId('submit-order');
      await form.or(page.getByTestId('checkout-address').locator('.address-current')).first().waitFor();
      if (await form.isVisible()) {
        for (const [name, value] of Object.entries({
          name: '演示',
          phone: '13700000000',
          province: '云南省',
          city: '昆明市',
          district: '五华区',
          detail: '翠湖路 1 号',
        })) {
          await form.locator(`input[name="${name}"]`).fill(value);
        }
        await page.getByTestId('address-save').click();
      }
      await page.getByTestId('checkout-shop').first().waitFor();
      await submit.click();
      await page.waitForURL(/\/sandbox\/cashier\//, { timeout: 30_000 });
    },
  );

  browserTest(env, '商家后台 logs in as the demo merchant and lists the shop', async (page) => {
    await page.setViewportSize(DESKTOP); // the consoles are desktop screens
    await page.goto('/');
    await page
      .getByTestId('door-merchant')
      .getByRole('button', { name: /商家后台/ })
      .click();
    await page.waitForURL((url) => url.pathname === '/merchant');

    const shops = await pageApi<{ items: Array<{ id: string; name: string }> }>(page, '/api/v1/merchant/shops');
    assert.equal(shops.status, 200);
    assert.ok(shops.body.items.length > 0, 'the demo merchant owns a shop');
    await page.getByTestId('console-user-menu').getByTestId('display-name').waitFor();

    // Log out from the console's user menu: back on the landing page, signed out.
    await page.getByTestId('console-user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const me = await pageApi(page, '/api/v1/me');
    assert.equal(me.status, 401);
  });

  browserTest(env, '达人中心 and 平台管理 open their consoles signed in as the demo user', async (page) => {
    const logins = await demoLogins(env());
    await page.setViewportSize(DESKTOP);
    for (const door of DOORS.filter((d) => d.role === 'creator' || d.role === 'admin')) {
      const demo = logins.find((l) => l.role === door.role)!;
      await env().browser.context.clearCookies();
      await page.goto('/');
      await page
        .getByTestId(`door-${door.role}`)
        .getByRole('button', { name: new RegExp(door.title) })
        .click();
      await page.waitForURL((url) => url.pathname === door.path);
      await page.getByTestId('console-user-menu').getByText(demo.displayName, { exact: true }).waitFor();
      const me = await pageApi<{ user: { login: string } }>(page, '/api/v1/me');
      assert.equal(me.body.user.login, demo.login);
    }
  });
});
