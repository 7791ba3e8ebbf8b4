import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { logIn } from './support/affiliate-cast.ts';
import { screen, useLanguage } from './support/screens.ts';
import { demoLogin } from './support/demo.ts';
import { call, loginToken, registerToken } from './support/shopper-api.ts';
import { browserTest, useEnv } from './support/suite.ts';

const PHONE = { width: 390, height: 844 };

/** Waits until the tab's first page has arrived (or its empty state), then returns how many results it shows. */
async function resultsOf(page: Page, tab: string): Promise<number> {
  const results = page.locator(`[data-testid="results-${tab}"][data-loaded="true"]`);
  await results.waitFor();
  return Number(await results.getAttribute('data-count'));
}

async function prices(page: Page): Promise<number[]> {
  return page
    .locator('[data-testid="search-results"] [data-testid="product-card"]')
    .evaluateAll((cards) => cards.map((c) => Number(c.getAttribute('data-price-fen'))));
}

describe('shopper search and the live room’s host', () => {
  const env = useEnv();

  browserTest(
    env,
    'typing cha finds tea; the videos, people and live tabs; sorting by price both ways; more results on scrolling',
    async (page) => {
      await page.setViewportSize(PHONE);
      await page.goto('/app/search');
      await page.goto('/');
      await useLanguage(page, 'zh-CN');
      await page.goto('/app/search');
      await page.getByTestId('search-input').fill('cha');
      await page.getByTestId('search-input').press('Enter');
      await page.waitForURL((url) => url.pathname === '/app/search' && url.searchParams.get('q') === 'cha');
      const found = await resultsOf(page, 'products');
      assert.ok(found >= 10, `cha finds the tea shop's products (found ${found})`);
      const cards = await page
        .locator('[data-testid="search-results"] [data-testid="product-card"]')
        .evaluateAll((els) =>
          els.map((el) => ({
            title: el.querySelector('.card-title')?.textContent ?? '',
            shop: el.querySelector('.card-shop')?.textContent ?? '',
          })),
        );
      for (const card of cards)
        assert.ok(
          card.title.includes('茶') || card.shop.includes('茶'),
          `a tea product, by its title or shop: ${card.title} · ${card.shop}`,
        );
      await screen(page, 'search-pinyin-zh');

      // Infinite scroll: the end of the list brings the next page.
      await page.locator('[data-testid="search-end"][data-has-more="true"]').waitFor();
      await page.getByTestId('search-end').scrollIntoViewIfNeeded();
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="search-results"] [data-testid="product-card"]').length > n,
        found,
      );

      // 价格: cheapest first, then dearest first.
      await page.getByTestId('sort-price').click();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'price_asc');
      await resultsOf(page, 'products');
      const up = await prices(page);
      assert.deepEqual(
        up,
        [...up].sort((a, b) => a - b),
        'price ascending',
      );
      await screen(page, 'search-price-asc-zh');
      await page.getByTestId('sort-price').click();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'price_desc');
      await resultsOf(page, 'products');
      const down = await prices(page);
      assert.deepEqual(
        down,
        [...down].sort((a, b) => b - a),
        'price descending',
      );
      assert.ok(down[0]! > up[0]!, 'the dearest tea costs more than the cheapest');
      await page.getByTestId('sort-sales').click();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'sales');
      await resultsOf(page, 'products');
      const sales = await page
        .locator('[data-testid="search-results"] [data-testid="product-card"]')
        .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-sales'))));
      assert.deepEqual(
        sales,
        [...sales].sort((a, b) => b - a),
        'best sellers first',
      );

      // 视频: videos about tea (or by the tea lover 茶友老周).
      await page.getByTestId('tab-videos').click();
      assert.ok((await resultsOf(page, 'videos')) > 0, 'videos found by cha');
      await screen(page, 'search-videos-zh');

      // 用户: 茶友老周 by the pinyin of 茶.
      await page.getByTestId('tab-users').click();
      assert.ok((await resultsOf(page, 'users')) > 0);
      await page.getByTestId('search-person').filter({ hasText: '茶友老周' }).waitFor();
      await screen(page, 'search-users-zh');

      // 直播: the demo room is on air; its title has 直播 (zhibo).
      await page.getByTestId('tab-live').click();
      await resultsOf(page, 'live');
      await page.getByTestId('search-input').fill('zhibo');
      await page.getByTestId('search-input').press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === 'zhibo' && url.searchParams.get('tab') === 'live');
      assert.ok((await resultsOf(page, 'live')) > 0, 'the live room found by pinyin');
      await page.locator('[data-testid="search-room"][data-status="live"]').first().waitFor();
      await screen(page, 'search-live-zh');

      // The same in English.
      await useLanguage(page, 'en');
      await page.goto('/app/search?q=cha');
      await resultsOf(page, 'products');
      await page.getByRole('tab', { name: 'Products' }).waitFor();
      await screen(page, 'search-pinyin-en');
      await page.getByTestId('tab-users').click();
      await resultsOf(page, 'users');
      await screen(page, 'search-users-en');
    },
  );

  browserTest(env, 'tapping the live room’s host shows their profile; 关注 survives a reload', async (page, e) => {
    const base = e.server.url;
    const rooms = await call<{ items: Array<{ id: string; host: { kind: string; id: string; name: string } }> }>(
      base,
      'GET',
      '/api/v1/live/rooms?status=live',
    );
    const room = rooms.items.find((r) => r.host.kind === 'creator');
    assert.ok(room, 'the demo creator is on air');
    const login = `fan${Date.now().toString(36)}`;
    const password = 'e2e-fan-password';
    await registerToken(base, login, password, '新来的茶友');

    await page.setViewportSize(PHONE);
    await page.goto('/');
    await useLanguage(page, 'zh-CN'); // the browser's storage outlives a test: start in Chinese
    await logIn(page, `/app/live/${room.id}`, login, password);
    await page.locator(`[data-testid="live-room"][data-room-id="${room.id}"]`).waitFor();
    await page.getByTestId('live-host').click();
    const sheet = page.getByTestId('host-sheet-creator');
    await sheet.waitFor();
    await sheet.getByText(room.host.name).first().waitFor();
    const follow = page.getByTestId('host-follow');
    await page.locator('[data-testid="host-sheet-creator"][data-followed="false"]').waitFor();
    assert.equal((await follow.textContent())?.trim(), '关注');
    const before = Number(await page.getByTestId('host-followers').textContent());
    await page.locator('[data-testid="host-videos"] li').first().waitFor();
    await screen(page, 'live-host-sheet-zh');
    await follow.click();
    await page.locator('[data-testid="host-sheet-creator"][data-followed="true"]').waitFor();
    assert.equal((await follow.textContent())?.trim(), '已关注');
    if (before < 10_000)
      assert.equal(Number(await page.getByTestId('host-followers').textContent()), before + 1, 'one more follower');
    await screen(page, 'live-host-followed-zh');

    await page.reload();
    await page.locator(`[data-testid="live-room"][data-room-id="${room.id}"]`).waitFor();
    await page.getByTestId('live-host').click();
    await page.locator('[data-testid="host-sheet-creator"][data-followed="true"]').waitFor();
    assert.equal(
      (await page.getByTestId('host-follow').textContent())?.trim(),
      '已关注',
      'still followed after a reload',
    );
    await page.getByTestId('host-profile-link').click();
    await page.waitForURL((url) => url.pathname === `/app/u/${room.host.id}`);
    await page.locator('[data-testid="profile-follow"]').getByText('已关注').waitFor();

    await useLanguage(page, 'en');
    await page.goto(`/app/live/${room.id}`);
    await page.locator(`[data-testid="live-room"][data-room-id="${room.id}"]`).waitFor();
    await page.getByTestId('live-host').click();
    await page.locator('[data-testid="host-sheet-creator"][data-followed="true"]').waitFor();
    assert.equal((await page.getByTestId('host-follow').textContent())?.trim(), 'Following');
    await screen(page, 'live-host-sheet-en');
  });

  browserTest(
    env,
    'a shop broadcast (店播): tapping the host shows the shop and leads to the shop page',
    async (page, e) => {
      const base = e.server.url;
      const merchantLogin = await demoLogin(e, 'merchant');
      const merchant = await loginToken(base, merchantLogin.login, merchantLogin.password);
      const shops = await call(base, 'GET', '/api/v1/merchant/shops', { token: merchant.token });
      const shop: { id: string; name: string } = shops.items[0];
      const room = await call<{ id: string }>(base, 'POST', '/api/v1/live/rooms', {
        token: merchant.token,
        body: { title: '店播 · 新品上架', shopId: shop.id },
      });
      await call(base, 'POST', `/api/v1/live/rooms/${room.id}/open`, { token: merchant.token });

      await page.setViewportSize(PHONE);
      await page.goto('/');
      await useLanguage(page, 'zh-CN');
      await page.goto(`/app/live/${room.id}`);
      await page.locator(`[data-testid="live-room"][data-room-id="${room.id}"]`).waitFor();
      await page.getByTestId('live-host').click();
      const sheet = page.getByTestId('host-sheet-shop');
      await sheet.getByText(shop.name).first().waitFor();
      await sheet.getByText('店播').waitFor();
      await screen(page, 'live-host-shop-zh');
      await useLanguage(page, 'en');
      await page.getByTestId('live-host').click();
      await page.getByTestId('host-sheet-shop').getByText('Shop live').waitFor();
      await screen(page, 'live-host-shop-en');
      await page.getByTestId('host-shop-link').click();
      await page.waitForURL((url) => url.pathname === `/app/shop/${shop.id}`);
      await page.getByTestId('shop-header').getByText(shop.name).waitFor();
    },
  );
});
