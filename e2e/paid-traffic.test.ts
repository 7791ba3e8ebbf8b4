import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe } from 'node:test';
import { call, screen, switchLanguage, tokenFor } from './support/console-api.ts';
import { buyFromSheet } from './support/demo.ts';
import { SERVER_MAIN } from './support/paths.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

describe('投流: paid traffic from top-up to an attributed order', () => {
  const env = useEnv();

  browserTest(env, 'a merchant tops up and promotes a video; the shopper sees it labelled 广告 and buys; the report shows the spend and the order; the ledger balances', async (page) => {
    await page.setViewportSize(DESKTOP);
    const merchant = await tokenFor(env(), 'merchant');
    const shops = await call<{ items: Array<{ id: string }> }>(env(), 'GET', '/api/v1/merchant/shops', { token: merchant });
    const shopId = shops.body.items[0]!.id;
    // A creative whose product card (its first anchor) is the shop's own product, so the shopper buys what is promoted.
    const creatives = await call<{ items: Array<{ videoId: string; title: string; productId: string; productTitle: string }> }>(env(), 'GET', `/api/v1/merchant/shops/${shopId}/ads/creatives`, { token: merchant });
    let creative: (typeof creatives.body.items)[number] | null = null;
    for (const c of creatives.body.items) {
      const v = await call<{ anchors: Array<{ productId: string }> }>(env(), 'GET', `/api/v1/videos/${c.videoId}`);
      if (v.body.anchors[0]?.productId === c.productId) {
        creative = c;
        break;
      }
    }
    assert.ok(creative, 'the demo shop has a published video carrying its product');

    // 商家后台 · 推广: top up ¥500 through the sandbox cashier.
    await page.goto('/');
    await page.getByTestId('door-merchant').getByRole('button').click();
    await page.waitForURL((url) => url.pathname === '/merchant');
    await switchLanguage(page, 'zh-CN');
    await page.getByRole('menuitem', { name: '推广' }).click();
    await page.waitForURL((url) => url.pathname === '/merchant/ads');
    await page.getByTestId('ads-balance').waitFor();
    await page.getByTestId('ads-topup').click();
    await page.waitForURL((url) => url.pathname.startsWith('/sandbox/cashier/'));
    assert.equal(await page.getByTestId('cashier-amount').innerText(), '¥500.00');
    await page.getByTestId('cashier-pay').click();
    await page.waitForURL((url) => url.pathname === '/merchant/ads', { timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="ads-balance"]')?.textContent === '¥500.00', undefined, { timeout: 30_000 });

    // A campaign for that video: orders, a cost cap of ¥30, ¥300 a day, even pacing.
    await page.getByTestId('ads-new-campaign').click();
    await page.getByRole('dialog').locator('input').first().fill('橙子日常推广');
    await page.getByTestId('ads-creative').click();
    await page.getByRole('option', { name: `${creative.title} · ${creative.productTitle}` }).first().click();
    await screen(page, 'merchant-ads-create-zh');
    const created = page.waitForResponse((res) => res.url().endsWith('/ads/campaigns') && res.request().method() === 'POST');
    await page.getByTestId('ads-create').click();
    assert.equal((await created).status(), 201);
    await page.getByTestId('ads-campaigns').getByText('橙子日常推广').waitFor();
    await page.getByTestId('ads-campaigns').getByText('投放中').waitFor();
    await screen(page, 'merchant-ads-zh');

    // The shopper's feed: the ad at position 3, labelled 广告; the shopper taps its product card and buys.
    const shopperPage = await page.context().browser()!.newPage();
    try {
      await shopperPage.setViewportSize(PHONE);
      await shopperPage.goto(page.url().replace(/\/merchant.*$/, '/'));
      const billed = shopperPage.waitForResponse((res) => res.url().endsWith('/api/v1/ads/impressions') && res.request().method() === 'POST', { timeout: 30_000 });
      await shopperPage.getByTestId('door-shopper').getByRole('button').click();
      await shopperPage.waitForURL((url) => url.pathname === '/app');
      const current = shopperPage.getByTestId('video-current');
      await current.waitFor();
      for (let i = 0; i < 2; i++) {
        const id = await current.getAttribute('data-video-id');
        await shopperPage.keyboard.press('ArrowDown');
        await shopperPage.waitForFunction((prev) => document.querySelector('[data-testid="video-current"]')?.getAttribute('data-video-id') !== prev, id);
        await shopperPage.waitForTimeout(400);
      }
      assert.equal(await current.getAttribute('data-video-id'), creative.videoId, 'the promoted video is the third item');
      assert.equal(await current.getByTestId('ad-label').innerText(), '广告');
      const answer = await (await billed).json() as { outcomes: Record<string, string> };
      assert.deepEqual(Object.values(answer.outcomes), ['billed'], 'the impression is billed once');
      await screen(shopperPage, 'feed-ad-zh');
      const clicked = shopperPage.waitForResponse((res) => res.url().endsWith('/api/v1/ads/clicks'));
      await current.getByTestId('anchor-card').click();
      assert.deepEqual(await (await clicked).json(), { counted: true });
      await shopperPage.getByTestId('product-sheet').waitFor();
      const addressName = await defaultAddressName(env(), await tokenFor(env(), 'shopper'));
      await buyFromSheet(shopperPage, 'product-sheet', addressName);
    } finally {
      await shopperPage.close();
    }

    // The report: spend, one impression, one click, the order and its GMV (attributed as the worker delivers the payment event).
    const campaigns = await call<{ items: Array<{ id: string; name: string }> }>(env(), 'GET', `/api/v1/merchant/shops/${shopId}/ads/campaigns`, { token: merchant });
    const campaignId = campaigns.body.items.find((c) => c.name === '橙子日常推广')!.id;
    let report = await call<{ total: { spendFen: number; impressions: number; clicks: number; conversions: number; gmvFen: number } }>(env(), 'GET', `/api/v1/merchant/ads/campaigns/${campaignId}/report`, { token: merchant });
    for (let i = 0; i < 60 && report.body.total.conversions === 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      report = await call(env(), 'GET', `/api/v1/merchant/ads/campaigns/${campaignId}/report`, { token: merchant });
    }
    assert.equal(report.body.total.impressions, 1);
    assert.equal(report.body.total.clicks, 1);
    assert.equal(report.body.total.conversions, 1, 'the order counts for the campaign');
    assert.ok(report.body.total.gmvFen > 0);
    await page.reload();
    await page.getByTestId('ads-report').first().click();
    await page.getByTestId('ads-report-conversions').getByText('1').waitFor();
    const spend = await page.getByTestId('ads-report-spend').innerText();
    assert.match(spend, /^¥\d+\.\d\d$/);
    await screen(page, 'merchant-ads-report-zh');

    // 平台管理 · 广告 shows the revenue and the creative.
    const adminPage = await page.context().browser()!.newPage();
    try {
      await adminPage.setViewportSize(DESKTOP);
      await adminPage.goto(page.url().replace(/\/merchant.*$/, '/'));
      await adminPage.getByTestId('door-admin').getByRole('button').click();
      await adminPage.waitForURL((url) => url.pathname === '/admin');
      await adminPage.getByRole('menuitem', { name: '广告' }).click();
      await adminPage.getByText('橙子日常推广').waitFor();
      await screen(adminPage, 'admin-ads-zh');
    } finally {
      await adminPage.close();
    }

    // The books balance: every journal, every cached balance, the ad account included.
    if (env().server.dataDir) {
      const check = spawnSync(process.execPath, [SERVER_MAIN, 'ledger', 'check', '--data', env().server.dataDir], { encoding: 'utf8' });
      assert.equal(check.status, 0, check.stdout + check.stderr);
    }
  }, 180_000);
});

async function defaultAddressName(e: Parameters<typeof call>[0], token: string): Promise<string> {
  const list = await call<{ items: Array<{ name: string; isDefault: boolean }> } | Array<{ name: string; isDefault: boolean }>>(e, 'GET', '/api/v1/me/addresses', { token });
  const items = Array.isArray(list.body) ? list.body : list.body.items;
  return (items.find((a) => a.isDefault) ?? items[0])!.name;
}
