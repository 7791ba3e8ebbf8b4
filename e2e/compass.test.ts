import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { screen, switchLanguage } from './support/console-api.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };

async function enter(page: Page, door: 'merchant' | 'creator' | 'admin', menu: string, path: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.goto('/');
  await page.getByTestId(`door-${door}`).getByRole('button').click();
  await page.waitForURL((url) => url.pathname === `/${door}`);
  await page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${menu}$`) }).click();
  await page.waitForURL((url) => url.pathname === `/${door}/${path}`);
}

/** Picks 近 30 天 and waits for the figures of that range. */
async function last30(page: Page): Promise<void> {
  const loaded = page.waitForResponse(
    (res) => res.url().includes('/api/v1/analytics/overview') && res.status() === 200,
  );
  await page.locator('.cp-toolbar').getByText('近 30 天', { exact: true }).click();
  await loaded;
  await page.getByTestId('compass-trend').waitFor();
}

const yuan = async (page: Page, metric: string): Promise<number> =>
  Number((await page.getByTestId(`metric-${metric}`).locator('.cp-card-value').innerText()).replace(/[¥,]/g, ''));

/** A minimal CSV reader (quoted fields, CRLF) — enough to check the export is a table. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('罗盘 (merchant), 数据 (creator) and 大盘 (admin) on the demo data', () => {
  const env = useEnv();

  browserTest(
    env,
    'the merchant sees the trend, the channel split and a video’s funnel, and exports a ranking as CSV',
    async (page) => {
      await enter(page, 'merchant', '罗盘', 'compass');
      await last30(page);
      assert.ok((await yuan(page, 'gmv')) > 0, 'the demo shop sold something in 30 days');
      await page.getByTestId('metric-gmv').locator('.cp-metric-name').hover();
      await page.getByText('统计期内付款订单的商品实付金额', { exact: false }).waitFor();
      await page.getByTestId('compass-channel-pie').waitFor();
      assert.ok(
        (await page.getByTestId('compass-table-channel').locator('[data-testid="compass-row"]').count()) > 0,
        'a channel split',
      );
      await screen(page, 'compass-merchant-zh');

      await page.getByRole('tab', { name: '短视频分析' }).click();
      const firstVideo = page.getByTestId('compass-table-video').locator('[data-testid="compass-row"]').first();
      await firstVideo.waitFor();
      await firstVideo.click();
      const funnel = page.getByTestId('compass-funnel');
      await funnel.waitFor();
      const shown = Number(
        (await funnel.getByTestId('funnel-impression_people').locator('.cp-card-value').innerText()).replace(
          /[,万]/g,
          '',
        ),
      );
      assert.ok(shown > 0, 'people were shown the video');
      await screen(page, 'compass-merchant-video-funnel-zh');

      await page.getByRole('tab', { name: '商品排行' }).click();
      const productRows = page.getByTestId('compass-table-product').locator('[data-testid="compass-row"]');
      await productRows.first().waitFor();
      const href = (await page.getByTestId('compass-csv').getAttribute('href')) ?? '';
      assert.ok(href.includes('/analytics/breakdown/product') && href.includes('format=csv'), href || '(no href)');
      const download = page.waitForEvent('download');
      await page.getByTestId('compass-csv').click();
      const file = await download;
      assert.match(file.suggestedFilename(), /^compass-product-.*\.csv$/);
      const csv = await page.evaluate(async (url) => {
        const r = await fetch(url, { credentials: 'same-origin' });
        return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
      }, href);
      assert.equal(csv.status, 200);
      assert.match(csv.type, /text\/csv/);
      const table = parseCsv(csv.text);
      assert.deepEqual(table[0]!.slice(0, 3), ['编号', '名称', '成交金额(元)']);
      assert.ok(table.length >= 2, 'a row per product');
      assert.ok(
        table.every((r) => r.length === table[0]!.length),
        'every row has every column',
      );
      assert.ok(
        table.slice(1).every((r) => /^prd_/.test(r[0]!) && /^-?\d+\.\d{2}$/.test(r[2]!)),
        'ids and amounts in yuan',
      );

      // Add-to-carts on the cards and in a product's funnel.
      assert.ok(
        Number(
          (await page.getByTestId('metric-add_to_cart').locator('.cp-card-value').innerText()).replace(/[,万]/g, ''),
        ) >= 0,
      );
      await productRows.first().click();
      await page.getByTestId('compass-funnel').getByTestId('funnel-cart_people').waitFor();

      // The audience: regions, new vs returning, price bands, interest categories.
      const audience = page.getByTestId('compass-audience');
      await audience.scrollIntoViewIfNeeded();
      for (const part of ['regions', 'new', 'bands', 'interests'])
        await audience.getByTestId(`compass-audience-${part}`).locator('canvas').waitFor();
      await audience.getByText('地域分布（成交人数）').waitFor();
      await screen(page, 'compass-merchant-audience-zh');
      await switchLanguage(page, 'en');
      await audience.getByText('Regions (buyers)').waitFor();
      await page.getByTestId('compass-funnel').getByText('People who added to cart').waitFor();
      await screen(page, 'compass-merchant-audience-en');
      await switchLanguage(page, 'zh-CN');
    },
  );

  browserTest(env, 'a creator sees their own videos and sales', async (page) => {
    await enter(page, 'creator', '数据', 'data');
    await last30(page);
    await page.getByTestId('metric-commission').waitFor();
    const rows = page.getByTestId('compass-table-video').locator('[data-testid="compass-row"]');
    await rows.first().waitFor();
    assert.ok((await rows.count()) > 0, 'the creator’s videos have figures');
    await screen(page, 'compass-creator-zh');

    // 直播分析: yesterday evening's room, minute by minute, with its best moments.
    const live = page.getByTestId('compass-live');
    await live.scrollIntoViewIfNeeded();
    await live.getByTestId('compass-live-room').filter({ hasText: '昨晚专场' }).click();
    const chart = live.getByTestId('compass-live-chart');
    await chart.locator('canvas').waitFor();
    assert.ok(Number(await chart.getAttribute('data-minutes')) >= 60, 'the room’s minutes');
    assert.ok((await live.getByTestId('compass-live-peaks').locator('li').count()) > 0, 'viewer peaks');
    assert.ok((await live.getByTestId('compass-live-top-gmv').locator('li').count()) > 0, 'the best sales moments');
    await live.getByText('成交高光').waitFor();
    await screen(page, 'compass-creator-live-zh');
    await switchLanguage(page, 'en');
    await live.getByText('Best sales moments').waitFor();
    await screen(page, 'compass-creator-live-en');
    await switchLanguage(page, 'zh-CN');
  });

  browserTest(env, 'an admin sees the platform: GMV, the take, channels and categories', async (page) => {
    await enter(page, 'admin', '大盘', 'overview');
    await last30(page);
    assert.ok((await yuan(page, 'gmv')) > 0, 'platform GMV');
    assert.ok((await yuan(page, 'take')) > 0, 'the platform’s fee');
    assert.ok(
      Number(await page.getByTestId('active-shops').locator('.cp-card-value').innerText()) > 0,
      'shops selling',
    );
    await page.getByTestId('compass-channel-pie').waitFor();
    await page.getByRole('tab', { name: '类目构成' }).click();
    await page.getByTestId('compass-table-category').locator('[data-testid="compass-row"]').first().waitFor();
    await screen(page, 'compass-admin-zh');
  });
});
