import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { demoLogin } from './support/demo.ts';
import { screen } from './support/screens.ts';
import { call, loginToken, paidOrder, registerToken, type Caller } from './support/shopper-api.ts';
import { waitFor } from './support/wait.ts';
import { browserTest, useEnv, type Env } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };
// A 48×48 PNG of an orange with a brown spot: the evidence photo.
const SPOILED_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAvElEQVR42u3Yyw2AMAwDUE/COIzDJGzKhQ3g3lbCbRMTRKQM8FSp+RjneYQqJChB74CuHUwpQCRlmAVXygALGg1vgobCsyDWPJpgrtnWpS7eZAxqapqmbpCthjdBpiFNNiBSU5sokN/zMI8UHmT41UlQYUrQT0HDfcgRNNCp3UFds0wE4qe9DjS5HiUoQdYgvcll/fAFKU2OO7UvSGMSHYqTx+unQOFu+4jpR8R8KGiCFjFjDJrCZnCeoKJuAzOKHm8WKNUAAAAASUVORK5CYII=',
  'base64',
);

const yuan = (fen: number): string => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

interface CategoryNode {
  id: string;
  perishable: boolean;
  children: CategoryNode[];
}

/** A SKU with stock of a perishable (fresh-produce) product of one of the merchant's shops. */
async function perishableSku(
  base: string,
  merchant: Caller,
): Promise<{ shopId: string; skuId: string; priceFen: number }> {
  const tree = await call<{ items: CategoryNode[] } | CategoryNode[]>(base, 'GET', '/api/v1/categories');
  const perishable = new Set<string>();
  const walk = (nodes: CategoryNode[]): void =>
    nodes.forEach((c) => {
      if (c.perishable) perishable.add(c.id);
      walk(c.children ?? []);
    });
  walk(Array.isArray(tree) ? tree : tree.items);
  const shops = await call(base, 'GET', '/api/v1/merchant/shops', { token: merchant.token });
  for (const shop of shops.items) {
    const products = await call(base, 'GET', `/api/v1/products?shopId=${shop.id}&limit=50`);
    for (const p of products.items.filter((x: { categoryId: string }) => perishable.has(x.categoryId))) {
      const detail = await call(base, 'GET', `/api/v1/products/${p.id}`);
      const sku = detail.skus.find((s: { stock: number }) => s.stock > 0);
      if (sku) return { shopId: shop.id, skuId: sku.id, priceFen: sku.priceFen };
    }
  }
  throw new Error('the demo merchant has no perishable SKU with stock');
}

interface Delivered {
  login: string;
  password: string;
  buyer: Caller;
  merchant: Caller;
  shopId: string;
  orderId: string;
  line: { id: string; lineTotalFen: number; afterSalesEligible: string[] };
}

