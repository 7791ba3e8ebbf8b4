import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe } from 'node:test';
import { call, screen, switchLanguage, tokenFor } from './support/console-api.ts';
import { buyFromSheet } from './support/demo.ts';
import { SERVER_MAIN } from './support/paths.ts';
import { browserTest, useEnv } from './support/suite.ts';
import { waitForValue } from './support/wait.ts';

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

describe('投流: paid traffic from top-up to an attributed order', () => {
  const env = useEnv();

  browserTest(
    env,
    'a merchant tops up and promotes a video; the shopper sees it labelled 广告 and buys; the report shows the spend and the order; the ledger balances',
    async (page) => {
      await page.setViewportSize(DESKTOP);
      const merchant = await tokenFor(env(), 'merchant');
      const shops = await call<{ items: Array<{ id: string }> }>(env(), 'GET', '/api/v1/merchant/shops', {
        token: merchant,
      });
      const shopId = shops.body.items[0]!.id;
      // A creative whose product card (its first anchor) is the shop's own product, so the shopper buys what is promoted.
      const creatives = await call<{
        items: Array<{ videoId: string; title: string; productId: string; productTitle: string }>;
      }>(env(), 'GET', `/api/v1/merchant/shops/${shopId}/ads/creatives`, { token: merchant });
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
      await page.waitForFunction(
        () => document.querySelector('[data-testid="ads-balance"]')?.textContent === '¥500.00',
        undefined,
        { timeout: 30_000 },
      );

      // A campaign for that video: orders, a cost cap of ¥30, ¥300 a day, even pacing.
      await page.getByTestId('ads-new-campaign').click();
      await page.getByRole('dialog').locator('input').first().fill('橙子日常推广');
      await page.getByTestId('ads-creative').click();
      await page
        .getByRole('option', { name: `${creative.title} · ${creative.productTitle}` })
        .first()
        .click();
      await screen(page, 'merchant-ads-create-zh');
      const created = page.waitForResponse(
        (res) => res.url().endsWith('/ads/campaigns') && res.request().method() === 'POST',
      );
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
        const billed = shopperPage.waitForResponse(
          (res) => res.url().endsWith('/api/v1/ads/impressions') && res.request().method() === 'POST',
          { timeout: 30_000 },
        );
        await shopperPage.getByTestId('door-shopper').getByRole('button').click();
        await shopperPage.waitForURL((url) => url.pathname === '/app');
        const current = shopperPage.getByTestId('video-current');
        await current.waitFor();
        for (let i = 0; i < 2; i++) {
          const id = await current.getAttribute('data-video-id');
          await shopperPage.keyboard.press('ArrowDown');
          await shopperPage.waitForFunction(
            (prev) => document.querySelector('[data-testid="video-current"]')?.getAttribute('data-video-id') !== prev,
            id,
          );
          await shopperPage.waitForTimeout(400);
        }
        assert.equal(
          await current.getAttribute('data-video-id'),
          creative.videoId,
          'the promoted video is the third item',
        );
        assert.equal(await current.getByTestId('ad-label').innerText(), '广告');
        const answer = (await (await billed).json()) as { outcomes: Record<string, string> };
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
      const campaigns = await call<{ items: Array<{ id: string; name: string }> }>(
        env(),
        'GET',
        `/api/v1/merchant/shops/${shopId}/ads/campaigns`,
        { token: merchant },
      );
      const campaignId = campaigns.body.items.find((c) => c.name === '橙子日常推广')!.id;
      const report = await waitForValue(
        () =>
          call<{
            total: { spendFen: number; impressions: number; clicks: number; conversions: number; gmvFen: number };
          }>(env(), 'GET', `/api/v1/merchant/ads/campaigns/${campaignId}/report`, { token: merchant }),
        (res) => res.body.total.conversions > 0,
        'the campaign’s report to count the order (the worker delivers the payment event)',
      );
      assert.equal(report.body.total.impressions, 1);
      assert.equal(report.body.total.clicks, 1);
      assert.equal(report.body.total.conversions, 1, 'the order counts for the campaign');
      assert.ok(report.body.total.gmvFen > 0);
      await page.reload();
      await page.getByTestId('ads-report').first().click();
      await page.getByTestId('ads-report-conversions').getByText('1').waitFor();
      const spend = await page.getByTestId('ads-report-spend').innerText();
      assert.match(spend, /^¥\d+\.\d{2,5}$/);
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
        // The review: the admin takes the creative down with a reason, the merchant sees it, the admin restores it (paused).
        const row = adminPage.locator('tr', { hasText: '橙子日常推广' });
        await row.getByTestId('ads-take-down').click();
        await adminPage.getByTestId('ads-take-down-reason').fill('素材含绝对化用语');
        const reviewed = adminPage.waitForResponse((res) => res.url().endsWith('/review'));
        await adminPage.getByTestId('ads-take-down-confirm').click();
        assert.equal((await reviewed).status(), 200);
        await row.getByTestId('ads-status').getByText('已下架').waitFor();
        await row.getByTestId('ads-review-reason').getByText('素材含绝对化用语').waitFor();
        await screen(adminPage, 'admin-ads-taken-down-zh');
        await page.reload();
        const merchantRow = page.getByTestId('ads-campaigns').locator('tr', { hasText: '橙子日常推广' });
        await merchantRow.getByTestId('ads-status').getByText('已下架').waitFor();
        await merchantRow.getByText('素材含绝对化用语').waitFor();
        await screen(page, 'merchant-ads-taken-down-zh');
        await row.getByTestId('ads-restore').click();
        await row.getByTestId('ads-status').getByText('已暂停').waitFor();
      } finally {
        await adminPage.close();
      }

      // The books balance: every journal, every cached balance, the ad account included.
      if (env().server.dataDir) {
        const check = spawnSync(process.execPath, [SERVER_MAIN, 'ledger', 'check', '--data', env().server.dataDir], {
          encoding: 'utf8',
        });
        assert.equal(check.status, 0, check.stdout + check.stderr);
      }
    },
    180_000,
  );

  browserTest(
    env,
    "a live-room campaign: the merchant promotes the shop's live room; while it is live the shopper's feed shows the room's card labelled 广告, and entering the room is the conversion",
    async (page) => {
      await page.setViewportSize(DESKTOP);
      const merchant = await tokenFor(env(), 'merchant');
      const shops = await call<{ items: Array<{ id: string }> }>(env(), 'GET', '/api/v1/merchant/shops', {
        token: merchant,
      });
      const shopId = shops.body.items[0]!.id;
      const room = await call<{ id: string }>(env(), 'POST', '/api/v1/live/rooms', {
        token: merchant,
        body: { title: '橙园直播：现摘现发', shopId },
      });
      assert.equal(room.status, 201);
      const roomId = room.body.id;
      const account = await call<{ balanceFen: number }>(env(), 'GET', `/api/v1/merchant/shops/${shopId}/ads/account`, {
        token: merchant,
      });
      assert.ok(account.body.balanceFen > 100_00, 'the balance topped up in the first test is left');

      // 商家后台 · 推广: a live-room campaign, ¥100 per entry, ¥200 a day, with "people like my buyers" shown in both languages.
      await page.goto('/');
      await page.getByTestId('door-merchant').getByRole('button').click();
      await page.waitForURL((url) => url.pathname === '/merchant');
      await switchLanguage(page, 'en');
      await page.getByRole('menuitem', { name: 'Promotion' }).click();
      await page.waitForURL((url) => url.pathname === '/merchant/ads');
      await page.getByTestId('ads-new-campaign').click();
      await page.getByTestId('ads-promote').getByText('Live room').click();
      await page.getByTestId('ads-room').waitFor();
      await page.getByTestId('ads-lookalike').waitFor();
      await screen(page, 'merchant-ads-create-live-en');
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await switchLanguage(page, 'zh-CN');
      await page.getByTestId('ads-new-campaign').click();
      await page.getByRole('dialog').locator('input').first().fill('橙园直播间引流');
      await page.getByTestId('ads-promote').getByText('直播间').click();
      await page.getByTestId('ads-room').click();
      await page.getByRole('option', { name: '橙园直播：现摘现发' }).click();
      // Semi puts the test id on the input itself or on its wrapper, depending on the component.
      const field = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
      await field('ads-cost-cap').fill('100');
      await field('ads-budget').fill('200');
      await screen(page, 'merchant-ads-create-live-zh');
      const created = page.waitForResponse(
        (res) => res.url().endsWith('/ads/campaigns') && res.request().method() === 'POST',
      );
      await page.getByTestId('ads-create').click();
      const answer = await created;
      assert.equal(answer.status(), 201, await answer.text());
      const campaign = (await answer.json()) as { id: string; goal: string; liveRoomId: string };
      assert.equal(campaign.goal, 'live_entries');
      assert.equal(campaign.liveRoomId, roomId);
      await page.getByTestId('ads-campaigns').getByText('橙园直播间引流').waitFor();

      // Not live yet: the first feed page has no live-room ad. Then the host goes live.
      const notLive = await call<{ items: Array<{ ad?: { liveRoom?: { id: string } } }> }>(
        env(),
        'GET',
        '/api/v1/feed?limit=8',
        { headers: { 'x-viewer-id': 'e2e-live-ad-check' } },
      );
      assert.ok(!notLive.body.items.some((i) => i.ad?.liveRoom), 'a room that is not live is not served');
      const opened = await call(env(), 'POST', `/api/v1/live/rooms/${roomId}/open`, { token: merchant });
      assert.ok(opened.status < 300, JSON.stringify(opened.body));

      const shopperPage = await page.context().browser()!.newPage();
      try {
        await shopperPage.setViewportSize(PHONE);
        await shopperPage.goto(page.url().replace(/\/merchant.*$/, '/'));
        await shopperPage.getByTestId('door-shopper').getByRole('button').click();
        await shopperPage.waitForURL((url) => url.pathname === '/app');
        const current = shopperPage.getByTestId('video-current');
        await current.waitFor();
        const billed = shopperPage.waitForResponse(
          (res) => res.url().endsWith('/api/v1/ads/impressions') && res.request().method() === 'POST',
          { timeout: 30_000 },
        );
        for (let i = 0; i < 2; i++) {
          await shopperPage.keyboard.press('ArrowDown');
          await shopperPage.waitForTimeout(400);
        }
        const card = shopperPage.locator('.slide-frame[aria-hidden="false"] [data-testid="live-ad"]');
        await card.waitFor();
        assert.equal(await card.getAttribute('data-room-id'), roomId, 'the live room is the third item');
        assert.equal(await card.getByTestId('ad-label').innerText(), '广告');
        assert.deepEqual(
          Object.values(((await (await billed).json()) as { outcomes: Record<string, string> }).outcomes),
          ['billed'],
        );
        await screen(shopperPage, 'feed-live-ad-zh');
        const entered = shopperPage.waitForResponse((res) => res.url().endsWith('/api/v1/ads/entries'));
        await card.getByTestId('live-ad-enter').click();
        await shopperPage.waitForURL((url) => url.pathname === `/app/live/${roomId}`);
        assert.deepEqual(await (await entered).json(), { outcome: 'converted' });
      } finally {
        await shopperPage.close();
      }
      const report = await call<{ total: { impressions: number; conversions: number; spendFen: number } }>(
        env(),
        'GET',
        `/api/v1/merchant/ads/campaigns/${campaign.id}/report`,
        { token: merchant },
      );
      assert.equal(report.body.total.impressions, 1);
      assert.equal(report.body.total.conversions, 1, 'the room entry is the conversion');
      await call(env(), 'POST', `/api/v1/live/rooms/${roomId}/end`, { token: merchant });
    },
    180_000,
  );
});

async function defaultAddressName(e: Parameters<typeof call>[0], token: string): Promise<string> {
  const list = await call<
    { items: Array<{ name: string; isDefault: boolean }> } | Array<{ name: string; isDefault: boolean }>
  >(e, 'GET', '/api/v1/me/addresses', { token });
  const items = Array.isArray(list.body) ? list.body : list.body.items;
  return (items.find((a) => a.isDefault) ?? items[0])!.name;
}
