import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { splitLine } from '../packages/core/src/ledger/split-rules.ts';
import { cast, logIn, pickOption, productToPromote, uploadVideo, PASSWORD } from './support/affiliate-cast.ts';
import { buyFromSheet, demoLogin } from './support/demo.ts';
import { screen } from './support/console-api.ts';
import { call, type Caller } from './support/shopper-api.ts';
import { waitFor } from './support/wait.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DAY = 24 * 3_600_000;
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const TARGETED_BP = 3000;
const ACTIVITY = { floorBp: 1500, feeBp: 500, rateBp: 2000 };
const MCN_SHARE_BP = 2500;

const yuan = (fen: number): string => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

describe('creator economy: a targeted plan, a colonel and an MCN, paid to the fen from one video sale', () => {
  const env = useEnv();

  browserTest(
    env,
    'merchant opens a targeted plan → creator applies, is approved, anchors it on a video → a shopper buys from the video → after settlement creator, MCN and colonel see the right amounts',
    async (page) => {
      const c = await cast(env());
      const { shopId, productId, title, categoryId } = await productToPromote(c);
      const demoMerchant = await demoLogin(env(), 'merchant');

      // Setup over HTTP: the product's category settles at once after receipt (so the test need not wait 7 days),
      // the colonel's activity, the MCN's offer to the creator, and the creator's video.
      await call(c.base, 'PATCH', `/api/v1/admin/categories/${categoryId}/rules`, {
        token: c.admin.token,
        body: { settleWindowDays: 0 },
      });
      const { rules } = await call<{ rules: { feeRateBp: number; settleWindowDays: number } }>(
        c.base,
        'GET',
        `/api/v1/admin/categories/${categoryId}/rules`,
        { token: c.admin.token },
      );
      assert.equal(rules.settleWindowDays, 0);
      const activity = await call(c.base, 'POST', '/api/v1/colonel/activities', {
        token: c.colonel.token,
        body: {
          name: `产地直发节${Date.now() % 1000}`,
          commissionFloorBp: ACTIVITY.floorBp,
          serviceFeeBp: ACTIVITY.feeBp,
          endsAt: Date.now() + 30 * DAY,
        },
      });
      const offer = await call(c.base, 'POST', '/api/v1/mcn/contracts', {
        token: c.mcn.token,
        body: { creatorId: c.creator.userId, shareBp: MCN_SHARE_BP, endsAt: Date.now() + 365 * DAY },
      });
      const videoId = await uploadVideo(c, '果园现摘，今天就发');

      // 商家后台 · 达人合作: a targeted plan on the product, and the product applied into the colonel's activity.
      await page.setViewportSize(DESKTOP);
      await logIn(page, '/merchant', demoMerchant.login, demoMerchant.password);
      await page.evaluate((id) => window.localStorage.setItem('zhongcao.console.shop', id), shopId);
      await page.goto('/merchant/affiliate');
      await page.getByTestId('plan-new').click();
      await pickOption(page, 'plan-product', title);
      await page.getByTestId('plan-form').getByText('定向计划', { exact: true }).click();
      await page.getByTestId('plan-rate').fill(String(TARGETED_BP / 100));
      await page.getByTestId('plan-name').fill('果园达人定向');
      const created = page.waitForResponse(
        (res) =>
          res.url().endsWith(`/api/v1/merchant/products/${productId}/affiliate/plans`) &&
          res.request().method() === 'POST',
      );
      await page.getByTestId('plan-create-ok').click();
      const planRes = await created;
      assert.equal(planRes.status(), 201);
      const planId: string = (await planRes.json()).id;
      const planRow = page.locator(`tr[data-plan-id="${planId}"]`);
      await planRow.getByTestId('plan-rate-cell').getByText('30%').waitFor();
      await screen(page, 'affiliate-merchant-plans-zh');

      await page.getByTestId('affiliate-tab-activities').click();
      await page.locator(`tr[data-activity-id="${activity.id}"]`).getByTestId('activity-apply').click();
      await pickOption(page, 'activity-product', title);
      await page.getByTestId('activity-rate').fill(String(ACTIVITY.rateBp / 100));
      const applied = page.waitForResponse((res) =>
        res.url().endsWith(`/api/v1/merchant/products/${productId}/affiliate/activities`),
      );
      await page.getByTestId('activity-apply-ok').click();
      assert.equal((await applied).status(), 201);
      await page.getByTestId('plans-table').waitFor();

      // 团长中心: the colonel approves the product into the activity.
      await logIn(page, '/colonel', c.colonel.login, PASSWORD);
      await page.locator(`tr[data-activity-id="${activity.id}"]`).getByTestId('activity-review').click();
      const pendingProduct = page.locator(`[data-testid="activity-products"] tr[data-product-id="${productId}"]`);
      await pendingProduct.getByText(`${ACTIVITY.rateBp / 100}%`).waitFor();
      await pendingProduct.getByTestId('activity-product-approve').click();
      await pendingProduct.locator('[data-state="active"]').waitFor();
      await screen(page, 'affiliate-colonel-activity-zh');

      // 达人中心: accept the MCN's offer; in 选品广场 pick the product through the activity and apply to the targeted plan.
      await logIn(page, '/creator/mcn', c.creator.login, PASSWORD);
      await page.locator(`tr[data-contract-id="${offer.id}"]`).getByTestId('contract-accept').click();
      await page.locator(`tr[data-contract-id="${offer.id}"] [data-state="active"]`).waitFor();
      await page.goto('/creator/market');
      await page.getByTestId('market-search').fill(title.slice(0, 12));
      await page.getByTestId('market-search-go').click();
      const item = page.locator(`tr[data-product-id="${productId}"]`);
      await item.locator('[data-kind="colonel"]').getByTestId('showcase-via-activity').click();
      await item.getByTestId('in-showcase').waitFor();
      await item.locator(`[data-plan-id="${planId}"]`).getByTestId('plan-apply').click();
      await page.getByTestId('apply-note').fill('果园实拍，粉丝多为宝妈');
      await page.getByTestId('apply-ok').click();
      await item.locator(`[data-plan-id="${planId}"] [data-state="pending"]`).waitFor();
      await screen(page, 'affiliate-creator-market-zh');

      // The merchant approves the application.
      await logIn(page, '/merchant', demoMerchant.login, demoMerchant.password);
      await page.goto('/merchant/affiliate');
      await page.getByTestId('affiliate-tab-applications').click();
      const application = page.locator(`tr[data-plan-id="${planId}"][data-creator-id="${c.creator.userId}"]`);
      await application.getByTestId('application-approve').click();
      await application.waitFor({ state: 'detached' });
      await page.getByTestId('affiliate-tab-plans').click();
      await page.locator(`tr[data-plan-id="${planId}"]`).getByTestId('plan-open').click();
      const planSheet = page.locator('.semi-sidesheet');
      await planSheet.getByText(c.creator.userId).waitFor();
      await planSheet.locator('[data-state="approved"]').waitFor();

      // The creator anchors the product on the video from the showcase; it now pays the targeted rate less the colonel's fee.
      await logIn(page, '/creator/showcase', c.creator.login, PASSWORD);
      const shown = page.locator(`tr[data-product-id="${productId}"]`);
      const creatorRateBp = TARGETED_BP - ACTIVITY.feeBp;
      await shown.locator(`[data-testid="offer"][data-kind="targeted"][data-rate="${creatorRateBp}"]`).waitFor();
      await shown.getByTestId('showcase-anchor').click();
      await pickOption(page, 'anchor-video', '果园现摘，今天就发');
      const anchored = page.waitForResponse((res) => res.url().endsWith(`/api/v1/creator/videos/${videoId}/anchors`));
      await page.getByTestId('anchor-ok').click();
      assert.deepEqual((await (await anchored).json()).productIds, [productId]);
      await screen(page, 'affiliate-creator-showcase-zh');

      // A shopper opens the video in the app and buys from its product card.
      await page.setViewportSize(PHONE);
      await call(c.base, 'POST', '/api/v1/me/addresses', {
        token: c.buyer.token,
        body: {
          name: '赵六',
          phone: '13700000000',
          province: '广东省',
          city: '深圳市',
          district: '南山区',
          detail: '科技园 1 号',
          isDefault: true,
        },
      });
      await logIn(page, `/v/${videoId}`, c.buyer.login, PASSWORD);
      const current = page.getByTestId('video-current');
      await current.getByTestId('anchor-card').click();
      const orderId = await buyFromSheet(page, 'product-sheet', '赵六');
      await waitFor(
        async () =>
          (await call(c.base, 'GET', `/api/v1/orders/${orderId}`, { token: c.buyer.token })).status === 'paid',
        'the order to be paid',
      );
      const order = await call(c.base, 'GET', `/api/v1/orders/${orderId}`, { token: c.buyer.token });
      assert.deepEqual(order.lines[0].attribution, {
        source: 'video',
        contentId: videoId,
        creatorId: c.creator.userId,
      });

      // Shipped and received (over the API); the category settles at receipt, and the worker settles it.
      await call(c.base, 'POST', `/api/v1/merchant/orders/${orderId}/ship`, {
        token: c.merchant.token,
        body: { parcels: [{ carrier: '顺丰速运', trackingNo: `SF${Date.now()}` }] },
      });
      await call(c.base, 'POST', `/api/v1/orders/${orderId}/confirm-receipt`, { token: c.buyer.token });

      // What the ledger must pay, from the plan's rates with the ledger's own split.
      const expected = splitLine(order.lines[0].lineTotalFen, {
        feeRateBp: rules.feeRateBp,
        creatorRateBp,
        mcnShareBp: MCN_SHARE_BP,
        colonelFeeBp: ACTIVITY.feeBp,
      });
      assert.ok(expected.creator > 0 && expected.mcn > 0 && expected.colonel > 0, JSON.stringify(expected));
      const balance = async (who: Caller, account: string) =>
        (
          await call<{ items: Array<{ accountId: string; balanceFen: number }> }>(
            c.base,
            'GET',
            '/api/v1/money/balances',
            { token: who.token },
          )
        ).items.find((b) => b.accountId === account)?.balanceFen ?? 0;
      await waitFor(
        async () => (await balance(c.creator, `creator_available:${c.creator.userId}`)) === expected.creator,
        'the order to settle',
      );
      assert.equal(await balance(c.mcn, `mcn_available:${c.mcn.userId}`), expected.mcn);
      assert.equal(await balance(c.colonel, `colonel_available:${c.colonel.userId}`), expected.colonel);

      // Each party's page shows its amount to the fen.
      await page.setViewportSize(DESKTOP);
      await logIn(page, '/creator/sales', c.creator.login, PASSWORD);
      await page.getByText('按视频').click();
      const byVideo = page.locator(`[data-testid="creator-sales"] tr[data-key="${videoId}"]`);
      assert.equal(await byVideo.locator('[data-col="creatorFen"]').innerText(), yuan(expected.creator));
      assert.equal(await byVideo.locator('[data-col="settled"]').innerText(), yuan(expected.creator));
      assert.equal(await page.getByTestId('creator-sales-total-own').innerText(), yuan(expected.creator));
      await screen(page, 'affiliate-creator-sales-zh');

      await logIn(page, '/mcn/performance', c.mcn.login, PASSWORD);
      const mcnRow = page.locator(`[data-testid="mcn-performance"] tr[data-key="${c.creator.userId}"]`);
      assert.equal(await mcnRow.locator('[data-col="mcnFen"]').innerText(), yuan(expected.mcn));
      assert.equal(await page.getByTestId('mcn-performance-total-own').innerText(), yuan(expected.mcn));
      assert.equal(await page.getByTestId('mcn-performance-total-settled').innerText(), yuan(expected.mcn));
      await screen(page, 'affiliate-mcn-performance-zh');

      await logIn(page, '/colonel/earnings', c.colonel.login, PASSWORD);
      const colonelRow = page.locator(`[data-testid="colonel-earnings"] tr[data-key="${productId}"]`);
      assert.equal(await colonelRow.locator('[data-col="colonelFen"]').innerText(), yuan(expected.colonel));
      assert.equal(await page.getByTestId('colonel-earnings-total-own').innerText(), yuan(expected.colonel));
      assert.equal(await page.getByTestId('colonel-earnings-total-settled').innerText(), yuan(expected.colonel));
      await screen(page, 'affiliate-colonel-earnings-zh');

      // The merchant's creator performance: the commissions this creator's sale cost, settled.
      await logIn(page, '/merchant', demoMerchant.login, demoMerchant.password);
      await page.goto('/merchant/affiliate');
      await page.getByTestId('affiliate-tab-performance').click();
      await page.getByTestId('merchant-perf-chart').waitFor();
      const perfRow = page.locator(`[data-testid="merchant-perf"] tr[data-key="${c.creator.userId}"]`);
      assert.equal(
        await perfRow.locator('[data-col="settled"]').innerText(),
        yuan(expected.creator + expected.mcn + expected.colonel),
      );
      await screen(page, 'affiliate-merchant-performance-zh');
    },
    300_000,
  ); // five people's sessions in one story: slower than one screen's test

  browserTest(
    env,
    'rate rules in the merchant console (out of range refused, a cut waits for 00:00) and a creator’s tracked link opening the product',
    async (page) => {
      const c = await cast(env());
      const demoMerchant = await demoLogin(env(), 'merchant');
      const shops = await call(c.base, 'GET', '/api/v1/merchant/shops', { token: c.merchant.token });
      const shopId: string = shops.items[0].id;
      const plans = await call(c.base, 'GET', `/api/v1/merchant/shops/${shopId}/affiliate/plans?limit=20`, {
        token: c.merchant.token,
      });
      const general = plans.items.find(
        (p: { kind: string; state: string; rateBp: number; pending: unknown }) =>
          p.kind === 'general' && p.state === 'active' && p.rateBp > 200 && !p.pending,
      );
      assert.ok(general, 'the demo shop has an active general plan on its first page');

      await page.setViewportSize(DESKTOP);
      await logIn(page, '/merchant', demoMerchant.login, demoMerchant.password);
      await page.evaluate((id) => window.localStorage.setItem('zhongcao.console.shop', id), shopId);
      await page.goto('/merchant/affiliate');
      const row = page.locator(`tr[data-plan-id="${general.id}"]`);
      await row.getByTestId('plan-rate-change').click();
      await page.getByTestId('rate-input').fill('60');
      await page.getByTestId('rate-ok').click();
      assert.equal(await page.getByTestId('rate-error').innerText(), '佣金率需在 1%–50% 之间');
      const cutTo = general.rateBp - 100;
      await page.getByTestId('rate-input').fill(String(cutTo / 100));
      await page.getByTestId('rate-ok').click();
      const result = page.locator('[data-testid="rate-result"][data-change="cut"]');
      await result.waitFor();
      assert.match(await result.innerText(), new RegExp(`00:00 起佣金率为 ${cutTo / 100}%`));
      await screen(page, 'affiliate-merchant-rate-cut-zh');
      await page.getByTestId('rate-ok').click();
      assert.match(await row.getByTestId('plan-pending').innerText(), /00:00 起降为/);
      await row
        .getByTestId('plan-rate-cell')
        .getByText(`${general.rateBp / 100}%`)
        .waitFor(); // the old rate stays in force until then

      // The creator makes a tracked link from the showcase; opening it shows the product, credited to the link.
      await call(c.base, 'POST', '/api/v1/creator/showcase', {
        token: c.creator.token,
        body: { productId: general.productId },
      });
      await logIn(page, '/creator/showcase', c.creator.login, PASSWORD);
      await page.locator(`tr[data-product-id="${general.productId}"]`).getByTestId('showcase-link').click();
      await page.getByTestId('link-ok').click();
      const url = (await page.getByTestId('link-url').innerText()).trim();
      assert.match(url, /\/l\/[0-9A-Za-z._-]+$/);
      await page.getByTestId('link-ok').click();
      await page.goto('/creator/links');
      await page.getByTestId('links-table').getByText(url).waitFor();

      await page.context().clearCookies();
      await page.setViewportSize(PHONE);
      await page.goto(new URL(url).pathname);
      await page.waitForURL((u) => u.pathname === `/app/product/${general.productId}`);
      const params = new URL(page.url()).searchParams;
      assert.deepEqual([params.get('from'), params.get('creatorId')], ['link', c.creator.userId]);
    },
  );
});