/** A new buyer's order of one perishable SKU of the demo merchant: paid, shipped and reported delivered over the API. */
async function deliveredPerishableOrder(env: Env): Promise<Delivered> {
  const base = env.server.url;
  const login = `fresh${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const password = 'e2e-password-fresh';
  const buyer = await registerToken(base, login, password, '坏果买家');
  const merchantLogin = await demoLogin(env, 'merchant');
  const merchant = await loginToken(base, merchantLogin.login, merchantLogin.password);
  const { shopId, skuId } = await perishableSku(base, merchant);
  const orderId = await paidOrder(base, buyer, skuId);
  const shipped = await call<{ shipmentIds: string[] }>(base, 'POST', `/api/v1/merchant/orders/${orderId}/ship`, {
    token: merchant.token,
    body: { parcels: [{ carrier: '顺丰速运', trackingNo: `SF${Date.now()}` }] },
  });
  await call(base, 'POST', `/api/v1/merchant/shipments/${shipped.shipmentIds[0]}/delivered`, { token: merchant.token });
  await waitFor(
    async () => (await call(base, 'GET', `/api/v1/orders/${orderId}`, { token: buyer.token })).status === 'delivered',
    'the order to be delivered',
  );
  const order = await call<{ lines: Delivered['line'][] }>(base, 'GET', `/api/v1/orders/${orderId}`, {
    token: buyer.token,
  });
  const line = order.lines[0]!;
  assert.ok(
    line.afterSalesEligible.includes('fresh_claim'),
    `a delivered perishable line may be claimed (eligible: ${line.afterSalesEligible.join(', ')})`,
  );
  return { login, password, buyer, merchant, shopId, orderId, line };
}

/** Uploads the evidence photo over the API (multipart, bearer token); returns its id. */
async function uploadPhoto(base: string, who: Caller): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([SPOILED_PNG], { type: 'image/png' }), 'spoiled.png');
  const res = await fetch(`${base}/api/v1/aftersales/evidence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who.token}`, accept: 'application/json' },
    body: form,
  });
  const body = (await res.json()) as { id: string };
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.id;
}

async function logIn(page: Page, next: string, login: string, password: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

describe('after-sales: a fresh-produce claim (坏了包赔) from filing to partial refund', () => {
  const env = useEnv();

  browserTest(
    env,
    'the buyer claims 30% spoiled with a photo, the merchant counters once, the buyer accepts: 退款成功 and the order shows the partial refund',
    async (page) => {
      const base = env().server.url;
      const { login, password, buyer, shopId, orderId, line } = await deliveredPerishableOrder(env());
      const requested = Math.min(line.lineTotalFen, Math.max(1, Math.floor((line.lineTotalFen * 30 + 50) / 100)));
      const counter = Math.max(1, Math.floor(requested / 2));

      // The buyer files the claim in the shopper app: type, reason, share spoiled, a photo.
      await logIn(page, `/app/orders/${orderId}`, login, password);
      await page.getByTestId('line-aftersales-apply').click();
      await page.waitForURL((url) => url.pathname === `/app/orders/${orderId}/aftersales/new`);
      const form = page.getByTestId('case-form');
      await form.getByTestId('case-type-fresh_claim').click();
      await form.getByTestId('reason-spoiled').click();
      await form.locator('input[name="spoiledPercent"]').fill('30');
      await form
        .getByTestId('evidence-input')
        .setInputFiles({ name: 'spoiled.png', mimeType: 'image/png', buffer: SPOILED_PNG });
      await form.locator('[data-testid="evidence-preview"][data-status="done"]').waitFor();
      assert.equal(await form.getByTestId('claim-amount').innerText(), yuan(requested));
      await screen(page, 'aftersales-claim-form-zh');
      await form.getByTestId('case-submit').click();
      await page.waitForURL((url) => /^\/app\/aftersales\/[^/]+$/.test(url.pathname));
      const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      const detail = page.getByTestId('case-detail');
      assert.equal(await detail.getByTestId('case-status').innerText(), '待商家处理');
      assert.equal(await detail.getByTestId('case-amount').innerText(), yuan(requested));
      await detail.getByTestId('timeline-photo').first().waitFor();
      await detail.getByTestId('case-countdown').waitFor();
      await screen(page, 'aftersales-case-requested-zh');

      // The merchant counters once in the console's 售后 list.
      await page.context().clearCookies();
      await page.setViewportSize(DESKTOP);
      await page.goto('/');
      await page.getByTestId('door-merchant').getByRole('button').click();
      await page.waitForURL((url) => url.pathname === '/merchant');
      await page.evaluate((id) => window.localStorage.setItem('zhongcao.console.shop', id), shopId);
      await page.goto('/merchant/aftersales');
      const row = page.locator(`tr[data-case-id="${caseId}"]`);
      await row.waitFor();
      await row.getByTestId('case-countdown').waitFor();
      await screen(page, 'merchant-aftersales-list-zh');
      await row.getByTestId('case-open').click();
      await page.waitForURL((url) => url.pathname === `/merchant/aftersales/${caseId}`);
      const drawer = page.getByTestId('case-drawer');
      await drawer.getByTestId('timeline-photo').first().waitFor();
      await drawer.getByTestId('case-action-counter').click();
      await page.getByTestId('action-amount').fill((counter / 100).toFixed(2));
      await page.getByTestId('action-note').fill('根据照片，坏果约占一成半，按这个金额赔付');
      await screen(page, 'merchant-aftersales-counter-zh');
      const countered = page.waitForResponse((res) => res.url().endsWith(`/api/v1/aftersales/cases/${caseId}/actions`));
      await page.getByTestId('action-ok').click();
      assert.equal((await countered).status(), 200);
      await drawer.getByTestId('case-status').getByText('商家已还价').waitFor();
      assert.equal(await drawer.getByTestId('case-counter').innerText(), yuan(counter));
      await screen(page, 'merchant-aftersales-countered-zh');

      // The buyer accepts the counter-offer in the app.
      await page.context().clearCookies();
      await page.setViewportSize({ width: 390, height: 844 });
      await logIn(page, `/app/aftersales/${caseId}`, login, password);
      assert.equal(await detail.getByTestId('case-status').innerText(), '商家已还价');
      await detail.getByTestId('case-counter').getByText(yuan(counter)).waitFor();
      await detail.getByTestId('case-action-accept_counter').click();
      const dialog = page.getByTestId('confirm-dialog');
      await dialog.getByText(yuan(counter)).waitFor();
      await dialog.getByTestId('confirm-ok').click();
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="case-detail"] [data-testid="case-status"]')?.textContent === '退款成功',
      );
      assert.equal(await detail.getByTestId('case-refund').innerText(), yuan(counter));
      assert.equal(await detail.getByTestId('case-amount').innerText(), yuan(counter));
      await detail.locator('[data-testid="timeline-entry"][data-kind="counter_accepted"]').waitFor();
      await screen(page, 'aftersales-case-refunded-zh');

      // The order shows the partial refund once the payment provider confirms it.
      await detail.getByTestId('case-order-link').click();
      await page.waitForURL((url) => url.pathname === `/app/orders/${orderId}`);
      await waitFor(async () => {
        await page.reload();
        await page.getByTestId('order-detail').waitFor();
        return (await page.locator('[data-testid="order-refund"][data-status="succeeded"]').count()) > 0;
      }, 'the refund to succeed');
      assert.equal(await page.getByTestId('order-refunded-total').innerText(), yuan(counter));
      await page.getByTestId('line-aftersales-view').getByText('退款成功').waitFor();
      await page.getByTestId('order-refunds').scrollIntoViewIfNeeded();
      await screen(page, 'aftersales-order-refunded-zh');
      await page.goto('/app/me');
      await page.getByTestId('me-aftersales').click();
      await page.waitForURL((url) => url.pathname === '/app/aftersales');
      await page
        .locator(`[data-testid="case-card"][data-case-id="${caseId}"]`)
        .getByTestId('case-status')
        .getByText('退款成功')
        .waitFor();
      await screen(page, 'aftersales-mine-zh');
      const kase = await call<{ status: string; refundFen: number }>(
        base,
        'GET',
        `/api/v1/aftersales/cases/${caseId}`,
        { token: buyer.token },
      );
      assert.deepEqual({ status: kase.status, refundFen: kase.refundFen }, { status: 'refunded', refundFen: counter });
    },
  );

  browserTest(
    env,
    'a rejected claim is escalated by the buyer in the app and the platform decides a refund in 平台管理 · 售后仲裁',
    async (page) => {
      const base = env().server.url;
      const { login, password, buyer, merchant, orderId, line } = await deliveredPerishableOrder(env());
      const photo = await uploadPhoto(base, buyer);
      const filed = await call<{ id: string; requestedFen: number }>(
        base,
        'POST',
        `/api/v1/orders/${orderId}/aftersales`,
        {
          token: buyer.token,
          body: {
            type: 'fresh_claim',
            orderLineId: line.id,
            reasonCode: 'spoiled',
            spoiledPercent: 50,
            evidence: [photo],
          },
        },
      );
      await call(base, 'POST', `/api/v1/aftersales/cases/${filed.id}/actions`, {
        token: merchant.token,
        body: { action: 'reject', reason: '照片里看不出坏果' },
      });

      // The buyer answers with a message and asks the platform to step in.
      await logIn(page, `/app/aftersales/${filed.id}`, login, password);
      const detail = page.getByTestId('case-detail');
      assert.equal(await detail.getByTestId('case-status').innerText(), '商家已拒绝');
      await detail.getByText('照片里看不出坏果').waitFor();
      await detail.locator('textarea[name="message"]').fill('第二天打开就烂了一半，照片里右上角能看到');
      await detail.getByTestId('message-send').click();
      await detail.locator('[data-testid="timeline-entry"][data-kind="message"]').waitFor();
      await detail.getByTestId('case-action-escalate').click();
      await page.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="case-detail"] [data-testid="case-status"]')?.textContent ===
          '平台介入中',
      );
      await page.evaluate(() => window.scrollTo(0, 0));
      await screen(page, 'aftersales-case-escalated-zh');

      // The admin sees both sides and decides.
      await page.context().clearCookies();
      await page.setViewportSize(DESKTOP);
      await page.goto('/');
      await page.getByTestId('door-admin').getByRole('button').click();
      await page.waitForURL((url) => url.pathname === '/admin');
      await page.getByRole('menuitem', { name: '售后仲裁' }).click();
      await page.waitForURL((url) => url.pathname === '/admin/arbitration');
      const row = page.locator(`tr[data-case-id="${filed.id}"]`);
      await row.waitFor();
      await row.getByTestId('case-open').click();
      const drawer = page.getByTestId('case-drawer');
      await drawer.locator('[data-testid="timeline-entry"][data-kind="rejected"]').waitFor();
      await drawer.locator('[data-testid="timeline-entry"][data-kind="escalated"]').waitFor();
      await drawer.getByTestId('timeline-photo').first().waitFor();
      assert.equal(await drawer.getByTestId('arbitration-amount').inputValue(), (filed.requestedFen / 100).toFixed(2));
      await drawer.getByTestId('arbitration-reason').fill('买家照片清晰显示坏果，按申请金额退款');
      await screen(page, 'admin-arbitration-zh');
      await drawer.getByTestId('arbitration-submit').click();
      const decided = page.waitForResponse((res) =>
        res.url().endsWith(`/api/v1/admin/aftersales/${filed.id}/arbitrate`),
      );
      await page.getByTestId('arbitration-confirm').click();
      assert.equal((await decided).status(), 200);
      await drawer.getByTestId('case-status').getByText('退款成功').waitFor();
      assert.equal(await drawer.getByTestId('case-refund').innerText(), yuan(filed.requestedFen));
      await screen(page, 'admin-arbitration-decided-zh');
      const kase = await call<{ status: string; refundFen: number }>(
        base,
        'GET',
        `/api/v1/aftersales/cases/${filed.id}`,
        { token: buyer.token },
      );
      assert.deepEqual(
        { status: kase.status, refundFen: kase.refundFen },
        { status: 'refunded', refundFen: filed.requestedFen },
      );
    },
  );
});
