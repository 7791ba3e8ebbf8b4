import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, recordPageLog, saveArtifacts } from './support/browser.ts';
import { pageApi } from './support/demo.ts';
import { CHROMIUM_PATH } from './support/paths.ts';
import { screen } from './support/screens.ts';
import { tokenFor } from './support/console-api.ts';
import { call, registerToken } from './support/shopper-api.ts';
import { PATIENCE_MS, waitFor, waitForAttribute } from './support/wait.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const SALE_UNITS = 5;
const LIMIT = 2;

interface Shopper {
  name: string;
  context: BrowserContext;
  page: Page;
  log: string[];
}

/** A new shopper with a default address, signed in through the login page in a browser context of their own, in the room. */
async function shopperInRoom(browser: Browser, base: string, name: string, roomId: string): Promise<Shopper> {
  const login = `live${name}${Date.now().toString(36)}`;
  const password = 'e2e-live-password';
  const caller = await registerToken(base, login, password, `直播观众${name}`);
  await call(base, 'POST', '/api/v1/me/addresses', {
    token: caller.token,
    body: {
      name: `观众${name}`,
      phone: '13800000000',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 1 号',
      isDefault: true,
    },
  });
  const context = await browser.newContext({
    baseURL: base,
    viewport: PHONE,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const log = recordPageLog(page);
  await page.goto(`/login?next=${encodeURIComponent(`/app/live/${roomId}`)}`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === `/app/live/${roomId}`);
  await page.locator(`[data-testid="live-room"][data-room-id="${roomId}"][data-connection="open"]`).waitFor();
  return { name, context, page, log };
}

const remaining = (page: Page, n: number) =>
  page.locator(`[data-testid="sale-banner"] [data-testid="sale-remaining"][data-remaining="${n}"]`).waitFor();

/** The input of a Semi field marked with a test id (on the input itself or on its wrapper). */
const inputOf = (page: Page, id: string) =>
  page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

/**
 * Opens a Semi select, clicks an option, and waits until its dropdown has faded out: a dropdown
 * still closing (about 0.1–0.2 s) holds options of its own, which the next pick would find first.
 */
async function pick(page: Page, selectId: string, option?: string): Promise<string> {
  const anyOption = page.locator('.semi-select-option');
  await anyOption.first().waitFor({ state: 'hidden' });
  await page.getByTestId(selectId).click();
  const options = page.locator('.semi-select-option:not(.semi-select-option-disabled)');
  const choice = option ? options.filter({ hasText: option }).first() : options.first();
  const text = (await choice.innerText()).trim();
  await choice.click();
  await anyOption.first().waitFor({ state: 'hidden' });
  return text;
}

/**
 * 马上抢 on the banner, the SKU (when the product has several on sale), + for more than one,
 * 确认抢购: the cashier opens in the same tab (no pop-up). Returns the reserved order and its payment.
 */
async function grab(
  shopper: Shopper,
  quantity: number,
  skuSaleId: string,
): Promise<{ orderId: string; paymentId: string }> {
  const { page } = shopper;
  await page.getByTestId('sale-buy').click();
  const sheet = page.getByTestId('sale-buy-sheet');
  await sheet.getByText(`观众${shopper.name}`).waitFor(); // the default address is already chosen
  await sheet.locator(`[data-testid="sale-sku"][data-sale-id="${skuSaleId}"]`).click();
  await sheet.locator(`[data-testid="sale-sku"][data-sale-id="${skuSaleId}"][aria-checked="true"]`).waitFor();
  for (let i = 1; i < quantity; i++) await sheet.getByTestId('quantity').locator('button').last().click();
  assert.equal(await sheet.getByTestId('quantity').locator('input').inputValue(), String(quantity));
  const pages = shopper.context.pages().length;
  const placed = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/flash-sales\/[^/]+\/orders$/.test(r.url()),
  );
  await sheet.getByTestId('sale-confirm').click();
  assert.equal((await placed).status(), 201, 'the units are reserved');
  await page.waitForURL((url) => url.pathname.startsWith('/sandbox/cashier/'));
  assert.equal(shopper.context.pages().length, pages, 'the cashier opens in the same tab, not a new one');
  // The reserved order (the buyer's only unpaid one) and the payment it was placed with.
  const unpaid = (await pageApi(page, '/api/v1/orders?status=unpaid')).body as { items: Array<{ id: string }> };
  assert.equal(unpaid.items.length, 1, 'one order waits for payment');
  const order = (await pageApi(page, `/api/v1/orders/${unpaid.items[0]!.id}`)).body as {
    id: string;
    paymentId: string;
  };
  return { orderId: order.id, paymentId: order.paymentId };
}

/** Pays in the sandbox cashier and comes back to the room; the order is paid. */
async function payAndReturn(
  shopper: Shopper,
  roomId: string,
  placed: { orderId: string; paymentId: string },
): Promise<void> {
  const { page } = shopper;
  const { orderId } = placed;
  await page.getByTestId('cashier-pay').click();
  await page.waitForURL((url) => url.pathname === `/app/orders/${orderId}`); // the cashier returns to the order by itself
  await waitFor(async () => {
    const res = await page.evaluate(
      async (id) => (await fetch(`/api/v1/orders/${id}`, { credentials: 'same-origin' })).json(),
      orderId,
    );
    const order = res as { status: string; paymentId: string };
    assert.equal(order.paymentId, placed.paymentId, 'the order keeps the one payment it was placed with');
    return order.status === 'paid';
  }, `${shopper.name}’s order is paid`);
  await page.goto(`/app/live/${roomId}`);
  await page.locator(`[data-testid="live-room"][data-room-id="${roomId}"][data-connection="open"]`).waitFor();
}

describe('live room: a host runs a flash sale, two shoppers buy from it', () => {
  const env = useEnv();

  browserTest(
    env,
    'the host opens a room, pins a product and starts a flash sale; two shoppers watch the stock count down as each buys',
    async (host) => {
      const base = env().server.url;
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      const shoppers: Shopper[] = [];
      try {
        // The host: the demo merchant's shop goes live (店播) from 商家后台 · 直播.
        await host.setViewportSize(DESKTOP);
        await host.goto('/');
        await host.getByTestId('door-merchant').getByRole('button').click();
        await host.waitForURL((url) => url.pathname === '/merchant');
        await host.getByRole('menuitem', { name: '直播' }).click();
        await host.waitForURL((url) => url.pathname === '/merchant/live');
        await inputOf(host, 'live-new-title').fill('果园现摘 · 秒杀测试');
        await host.getByTestId('live-create').click();
        await host.waitForURL((url) => /^\/merchant\/live\/[^/]+$/.test(url.pathname));
        const roomId = decodeURIComponent(new URL(host.url()).pathname.split('/').pop()!);
        await host.locator('[data-testid="live-panel"][data-status="scheduled"]').waitFor();
        await host.getByTestId('live-open').click();
        await host.locator('[data-testid="live-panel"][data-status="live"]').waitFor();

        // Two shoppers come in before anything is on sale.
        shoppers.push(await shopperInRoom(browser, base, 'A', roomId));
        shoppers.push(await shopperInRoom(browser, base, 'B', roomId));
        const [a, b] = shoppers as [Shopper, Shopper];
        assert.equal(await a.page.getByTestId('pinned-card').count(), 0);

        // A comments; B's phone shows it in the next batch of comments.
        await a.page.getByTestId('live-say').fill('想要！主播看看我');
        await a.page.getByTestId('live-say').press('Enter');
        await b.page.getByTestId('live-comments').getByText('想要！主播看看我').waitFor();
        await a.page.getByTestId('live-like').click();

        // The host fills the bag and pins the product: both phones show 讲解中 without reloading.
        const product = await pick(host, 'live-bag-choose');
        const productTitle = product.split(' · ')[0]!;
        await host.getByTestId('live-bag-add').click();
        const bagRow = host.locator('tr[data-testid="live-bag-row"]').first();
        await bagRow.waitFor();
        const productId = await bagRow.getAttribute('data-product-id');
        assert.ok(productId);
        await bagRow.getByTestId('live-pin').click();
        for (const s of shoppers)
          await s.page.locator(`[data-testid="pinned-card"][data-product-id="${productId}"]`).waitFor();
        assert.ok((await a.page.getByTestId('pinned-card').innerText()).includes(productTitle));

        // The flash sale: 5 units, 2 per person, from now for 10 minutes.
        await pick(host, 'live-sale-product', productTitle);
        await pick(host, 'live-sale-sku');
        await inputOf(host, 'live-sale-price').fill('1.00');
        await inputOf(host, 'live-sale-quantity').fill(String(SALE_UNITS));
        await inputOf(host, 'live-sale-limit').fill(String(LIMIT));
        const started = host.waitForResponse(
          (r) => r.request().method() === 'POST' && r.url().endsWith('/flash-sales'),
        );
        await host.getByTestId('live-sale-start').click();
        assert.equal((await started).status(), 201, 'the flash sale is created');
        await host.locator('tr[data-testid="live-sale-row"]').waitFor();
        await screen(host, 'live-console-panel-zh');

        // A second SKU of the product goes on sale too (over the API, ending later so the banner
        // keeps showing the first); the buy sheet offers both, each named by its own SKU.
        const merchant = await tokenFor(env(), 'merchant');
        const firstSale = (await call(base, 'GET', `/api/v1/live/rooms/${roomId}`)) as {
          sales: Array<{ id: string; skuId: string; label: string }>;
        };
        const saleA = firstSale.sales[0]!;
        const detail = (await call(base, 'GET', `/api/v1/products/${productId}`)) as {
          skus: Array<{ id: string; stock: number }>;
        };
        const otherSku = detail.skus.find((k) => k.id !== saleA.skuId && k.stock >= 2);
        assert.ok(otherSku, 'the product has a second SKU in stock');
        const now = Date.now();
        const second = (await call(base, 'POST', `/api/v1/live/rooms/${roomId}/flash-sales`, {
          token: merchant,
          body: {
            skuId: otherSku.id,
            priceFen: 200,
            quantity: 2,
            perPersonLimit: 1,
            startsAt: now,
            endsAt: now + 20 * 60_000,
          },
        })) as { id: string; label: string };
        assert.notEqual(second.label, saleA.label, 'each sale is named by its SKU');

        for (const s of shoppers) {
          await s.page.locator('[data-testid="sale-banner"][data-phase="open"]').waitFor();
          await s.page
            .locator(`[data-testid="sale-label"][data-sku-id="${saleA.skuId}"]`, { hasText: saleA.label })
            .waitFor();
          await remaining(s.page, SALE_UNITS);
        }
        await screen(b.page, 'live-room-sale-zh');

        // A opens the sale: both SKUs are offered; picking the other one renames the sheet.
        await a.page.getByTestId('sale-buy').click();
        const sheetA = a.page.getByTestId('sale-buy-sheet');
        await sheetA.locator(`[data-testid="sale-sku"][data-sale-id="${second.id}"]`).waitFor(); // the second sale arrives over the room's channel
        assert.equal(await sheetA.getByTestId('sale-sku').count(), 2);
        await sheetA.locator(`[data-testid="sale-sku"][data-sale-id="${second.id}"]`).click();
        await sheetA
          .locator(`[data-testid="sale-buy-label"][data-sku-id="${otherSku.id}"]`, { hasText: second.label })
          .waitFor();
        await screen(a.page, 'live-sale-sku-choice-zh');
        await sheetA.getByRole('button', { name: '关闭' }).click();

        // A grabs two of the first SKU and pays in the same tab; B's phone counts down to 3.
        const orderA = await grab(a, LIMIT, saleA.id);
        await remaining(b.page, 3);
        await screen(a.page, 'live-sale-cashier-zh');
        await payAndReturn(a, roomId, orderA);
        await remaining(a.page, 3);

        // B grabs two: down to 1 on both phones and in the host's panel.
        const orderB = await grab(b, LIMIT, saleA.id);
        await remaining(a.page, 1);
        await payAndReturn(b, roomId, orderB);
        await remaining(b.page, 1);
        // The panel follows the room's channel (it reloads on the channel's sale frames, it does not
        // poll): the sale's stock moves there, and the panel itself is not counted among the room's
        // viewers (only the two shoppers are).
        await host
          .locator('[data-testid="live-sale-remaining"]', { hasText: `1/${SALE_UNITS}` })
          .waitFor({ timeout: PATIENCE_MS });
        await waitForAttribute(
          host.getByTestId('dash-online'),
          'data-value',
          '2',
          'the 大屏 to count the two shoppers online, not the host’s panel',
        );
        await host.getByTestId('dash-trend').locator('canvas').waitFor();
        await screen(host, 'live-console-dashboard-zh');

        // A is at the per-person limit: a third unit is refused, nothing more is taken.
        await a.page.getByTestId('sale-buy').click();
        await a.page.getByTestId('sale-confirm').click();
        await a.page.locator('[data-testid="live-error"][data-code="SALE_LIMIT_REACHED"]').waitFor();
        await remaining(b.page, 1);
        assert.equal(a.context.pages().length, 1, 'no tab was opened');

        // The sold units are real orders: both shoppers' orders are paid.
        await waitFor(async () => {
          const res = await a.page.evaluate(async () =>
            (await fetch('/api/v1/orders?status=paid', { credentials: 'same-origin' })).json(),
          );
          return (res as { items: unknown[] }).items.length === 1;
        }, 'A’s paid flash-sale order');

        // The room is listed on the feed as 直播中.
        const feed = await b.context.newPage();
        const feedLog = recordPageLog(feed);
        try {
          await feed.goto('/app');
          await feed.getByTestId('live-entry').click({ timeout: 30_000 });
          const entry = feed.locator(`[data-testid="live-strip-room"][data-room-id="${roomId}"]`);
          await entry.waitFor();
          await screen(feed, 'live-feed-entry-zh');
          // The sheet lies above the tab bar: tapping the room enters it (not 购物车 under it).
          await entry.click();
          await feed.waitForURL((url) => url.pathname === `/app/live/${roomId}`);
        } catch (error) {
          if (error instanceof Error) error.message += `\nfeed: ${await saveArtifacts(feed, 'live-feed', feedLog)}`;
          throw error;
        } finally {
          await feed.close();
        }

        // The host ends the room: everyone sees it end.
        await host.getByTestId('live-end').click();
        await host.getByTestId('live-end-confirm').click();
        await host.locator('[data-testid="live-panel"][data-status="ended"]').waitFor();
        for (const s of shoppers) await s.page.getByTestId('live-ended').waitFor();
      } catch (error) {
        for (const s of shoppers) {
          const png = await saveArtifacts(s.page, `live-shopper-${s.name}`, s.log);
          if (error instanceof Error) error.message += `\nshopper ${s.name}: ${png}`;
        }
        throw error;
      } finally {
        await browser.close().catch(() => {});
      }
    },
    300_000,
  ); // three people and a console on a shared machine: longer than the default two minutes
});
