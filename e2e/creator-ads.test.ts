import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe } from 'node:test';
import { call, screen, switchLanguage, tokenFor } from './support/console-api.ts';
import { SERVER_MAIN } from './support/paths.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

describe('达人中心 · 推广: a creator promotes their own video', () => {
  const env = useEnv();

  browserTest(
    env,
    "a creator tops up, creates a campaign for their own video; the shopper's feed shows it labelled 广告; the creator's report shows the spend; the ledger balances",
    async (page) => {
      await page.setViewportSize(DESKTOP);
      const creatorToken = await tokenFor(env(), 'creator');
      const creatives = await call<{
        items: Array<{ videoId: string; title: string; productId: string; productTitle: string }>;
      }>(env(), 'GET', '/api/v1/creator/ads/creatives', { token: creatorToken });
      assert.equal(creatives.status, 200, JSON.stringify(creatives.body));
      assert.ok(
        creatives.body.items.length > 0,
        'the demo creator has a published video of their own carrying a product',
      );
      // The auction never places a video that is already on the page: promote one the shopper's first page does not show (the oldest such).
      const organic = await call<{ items: Array<{ id: string }> }>(env(), 'GET', '/api/v1/feed?tab=recommend&limit=8', {
        token: await tokenFor(env(), 'shopper'),
      });
      const onPage = new Set(organic.body.items.map((i) => i.id));
      const creative = [...creatives.body.items].reverse().find((c) => !onPage.has(c.videoId));
      assert.ok(creative, "one of the creator's videos is not on the shopper's first page");

      // 达人中心 · 推广: top up ¥300 through the sandbox cashier.
      await page.goto('/');
      await page.getByTestId('door-creator').getByRole('button').click();
      await page.waitForURL((url) => url.pathname === '/creator');
      await switchLanguage(page, 'zh-CN');
      await page
        .getByRole('menuitem')
        .filter({ hasText: /^推广$/ })
        .click();
      await page.waitForURL((url) => url.pathname === '/creator/ads');
      await page.getByTestId('ads-balance').waitFor();
      assert.equal(await page.getByTestId('ads-balance').innerText(), '¥0.00');
      const amount = page
        .locator('input[data-testid="ads-topup-amount"], [data-testid="ads-topup-amount"] input')
        .first();
      await amount.fill('300');
      await page.getByTestId('ads-topup').click();
      await page.waitForURL((url) => url.pathname.startsWith('/sandbox/cashier/'));
      assert.equal(await page.getByTestId('cashier-amount').innerText(), '¥300.00');
      await page.getByTestId('cashier-pay').click();
      await page.waitForURL((url) => url.pathname === '/creator/ads', { timeout: 20_000 });
      await page.waitForFunction(
        () => document.querySelector('[data-testid="ads-balance"]')?.textContent === '¥300.00',
        undefined,
        { timeout: 30_000 },
      );

      // A campaign for the creator's own video: orders, a cost cap of ¥30, ¥300 a day.
      await page.getByTestId('ads-new-campaign').click();
      await page.getByRole('dialog').locator('input').first().fill('测评视频加热');
      await page.getByTestId('ads-creative').click();
      await page
        .getByRole('option', { name: `${creative.title} · ${creative.productTitle}` })
        .first()
        .click();
      await screen(page, 'creator-ads-create-zh');
      const created = page.waitForResponse(
        (res) => res.url().endsWith('/api/v1/creator/ads/campaigns') && res.request().method() === 'POST',
      );
      await page.getByTestId('ads-create').click();
      const answer = await created;
      assert.equal(answer.status(), 201, await answer.text());
      const campaign = (await answer.json()) as { id: string; owner: { kind: string }; videoId: string };
      assert.equal(campaign.owner.kind, 'creator');
      assert.equal(campaign.videoId, creative.videoId);
      await page.getByTestId('ads-campaigns').getByText('测评视频加热').waitFor();
      await page.getByTestId('ads-campaigns').getByText('投放中').waitFor();
      await screen(page, 'creator-ads-zh');

      // The shopper's feed: the creator's video as the third item, labelled 广告, billed once.
      const shopperPage = await page.context().browser()!.newPage();
      try {
        await shopperPage.setViewportSize(PHONE);
        await shopperPage.goto(page.url().replace(/\/creator.*$/, '/'));
        const billed = shopperPage.waitForResponse(
          (res) => res.url().endsWith('/api/v1/ads/impressions') && res.request().method() === 'POST',
          { timeout: 30_000 },
        );
        billed.catch(() => undefined); // awaited below; a failed assertion before then must not leave it unhandled
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
        const outcomes = (await (await billed).json()) as { outcomes: Record<string, string> };
        assert.deepEqual(Object.values(outcomes.outcomes), ['billed'], 'the impression is billed once');
        await screen(shopperPage, 'feed-creator-ad-zh');
      } finally {
        await shopperPage.close();
      }

      // The creator's report: one impression and its spend, in the console as over the API.
      const report = await call<{ total: { spendFen: number; spendMfen: number; impressions: number } }>(
        env(),
        'GET',
        `/api/v1/creator/ads/campaigns/${campaign.id}/report`,
        { token: creatorToken },
      );
      assert.equal(report.body.total.impressions, 1);
      assert.ok(report.body.total.spendMfen > 0, 'the impression was billed');
      const account = await call<{ balanceMfen: number; spentFen: number }>(
        env(),
        'GET',
        '/api/v1/creator/ads/account',
        { token: creatorToken },
      );
      assert.ok(account.body.balanceMfen < 300_00_000, "the impression was paid from the creator's balance");
      await page.reload();
      await page.getByTestId('ads-report').first().click();
      const spend = page.getByTestId('ads-report-spend');
      await spend.waitFor();
      const shown = await spend.innerText();
      assert.match(shown, /^¥\d+\.\d{2,5}$/);
      assert.equal(
        Math.round(Number(shown.slice(1)) * 100_000),
        report.body.total.spendMfen,
        'the report shows the spend of the impression, to the milli-fen',
      );
      await page
        .getByTestId('ads-account')
        .getByText(`¥${(Math.floor(account.body.balanceMfen / 1000) / 100).toFixed(2)}`)
        .first()
        .waitFor();
      await screen(page, 'creator-ads-report-zh');
      await page.getByRole('button', { name: 'close' }).click();
      await switchLanguage(page, 'en');
      await page.getByTestId('ads-account').getByText('Ad account').waitFor();
      await screen(page, 'creator-ads-en');

      // 达人中心 · 数据 · 推广: the same spend as the campaign's report, the metrics with their formulas.
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const compass = await call<{
        total: { spendMfen: number; impressions: number };
        campaigns: Array<{ id: string; total: { spendMfen: number } }>;
      }>(env(), 'GET', `/api/v1/analytics/ads?scope=creator&from=${today}&to=${today}`, { token: creatorToken });
      assert.equal(compass.status, 200, JSON.stringify(compass.body));
      assert.equal(compass.body.total.spendMfen, report.body.total.spendMfen, 'the Compass counts the report’s spend');
      assert.equal(compass.body.total.impressions, 1);
      assert.deepEqual(
        compass.body.campaigns.map((c) => [c.id, c.total.spendMfen]),
        [[campaign.id, report.body.total.spendMfen]],
      );
      await page
        .getByRole('menuitem')
        .filter({ hasText: /^Data$/ })
        .click();
      await page.waitForURL((url) => url.pathname === '/creator/data');
      const adsCard = page.getByTestId('compass-ads');
      await adsCard.getByTestId('compass-ads-spend').waitFor();
      assert.equal(
        (await adsCard.getByTestId('compass-ads-spend').locator('.cp-card-value').innerText()).trim(),
        shown,
        'the Compass shows the spend the 推广 report shows',
      );
      await adsCard.getByTestId('compass-ads-campaigns').getByText('测评视频加热').waitFor();
      await adsCard.getByText('Cost per conversion').first().hover();
      await page.getByText('Spend ÷ conversions').first().waitFor();
      await adsCard.scrollIntoViewIfNeeded();
      await screen(page, 'creator-compass-ads-en');
      await switchLanguage(page, 'zh-CN');
      await adsCard.getByText('转化成本').first().waitFor();
      await adsCard.scrollIntoViewIfNeeded();
      await screen(page, 'creator-compass-ads-zh');

      // The books balance, the creator's ad balance included.
      if (env().server.dataDir) {
        const check = spawnSync(process.execPath, [SERVER_MAIN, 'ledger', 'check', '--data', env().server.dataDir], {
          encoding: 'utf8',
        });
        assert.equal(check.status, 0, check.stdout + check.stderr);
        assert.match(check.stdout, /every ad balance matches its ad account/);
      }
    },
    180_000,
  );
});
