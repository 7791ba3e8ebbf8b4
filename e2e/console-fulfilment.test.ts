import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { call, placePaidOrderForDemoMerchant, screen, switchLanguage, tokenFor } from './support/console-api.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };

async function enter(page: Page, door: 'merchant' | 'admin', menu: string, path: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.goto('/');
  await page.getByTestId(`door-${door}`).getByRole('button').click();
  await page.waitForURL((url) => url.pathname === `/${door}`);
  // The item's own label, not a longer one that ends with it (收益 vs 带货收益); the icon's name comes first.
  await page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${menu}$`) }).click();
  await page.waitForURL((url) => url.pathname === `/${door}/${path}`);
}

describe('console 履约中心 and 平台规则', () => {
  const env = useEnv();

  browserTest(
    env,
    'the demo merchant sees live countdowns, declares a capacity, sees the gauge and switches a product to pre-sale',
    async (page) => {
      const { orderId, shopId } = await placePaidOrderForDemoMerchant(env());
      await enter(page, 'merchant', '履约中心', 'fulfilment');

      // The paid order's ship-by deadline counts down to the second, about 48 hours from now.
      const row = page.locator(`tr[data-testid="deadline-row"][data-order-id="${orderId}"][data-kind="ship_by"]`);
      // The demo's own paid orders wait to ship too, each inside its deadline (the demo history is placed
      // relative to the first start) and so more urgent than this one: page through to it.
      const card = page.getByTestId('deadlines-card');
      await card.locator('tr[data-testid="deadline-row"]').first().waitFor();
      assert.match(await card.innerText(), /0 项已超时/, 'nothing of the demo is overdue on first start');
      for (let pages = 0; pages < 20 && !(await row.isVisible()); pages++)
        await card.locator('.semi-page-next').click();
      await row.waitFor();
      await row.getByText('发货时限').waitFor();
      const countdown = row.getByTestId('deadline-countdown');
      const first = await countdown.innerText();
      assert.match(first, /^剩余 (1天 23:5\d|2天 00:00):\d\d$/);
      await page.waitForFunction(
        ([id, before]) =>
          document.querySelector(`tr[data-order-id="${id}"][data-kind="ship_by"] [data-testid="deadline-countdown"]`)
            ?.textContent !== before,
        [orderId, first] as const,
      );
      assert.equal(await countdown.getAttribute('data-urgent'), 'false');
      // Most urgent first.
      const dues = await page
        .locator('tr[data-testid="deadline-row"]')
        .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-due'))));
      assert.deepEqual(
        dues,
        [...dues].sort((a, b) => a - b),
      );

      // Its order opens from the row, with the ship-by countdown in the drawer.
      await row.getByTestId('deadline-order').click();
      const drawer = page.getByTestId('order-drawer');
      await drawer.getByText(orderId).waitFor();
      await drawer.getByTestId('order-ship-by').getByTestId('deadline-countdown').waitFor();
      // The shop ships to the buyer's name and full address; the phone is masked.
      const shipTo = await drawer.getByTestId('order-address').innerText();
      assert.match(shipTo, /1\d{2}\*{4}\d{4}/, `the phone is masked in ${shipTo}`);
      assert.doesNotMatch(shipTo, /1\d{10}/, 'no full phone number reaches the shop');
      await screen(page, 'merchant-order-drawer-zh');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });

      // Declare a capacity: bad input is refused in the form, a good one brings up the gauge and the projection.
      const capacity = page.getByTestId('capacity-card');
      await capacity.getByText('尚未声明日发货产能').waitFor();
      await screen(page, 'fulfilment-empty-zh');
      const input = page.getByTestId('capacity-input');
      await input.fill('0');
      await capacity.getByText('范围 1–1,000,000').waitFor();
      assert.ok(await page.getByTestId('capacity-save').isDisabled());
      await input.fill('3');
      const declared = page.waitForResponse(
        (res) => res.url().endsWith(`/api/v1/merchant/shops/${shopId}/capacity`) && res.request().method() === 'PUT',
      );
      await page.getByTestId('capacity-save').click();
      assert.equal((await declared).status(), 200);
      const gauge = page.getByTestId('capacity-gauge');
      await gauge.locator('canvas').waitFor();
      await page.getByTestId('capacity-per-day').getByText('3 单/天').waitFor();
      const merchant = await tokenFor(env(), 'merchant');
      const projection = await call<{ capacityPerDay: number; pressure: number; backlog: number }>(
        env(),
        'GET',
        `/api/v1/merchant/shops/${shopId}/capacity/projection`,
        { token: merchant },
      );
      assert.equal(projection.body.capacityPerDay, 3);
      assert.equal(Number(await gauge.getAttribute('data-percent')), Math.round(projection.body.pressure * 1000) / 10);
      assert.ok(projection.body.backlog >= 1, 'the new paid order waits to ship');
      await page.getByTestId('projection-chart').locator('canvas').waitFor();
      await screen(page, 'fulfilment-capacity-zh');

      // Switch the first listed product to pre-sale.
      const policyRow = page.locator('tr[data-testid="policy-row"]').first();
      const productId = await policyRow.getAttribute('data-product-id');
      assert.ok(productId);
      const switched = page.waitForResponse((res) =>
        res.url().endsWith(`/api/v1/merchant/products/${productId}/surge-policy`),
      );
      await policyRow.getByText('转预售').click();
      assert.equal((await switched).status(), 200);
      await page.locator(`tr[data-product-id="${productId}"][data-policy="presale"]`).waitFor();
      const after = await call<{ products: Array<{ productId: string; policy: string }> }>(
        env(),
        'GET',
        `/api/v1/merchant/shops/${shopId}/capacity/projection`,
        { token: merchant },
      );
      assert.equal(after.body.products.find((p) => p.productId === productId)?.policy, 'presale');
      await page.getByTestId('violations-card').getByTestId('violation-points').waitFor();
      await screen(page, 'fulfilment-policy-zh');

      // Shipped with the sandbox carrier, the order's drawer shows the parcel's tracking (waiting for the first scan).
      const trackingNo = `SBXE2E${Date.now()}`;
      const shipped = await call(env(), 'POST', `/api/v1/merchant/orders/${orderId}/ship`, {
        token: merchant,
        body: { parcels: [{ carrier: 'sandbox', trackingNo }] },
      });
      assert.equal(shipped.status, 200, JSON.stringify(shipped.body));
      await row.getByTestId('deadline-order').click();
      const parcel = drawer.getByTestId('tracking-parcel');
      await parcel.getByText(trackingNo).waitFor();
      await parcel.getByTestId('tracking-status').getByText('待揽收').waitFor();
      await screen(page, 'fulfilment-order-tracking-zh');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });

      await switchLanguage(page, 'en');
      await row.getByText('Ship by').waitFor();
      assert.match(await countdown.innerText(), /^(1d 23:5\d|2d 00:00):\d\d left$/);
      await screen(page, 'fulfilment-en');
      await switchLanguage(page, 'zh-CN');

      // The dashboard shows the same gauge and leads back here.
      await page.goto('/merchant');
      const onDashboard = page.getByTestId('dashboard-capacity');
      await onDashboard.getByTestId('capacity-gauge').locator('canvas').waitFor();
      const now = await call<{ pressure: number }>(
        env(),
        'GET',
        `/api/v1/merchant/shops/${shopId}/capacity/projection`,
        { token: merchant },
      );
      assert.equal(
        Number(await onDashboard.getByTestId('capacity-gauge').getAttribute('data-percent')),
        Math.round(now.body.pressure * 1000) / 10,
      );
      await onDashboard.getByText('履约中心').click();
      await page.getByTestId('capacity-card').waitFor();
    },
  );

  browserTest(env, 'the demo admin edits a category’s ship-by hours in 平台规则 and sees it saved', async (page) => {
    await enter(page, 'admin', '平台规则', 'rules');
    const row = page.locator('tr[data-testid="rules-row"]').first();
    await row.waitFor();
    const categoryId = await row.getAttribute('data-category-id');
    assert.ok(categoryId);
    const cell = page.locator(`tr[data-category-id="${categoryId}"] [data-testid="rule-shipByHours"]`);
    const before = Number(await cell.getAttribute('data-value'));
    const next = before === 36 ? 30 : 36;
    await page.getByTestId('timer-counts').waitFor();
    await screen(page, 'rules-admin-zh');

    await row.getByTestId('rules-edit').click();
    const editor = page.getByTestId('rules-editor');
    const field = editor.locator('#rl-shipByHours');
    await field.fill('0');
    await editor.getByText('范围 1–2160').waitFor();
    assert.ok(await page.getByTestId('rules-save').isDisabled(), 'out of bounds cannot be saved');
    await field.fill(String(next));
    await editor.getByText('已覆盖').first().waitFor();
    await screen(page, 'rules-editor-zh');
    const saved = page.waitForResponse(
      (res) => res.url().endsWith(`/api/v1/admin/categories/${categoryId}/rules`) && res.request().method() === 'PATCH',
    );
    await page.getByTestId('rules-save').click();
    const res = await saved;
    assert.equal(res.status(), 200);
    assert.deepEqual(
      Object.keys(JSON.parse(res.request().postData() ?? '{}')),
      ['shipByHours'],
      'only the changed rule is sent',
    );
    await editor.waitFor({ state: 'hidden' });
    await page
      .locator(`tr[data-category-id="${categoryId}"] [data-testid="rule-shipByHours"][data-value="${next}"]`)
      .waitFor();
    assert.equal(await cell.getAttribute('data-override'), 'overridden');
    await cell.getByText(`${next} 小时`).waitFor();

    const admin = await tokenFor(env(), 'admin');
    const rules = await call<{ rules: { shipByHours: number } }>(
      env(),
      'GET',
      `/api/v1/admin/categories/${categoryId}/rules`,
      { token: admin },
    );
    assert.equal(rules.body.rules.shipByHours, next);
    await screen(page, 'rules-saved-zh');
  });
});
