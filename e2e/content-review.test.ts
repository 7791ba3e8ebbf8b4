import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { call, switchLanguage, tokenFor } from './support/console-api.ts';
import { demoLogin } from './support/demo.ts';
import { assertPhoneLayout } from './support/layout.ts';
import { REPO_ROOT } from './support/paths.ts';
import { screen } from './support/screens.ts';
import { waitFor } from './support/wait.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const CLIP = join(REPO_ROOT, 'packages/core/assets/demo-videos/orchard-oranges.mp4');

async function door(page: Page, role: 'creator' | 'admin' | 'shopper', path: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/');
  await page.getByTestId(`door-${role}`).getByRole('button').first().click();
  await page.waitForURL((url) => url.pathname.startsWith(path));
}

describe('内容审核: the review queue and reports', () => {
  const env = useEnv();

  browserTest(
    env,
    'a caption with a health claim goes to review, an admin rejects it with a reason, and the creator sees 未通过 and why',
    async (page) => {
      await page.setViewportSize(DESKTOP);
      await door(page, 'creator', '/creator');
      await page.getByRole('menuitem', { name: '发布作品' }).click();
      await page.getByTestId('video-file').setInputFiles(CLIP);
      const title = `e2e 秋梨膏 ${Date.now() % 100000}`;
      await page.getByTestId('video-title').fill(title);
      // 润肺止咳 is a review-severity health claim in the default rule book (FOOD_SAFETY_73_CLAIM).
      await page.getByTestId('video-caption').fill('每天一勺 润肺止咳 #秋梨膏');
      const created = page.waitForResponse(
        (res) => res.url().endsWith('/api/v1/videos') && res.request().method() === 'POST',
      );
      await page.getByTestId('video-submit').click();
      const res = await created;
      const video = (await res.json()) as { id: string; status: string };
      assert.equal(res.status(), 201, JSON.stringify(video));
      assert.equal(video.status, 'review');
      await page.waitForURL((url) => url.pathname === '/creator/videos');
      const status = page.locator(`[data-testid="video-status"][data-video-id="${video.id}"]`);
      await status.getByText('审核中', { exact: true }).waitFor();
      await status.getByText('审核中，通过后才会进入推荐').waitFor();
      await screen(page, 'creator-video-in-review-zh');
      // Not in anybody's feed while in review.
      assert.equal((await call(env(), 'GET', `/api/v1/videos/${video.id}`)).status, 404);

      // The hold reaches the queue through the outbox (the worker delivers it within moments).
      const admin = await tokenFor(env(), 'admin');
      await waitFor(async () => {
        const q = await call<{ items: Array<{ subjectId: string }> }>(
          env(),
          'GET',
          '/api/v1/admin/moderation/items?kind=video',
          { token: admin },
        );
        return q.body.items.some((i) => i.subjectId === video.id);
      }, 'the held video in the review queue');
      await door(page, 'admin', '/admin');
      await page.getByRole('menuitem', { name: '内容审核' }).click();
      await page.waitForURL((url) => url.pathname === '/admin/moderation');
      const item = page.locator(`[data-testid="moderation-item"][data-subject-id="${video.id}"]`);
      await item.waitFor({ timeout: 20_000 });
      await item.getByTestId('evidence-mark').filter({ hasText: '润肺止咳' }).first().waitFor();
      await item.getByText('规则送审').waitFor();
      // The filters: by source and kind the item stays, under 用户举报 it is gone.
      await page.getByTestId('filter-source').click();
      await page.locator('.semi-select-option').filter({ hasText: '用户举报' }).click();
      await item.waitFor({ state: 'detached' });
      await page.getByTestId('filter-source').click();
      await page.locator('.semi-select-option').filter({ hasText: '规则送审' }).click();
      await item.waitFor();
      await screen(page, 'admin-moderation-queue-zh');
      await item.getByTestId('decide-reject').click();
      const confirm = page.getByTestId('decision-confirm');
      assert.equal(await confirm.isDisabled(), true, 'a rejection needs a reason');
      const reason = '普通食品不得宣称润肺止咳等功效';
      await page.locator('textarea#mod-reason').fill(reason);
      await screen(page, 'admin-moderation-reject-zh');
      const decided = page.waitForResponse(
        (r) => r.url().includes('/api/v1/admin/moderation/items/') && r.request().method() === 'POST',
      );
      await confirm.click();
      assert.equal((await decided).status(), 200);
      await item.waitFor({ state: 'detached' });
      // Decided items are one filter away, with the reason given.
      await page.getByTestId('filter-status').click();
      await page.locator('.semi-select-option').filter({ hasText: '未通过' }).click();
      await item.getByTestId('decision-reason-shown').getByText(reason).waitFor();
      await screen(page, 'admin-moderation-decided-zh');
      await switchLanguage(page, 'en');
      await page.getByText('Content review').first().waitFor();
      await item.getByText('Reason given:', { exact: false }).waitFor();
      await page.getByTestId('filter-status').getByText('Rejected').waitFor();
      await screen(page, 'admin-moderation-queue-en');
      await switchLanguage(page, 'zh-CN');

      await door(page, 'creator', '/creator');
      await page.goto('/creator/videos');
      await status.getByText('未通过', { exact: true }).waitFor();
      await status.getByTestId('review-reason').getByText(reason, { exact: false }).waitFor();
      assert.equal((await status.getByTestId('review-reason').innerText()).trim(), `未通过原因：${reason}`);
      await screen(page, 'creator-video-rejected-zh');
      await switchLanguage(page, 'en');
      await status.getByText('Rejected', { exact: true }).waitFor();
      await status.getByText(`Why it was rejected: ${reason}`).waitFor();
      await screen(page, 'creator-video-rejected-en');
      await switchLanguage(page, 'zh-CN');
    },
  );

  browserTest(
    env,
    'a shopper reports a comment from the comment sheet and it reaches the queue with its reason',
    async (page) => {
      // A comment by the demo creator on a published video.
      const creator = await tokenFor(env(), 'creator');
      const feed = await call<{ items: Array<{ id: string }> }>(env(), 'GET', '/api/v1/feed?tab=recommend&limit=5');
      const videoId = feed.body.items[0]!.id;
      const text = `e2e 别在这买 去别家更便宜 ${Date.now() % 100000}`;
      const posted = await call<{ id: string }>(env(), 'POST', `/api/v1/videos/${videoId}/comments`, {
        token: creator,
        body: { text },
      });
      assert.equal(posted.status, 201, JSON.stringify(posted.body));
      const commentId = posted.body.id;

      await page.setViewportSize(PHONE);
      const shopper = await demoLogin(env(), 'shopper');
      await page.context().clearCookies();
      await page.goto(`/login?next=${encodeURIComponent(`/v/${videoId}`)}`);
      await page.locator('input[name="login"]').fill(shopper.login);
      await page.locator('input[name="password"]').fill(shopper.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => url.pathname === `/v/${videoId}`);
      await page.getByTestId('video-current').getByTestId('comments').click();
      const sheet = page.getByTestId('comment-sheet');
      const row = sheet.locator('.comment').filter({ hasText: text }).first();
      await row.waitFor();
      await row.getByTestId('comment-report').first().click();
      const report = page.getByTestId('report-sheet');
      await report.getByText('举报评论').waitFor();
      assert.equal(await report.getByTestId('report-send').isDisabled(), true, 'a reason first');
      await report.locator('[data-reason="diversion"]').click();
      await report.locator('textarea').fill('评论里引导私下交易');
      await screen(page, 'shopper-report-comment-zh');
      await assertPhoneLayout(page, 'shopper-report-comment-zh');
      const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/reports') && r.request().method() === 'POST');
      await report.getByTestId('report-send').click();
      assert.equal((await sent).status(), 201);
      await page.getByText('已收到你的举报，平台会尽快处理').waitFor();
      await report.waitFor({ state: 'detached' });

      // Again: one open report per person and subject, said in words.
      await row.getByTestId('comment-report').first().click();
      await page.getByTestId('report-sheet').locator('[data-reason="other"]').click();
      await page.getByTestId('report-sheet').getByTestId('report-send').click();
      await page.getByTestId('report-sheet').getByText('你已经举报过了，平台正在处理').waitFor();
      await page.keyboard.press('Escape');

      // The admin's queue has it, with the reason.
      const admin = await tokenFor(env(), 'admin');
      const queue = await call<{
        items: Array<{
          id: string;
          subjectId: string;
          source: string;
          reportCount: number;
          excerpt: string;
          reports: Array<{ reason: string; note: string }>;
        }>;
      }>(env(), 'GET', '/api/v1/admin/moderation/items?kind=comment&source=reports', { token: admin });
      const found = queue.body.items.find((i) => i.subjectId === commentId);
      assert.ok(found, JSON.stringify(queue.body));
      assert.equal(found.reportCount, 1);
      assert.equal(found.excerpt, text);
      assert.deepEqual(
        found.reports.map((r) => [r.reason, r.note]),
        [['diversion', '评论里引导私下交易']],
      );

      await page.setViewportSize(DESKTOP);
      await door(page, 'admin', '/admin');
      await page.goto('/admin/moderation');
      const item = page.locator(`[data-testid="moderation-item"][data-subject-id="${commentId}"]`);
      await item.getByTestId('report-row').filter({ hasText: '站外导流' }).waitFor();
      await item.getByTestId('report-count').getByText('举报 1 次').waitFor();
      await screen(page, 'admin-moderation-report-zh');
      await item.getByTestId('decide-take_down').click();
      await page.locator('textarea#mod-reason').fill('站外导流');
      await page.getByTestId('decision-confirm').click();
      await item.waitFor({ state: 'detached' });
      const comments = await call<{ items: Array<{ id: string }> }>(
        env(),
        'GET',
        `/api/v1/videos/${videoId}/comments?limit=50`,
      );
      assert.ok(!comments.body.items.some((c) => c.id === commentId), 'the comment is hidden');
    },
  );

  browserTest(
    env,
    'a shopper reports a product and a live room; both wait in the queue under 用户举报',
    async (page) => {
      await page.setViewportSize(PHONE);
      const shopper = await demoLogin(env(), 'shopper');
      const products = await call<{ items: Array<{ id: string }> }>(env(), 'GET', '/api/v1/products?limit=1');
      const productId = products.body.items[0]!.id;
      const rooms = await call<{ items: Array<{ id: string }> }>(env(), 'GET', '/api/v1/live/rooms?status=live');
      const roomId = rooms.body.items[0]!.id;
      await page.context().clearCookies();
      await page.goto(`/login?next=${encodeURIComponent(`/app/product/${productId}`)}`);
      await page.locator('input[name="login"]').fill(shopper.login);
      await page.locator('input[name="password"]').fill(shopper.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => url.pathname === `/app/product/${productId}`);
      await page.getByTestId('product-report').click();
      const report = page.getByTestId('report-sheet');
      await report.getByText('举报商品').waitFor();
      await report.locator('[data-reason="false_claim"]').click();
      await screen(page, 'shopper-report-product-zh');
      await assertPhoneLayout(page, 'shopper-report-product-zh');
      await report.getByTestId('report-send').click();
      await page.getByText('已收到你的举报，平台会尽快处理').waitFor();

      await page.goto(`/app/live/${roomId}`);
      await page.getByTestId('live-host').click();
      await page.getByTestId('host-sheet').getByTestId('live-report').click();
      await page.getByTestId('report-sheet').getByText('举报直播间').waitFor();
      await page.getByTestId('report-sheet').locator('[data-reason="vulgar"]').click();
      await assertPhoneLayout(page, 'shopper-report-live-zh');
      const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/reports') && r.request().method() === 'POST');
      await page.getByTestId('report-sheet').getByTestId('report-send').click();
      assert.equal((await sent).status(), 201);

      const admin = await tokenFor(env(), 'admin');
      const queue = await call<{
        items: Array<{ subjectKind: string; subjectId: string; reports: Array<{ reason: string }> }>;
      }>(env(), 'GET', '/api/v1/admin/moderation/items?source=reports', { token: admin });
      const of = (kind: string, id: string) =>
        queue.body.items.find((i) => i.subjectKind === kind && i.subjectId === id)?.reports.map((r) => r.reason);
      assert.deepEqual(of('product', productId), ['false_claim']);
      assert.deepEqual(of('live_room', roomId), ['vulgar']);
    },
  );
});
