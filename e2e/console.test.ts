import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import { call, placePaidOrderForDemoMerchant, screen, switchLanguage, tokenFor } from './support/console-api.ts';
import { REPO_ROOT } from './support/paths.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };

describe('consoles (Semi Design)', () => {
  const env = useEnv();

  browserTest(env, '(b) the demo merchant ships a paid order from 订单 and it shows 已发货', async (page) => {
    const { orderId } = await placePaidOrderForDemoMerchant(env());
    await page.setViewportSize(DESKTOP);
    await page.goto('/');
    await page.getByTestId('door-merchant').getByRole('button').click();
    await page.waitForURL((url) => url.pathname === '/merchant');
    await page.getByTestId('dashboard-stats').waitFor();
    await screen(page, 'merchant-home-zh');

    await page.getByRole('menuitem', { name: '订单' }).click();
    await page.waitForURL((url) => url.pathname === '/merchant/orders');
    await page.getByRole('tab', { name: '待发货' }).click();
    const row = page.locator(`tr[data-order-id="${orderId}"]`);
    await row.waitFor();
    await screen(page, 'merchant-orders-zh');
    await row.getByTestId('order-open').click();
    const drawer = page.getByTestId('order-drawer');
    await drawer.getByTestId('ship-open').click();
    // A number in another carrier's format is questioned (the carrier list and formats are the platform's one table)…
    await page.getByTestId('ship-tracking').fill('731062985471');
    await page.getByTestId('ship-format-hint').getByText('这不像顺丰速运的运单号', { exact: false }).waitFor();
    await screen(page, 'merchant-ship-zh');
    // …one in 顺丰's own format is not.
    const waybill = `SF14${String(Date.now()).slice(-11)}`;
    await page.getByTestId('ship-tracking').fill(waybill);
    await page.getByTestId('ship-format-hint').waitFor({ state: 'detached' });
    const shipped = page.waitForResponse((res) => res.url().endsWith(`/api/v1/merchant/orders/${orderId}/ship`));
    await page.getByTestId('ship-confirm').click();
    assert.equal((await shipped).status(), 200);
    await drawer.getByTestId('order-status').getByText('已发货').waitFor();
    await drawer.getByTestId('parcel').getByText(waybill).waitFor();
    await screen(page, 'merchant-order-shipped-zh');
    const shopper = await tokenFor(env(), 'shopper');
    const order = await call<{ status: string }>(env(), 'GET', `/api/v1/orders/${orderId}`, { token: shopper });
    assert.equal(order.body.status, 'shipped');

    // The other screens, for the reviewer: products, settings, batch shipping; then English.
    await page.keyboard.press('Escape');
    await page.getByTestId('batch-open').click();
    await page.getByText('orderId,carrier,trackingNo', { exact: false }).first().waitFor();
    await screen(page, 'merchant-batch-zh');
    await page.keyboard.press('Escape');
    await page.getByRole('menuitem', { name: '商品' }).click();
    await page.locator('.semi-table-row').first().waitFor();
    await screen(page, 'merchant-products-zh');
    await page.getByRole('button', { name: '编辑' }).first().click();
    await page.getByText('SKU 价格与库存').waitFor();
    await screen(page, 'merchant-product-edit-zh');
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByText('店铺资料').waitFor();
    await screen(page, 'merchant-settings-zh');
    await switchLanguage(page, 'en');
    await page.getByRole('menuitem', { name: 'Home' }).click();
    await page.getByTestId('dashboard-stats').waitFor();
    await screen(page, 'merchant-home-en');
    await page.getByRole('menuitem', { name: 'Orders' }).click();
    await page.locator('.semi-table-row').first().waitFor();
    await screen(page, 'merchant-orders-en');
    await page.getByRole('menuitem', { name: 'Products' }).click();
    await page.locator('.semi-table-row').first().waitFor();
    await screen(page, 'merchant-products-en');
    await switchLanguage(page, 'zh-CN');
  });

  browserTest(
    env,
    '(d) the demo creator uploads a video with one anchor product, publishes it, and the feed returns it',
    async (page) => {
      const clipDir = join(REPO_ROOT, 'packages/core/assets/demo-videos');
      const clip = readdirSync(clipDir)
        .filter((f) => f.endsWith('.mp4'))
        .sort()[0];
      assert.ok(clip, 'a demo clip exists in packages/core/assets/demo-videos');
      await page.setViewportSize(DESKTOP);
      await page.goto('/');
      await page.getByTestId('door-creator').getByRole('button').click();
      await page.waitForURL((url) => url.pathname === '/creator');
      await page.getByRole('menuitem', { name: '发布作品' }).click();
      await page.getByTestId('video-file').setInputFiles(join(clipDir, clip));
      const title = `e2e 达人好物 ${Date.now() % 100000}`;
      await page.getByTestId('video-title').fill(title);
      await page.getByTestId('video-caption').fill('今天挖到宝了 #好物推荐 #种草');
      await page.getByTestId('anchor-select').click();
      const option = page.locator('.semi-select-option').first();
      await option.waitFor();
      await option.click();
      await page.keyboard.press('Escape');
      await page.locator('.cs-anchor-list .cs-title-cell').first().waitFor();
      // The form says which cover an upload without a poster gets here, and it gets that one.
      const autoCover = page.getByTestId('auto-cover');
      await autoCover.waitFor();
      const coverKind = await autoCover.getAttribute('data-kind');
      assert.match(await autoCover.innerText(), coverKind === 'frame' ? /截取视频/ : /标题和作者名/);
      await screen(page, 'creator-publish-zh');
      const created = page.waitForResponse(
        (res) => res.url().endsWith('/api/v1/videos') && res.request().method() === 'POST',
      );
      await page.getByTestId('video-submit').click();
      const res = await created;
      const video = (await res.json()) as { id: string; status: string; anchors: unknown[] };
      assert.equal(res.status(), 201, JSON.stringify(video));
      assert.equal(video.status, 'published');
      assert.equal(video.anchors.length, 1);
      const posterUrl = (video as unknown as { posterUrl: string | null }).posterUrl;
      assert.match(posterUrl ?? '', coverKind === 'frame' ? /\.jpg$/ : /\.svg$/, 'the cover the form promised');
      const poster = await call(env(), 'GET', posterUrl!);
      assert.equal(poster.status, 200);
      await page.waitForURL((url) => url.pathname === '/creator/videos');
      await page.getByTestId('videos-table').getByText(title).waitFor();
      await screen(page, 'creator-videos-zh');

      // The shopper feed returns it (a new session's pages, until the end).
      let found = false;
      let cursor: string | null = null;
      for (let i = 0; i < 30 && !found; i++) {
        const feed: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await call(
          env(),
          'GET',
          `/api/v1/feed?tab=recommend&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        found = feed.body.items.some((v) => v.id === video.id);
        cursor = feed.body.nextCursor;
        if (!cursor) break;
      }
      assert.ok(found, `the feed returns the new video ${video.id}`);

      await page.getByRole('menuitem', { name: '首页' }).click();
      await page.getByTestId('creator-stats').waitFor();
      await screen(page, 'creator-home-zh');
      await switchLanguage(page, 'en');
      await page.getByRole('menuitem', { name: 'Videos' }).click();
      await page.getByTestId('videos-table').getByText(title).waitFor();
      await screen(page, 'creator-videos-en');
      await page.getByRole('menuitem', { name: 'Publish' }).click();
      await screen(page, 'creator-publish-en');
      await switchLanguage(page, 'zh-CN');
    },
  );

  browserTest(env, 'the admin console lists users, shops and the category rules', async (page) => {
    await page.setViewportSize(DESKTOP);
    await page.goto('/');
    await page.getByTestId('door-admin').getByRole('button').click();
    await page.waitForURL((url) => url.pathname === '/admin');
    await page.locator('.semi-table-row').first().waitFor();
    await screen(page, 'admin-users-zh');
    await page.getByRole('menuitem', { name: '店铺' }).click();
    await page.locator('.semi-table-row').first().waitFor();
    await screen(page, 'admin-shops-zh');
    await page.getByRole('menuitem', { name: '类目与规则' }).click();
    await page.locator('.semi-table-row').first().waitFor();
    await screen(page, 'admin-categories-zh');
    await switchLanguage(page, 'en');
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.locator('.semi-table-row').first().waitFor();
    await screen(page, 'admin-users-en');
    await page.getByRole('menuitem', { name: 'Categories & rules' }).click();
    await page.locator('.semi-table-row').first().waitFor();
    await screen(page, 'admin-categories-en');
    await switchLanguage(page, 'zh-CN');
  });
});
