import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { call, screen, switchLanguage, tokenFor } from './support/console-api.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };
// A 48×48 PNG (the after-sales scenario's photo): the appeal's evidence.
const EVIDENCE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAvElEQVR42u3Yyw2AMAwDUE/COIzDJGzKhQ3g3lbCbRMTRKQM8FSp+RjneYQqJChB74CuHUwpQCRlmAVXygALGg1vgobCsyDWPJpgrtnWpS7eZAxqapqmbpCthjdBpiFNNiBSU5sokN/zMI8UHmT41UlQYUrQT0HDfcgRNNCp3UFds0wE4qe9DjS5HiUoQdYgvcll/fAFKU2OO7UvSGMSHYqTx+unQOFu+4jpR8R8KGiCFjFjDJrCZnCeoKJuAzOKHm8WKNUAAAAASUVORK5CYII=',
  'base64',
);

describe('违规管理 · 违规与申诉', () => {
  const env = useEnv();

  browserTest(
    env,
    'the merchant sees the 12-point warning and the throttle, appeals; the admin grants it; the merchant sees the points removed and the penalty lifted',
    async (page) => {
      await page.setViewportSize(DESKTOP);
      const admin = await tokenFor(env(), 'admin');
      const merchant = await tokenFor(env(), 'merchant');
      const shops = await call<{ items: Array<{ id: string }> }>(env(), 'GET', '/api/v1/merchant/shops', {
        token: merchant,
      });
      const shopId = shops.body.items[0]!.id;
      // A confirmed counterfeit report (12 points in the serious ledger), recorded by the platform.
      const recorded = await call<{ id: string }>(env(), 'POST', '/api/v1/admin/violations', {
        token: admin,
        body: {
          subjectKind: 'shop',
          subjectId: shopId,
          rule: 'counterfeit',
          refId: 'report-e2e-1',
          note: '举报假冒商品属实',
        },
      });
      assert.equal(recorded.status, 201);
      const violationId = recorded.body.id;

      await page.goto('/');
      await page.getByTestId('door-merchant').getByRole('button').click();
      await page.waitForURL((url) => url.pathname === '/merchant');
      await page.getByRole('menuitem', { name: '违规管理' }).click();
      await page.waitForURL((url) => url.pathname === '/merchant/violations');
      const warning = page.getByTestId('violation-warning');
      await warning.waitFor();
      assert.match(await warning.innerText(), /12 分（严重违规）.*商品推荐流量 ×0\.7/);
      await page.getByTestId('penalty-traffic_throttle-active').waitFor();
      await screen(page, 'merchant-violations-warning-zh');

      await page.getByTestId(`appeal-${violationId}`).click();
      await page
        .locator('textarea[data-testid="appeal-text"], [data-testid="appeal-text"] textarea')
        .fill('该商品有品牌授权书，举报人未核实');
      await page
        .getByTestId('evidence-input')
        .setInputFiles({ name: 'licence.png', mimeType: 'image/png', buffer: EVIDENCE_PNG });
      await page.locator('[data-testid="evidence-preview"][data-status="done"]').waitFor();
      await screen(page, 'merchant-violations-appeal-zh');
      const filed = page.waitForResponse((res) => res.url().endsWith(`/api/v1/violations/${violationId}/appeals`));
      await page.getByTestId('appeal-submit').click();
      assert.equal((await filed).status(), 201);
      await page.getByTestId(`violation-status-${violationId}`).getByText('申诉中').waitFor();

      // The admin decides in 平台管理 · 违规与申诉.
      const adminPage = await page.context().browser()!.newPage();
      try {
        await adminPage.setViewportSize(DESKTOP);
        await adminPage.goto(page.url().replace(/\/merchant.*$/, '/'));
        await adminPage.getByTestId('door-admin').getByRole('button').click();
        await adminPage.waitForURL((url) => url.pathname === '/admin');
        await adminPage.getByRole('menuitem', { name: '违规与申诉' }).click();
        await adminPage.getByTestId('appeals-pending').locator('img[src^="/media/"]').waitFor();
        await adminPage.getByTestId(`decide-${violationId}`).click();
        await adminPage
          .locator('textarea[data-testid="decision-reason"], [data-testid="decision-reason"] textarea')
          .fill('授权书核实有效，撤销违规');
        await screen(adminPage, 'admin-violations-decide-zh');
        const decided = adminPage.waitForResponse(
          (res) => res.url().includes('/api/v1/admin/violations/appeals/') && res.url().endsWith('/decision'),
        );
        await adminPage.getByTestId('appeal-grant').click();
        assert.equal((await decided).status(), 200);
        await adminPage.getByText('没有待处理的申诉').waitFor();
        await adminPage.getByRole('tab', { name: '已处理' }).click();
        await adminPage.getByTestId('appeals-decided').getByText('授权书核实有效，撤销违规').waitFor();
        await adminPage.getByRole('tab', { name: '规则与积分' }).click();
        await adminPage.getByTestId('violation-catalogue').locator('.semi-table-row').first().waitFor();
        await screen(adminPage, 'admin-violations-catalogue-zh');
      } finally {
        await adminPage.close();
      }

      await page.reload();
      await page.getByTestId('penalty-traffic_throttle-lifted').waitFor();
      assert.equal(await page.getByTestId('violation-warning').count(), 0);
      await page.getByTestId(`violation-status-${violationId}`).getByText('申诉成功').waitFor();
      assert.match(await page.getByTestId('ledger-serious').innerText(), /0 分/);
      await page.getByTestId('violation-records').getByRole('button', { name: '详情' }).first().click();
      await page.getByTestId('violation-timeline').getByText('申诉成功：授权书核实有效，撤销违规').waitFor();
      await page.getByTestId('violation-timeline').getByText('处罚已解除：限流').waitFor();
      await screen(page, 'merchant-violations-lifted-zh');
      await page.keyboard.press('Escape');
      await switchLanguage(page, 'en');
      await page.getByTestId('penalty-traffic_throttle-lifted').waitFor();
      await page.getByText('Appeal granted').first().waitFor();
      await screen(page, 'merchant-violations-lifted-en');
      await switchLanguage(page, 'zh-CN');
    },
  );

  browserTest(env, 'the creator sees the credit score of 12 in 达人中心 · 信用分', async (page) => {
    await page.setViewportSize(DESKTOP);
    await page.goto('/');
    await page.getByTestId('door-creator').getByRole('button').click();
    await page.waitForURL((url) => url.pathname === '/creator');
    await switchLanguage(page, 'zh-CN'); // the language chosen in the test before is remembered
    await page.getByRole('menuitem', { name: '信用分' }).click();
    await page.getByTestId('credit-score').waitFor();
    assert.equal((await page.getByTestId('credit-score').innerText()).trim(), '12 / 12');
    await screen(page, 'creator-credit-zh');
  });
});
