import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { screen } from './support/screens.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };

describe('the interest engine in the apps: why this, and the traffic pool', () => {
  const env = useEnv();

  browserTest(env, 'a long press on a feed card shows why it is there; "not interested" moves on', async (page) => {
    await page.goto('/app');
    const current = page.getByTestId('video-current');
    await current.waitFor();
    const first = await current.getAttribute('data-video-id');
    const tap = current.locator('.slide-tap');
    const box = await tap.boundingBox();
    assert.ok(box, 'the video has a tap area');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(800);
    await page.mouse.up();
    const sheet = page.getByTestId('why-sheet');
    await sheet.waitFor();
    await sheet.getByText('为什么推荐这条').waitFor();
    const reason = sheet.getByTestId('why-reason');
    assert.ok((await reason.getAttribute('data-code'))!.length > 0, 'the card carries a reason code');
    assert.ok(((await reason.textContent()) ?? '').trim().length > 1, 'and the reason reads as a sentence');
    await screen(page, 'feed-why-this-zh');
    await sheet.getByTestId('not-interested').click();
    await page.getByText('已减少此类推荐').waitFor();
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid="video-current"]')?.getAttribute('data-video-id') !== id,
      first,
    );
  });

  browserTest(env, 'the creator console shows which traffic pool each video reached', async (page) => {
    await page.setViewportSize(DESKTOP);
    await page.goto('/');
    await page.getByTestId('door-creator').getByRole('button').click();
    await page.waitForURL((url) => url.pathname === '/creator');
    await page.goto('/creator/videos');
    await page.getByTestId('videos-table').getByText('流量池').first().waitFor();
    await page.getByTestId('pool-open').first().click();
    const drawer = page.getByTestId('pool-drawer');
    await drawer.getByTestId('pool-status').waitFor();
    await drawer.getByText('每条新作品先推给一小批观众', { exact: false }).waitFor();
    await screen(page, 'creator-video-pool-zh');
    // One status on both: the row shows what the drawer shows, while it is open and after it closes.
    const inDrawer = (await drawer.getByTestId('pool-status').innerText()).trim();
    assert.equal((await page.getByTestId('pool-open').first().innerText()).trim(), inDrawer);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => !document.querySelector('[data-testid="pool-open"]')?.textContent?.includes('…'));
    if (inDrawer !== '未进入')
      assert.notEqual(
        (await page.getByTestId('pool-open').first().innerText()).trim(),
        '未进入',
        'a video in a pool never shows 未进入 in the list',
      );
  });
});
