/**
 * A complete Chinese UI, and English: every main screen (support/i18n-screens.ts) is opened in
 * zh-CN and in en. zh-CN fails on Latin words in the UI's own text (brands, units, ids, handles,
 * emails and URLs allowed; user content excluded); en fails on Chinese left in it; both fail on
 * keys i18next could not find and on raw keys in the text. The report names the screen and the
 * offending text; screenshots are .e2e-artifacts/screens/i18n-<screen>-<zh|en>.png.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { demoLogin } from './support/demo.ts';
import { CONSOLES, DESKTOP, PHONE, SHOPPER_SCREENS, type ShopperFixtures } from './support/i18n-screens.ts';
import { inspectScreen, settle, watchUserContent } from './support/i18n-inspect.ts';
import { call, loginToken } from './support/shopper-api.ts';
import { browserTest, useEnv, type Env } from './support/suite.ts';

const LANGS = ['zh-CN', 'en'] as const;

async function signIn(page: Page, env: Env, role: string): Promise<void> {
  const who = await demoLogin(env, role);
  await page.goto('/');
  const status = await page.evaluate(
    async (body) => {
      const res = await fetch('/api/v1/auth/login', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });
      return res.status;
    },
    { login: who.login, password: who.password },
  );
  assert.equal(status, 200, `the demo ${role} signs in`);
}

async function setLanguage(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  await page.evaluate((l) => window.localStorage.setItem('zhongcao.lang', l), lang);
}

async function shopperFixtures(env: Env): Promise<ShopperFixtures> {
  const base = env.server.url;
  const who = await demoLogin(env, 'shopper');
  const shopper = await loginToken(base, who.login, who.password);
  const products = await call(base, 'GET', '/api/v1/products?limit=20');
  let chosen: { id: string; shopId: string; skuId: string } | null = null;
  for (const p of products.items) {
    const detail = await call(base, 'GET', `/api/v1/products/${p.id}`);
    const sku = detail.skus.find((s: { stock: number }) => s.stock > 5);
    if (sku) {
      chosen = { id: p.id, shopId: detail.shopId ?? detail.shop?.id ?? p.shopId, skuId: sku.id };
      break;
    }
  }
  assert.ok(chosen, 'a demo product with stock');
  // Something in the cart, so the cart, checkout and cashier have content.
  const skuId = chosen.skuId;
  const refillCart = async (): Promise<void> => {
    await call(base, 'PUT', '/api/v1/cart/items', { token: shopper.token, body: { skuId, quantity: 1 } });
  };
  await refillCart();
  const rooms = await call(base, 'GET', '/api/v1/live/rooms?status=live');
  const room = (Array.isArray(rooms) ? rooms : (rooms.items ?? []))[0] ?? null;
  const firstOrder = async (status: string) =>
    ((await call(base, 'GET', `/api/v1/orders?status=${status}&limit=1`, { token: shopper.token })).items[0]?.id as
      | string
      | undefined) ?? null;
  const cases = await call(base, 'GET', '/api/v1/aftersales/cases', { token: shopper.token });
  return {
    productId: chosen.id,
    shopId: chosen.shopId,
    liveRoomId: room?.id ?? null,
    hostId: room?.host?.kind === 'creator' ? room.host.id : null,
    completedOrderId: await firstOrder('completed'),
    cancelledOrderId: await firstOrder('cancelled'),
    refillCart,
    caseId: cases.items?.[0]?.id ?? null,
  };
}

describe('every main screen speaks zh-CN and en fully', () => {
  const env = useEnv();

  browserTest(
    env,
    'shopper app (390x844): no untranslated text, no missing keys',
    async (page) => {
      await page.setViewportSize(PHONE);
      const content = watchUserContent(page);
      const fixtures = await shopperFixtures(env());
      const problems: string[] = [];
      const skipped: string[] = [];
      for (const lang of LANGS) {
        await page.context().clearCookies();
        await page.goto('/');
        await setLanguage(page, lang);
        let signedIn = false;
        for (const s of SHOPPER_SCREENS) {
          if (!s.signedOut && !signedIn) {
            await signIn(page, env(), 'shopper');
            signedIn = true;
          }
          content.add(s.typed ?? []);
          const shown = await s.open(page, fixtures);
          if (shown === false) {
            skipped.push(`${lang} ${s.name}`);
            continue;
          }
          problems.push(...(await inspectScreen(page, s.name, lang, content, new Set())));
        }
      }
      assert.deepEqual(skipped, [], 'the demo data has something for every screen');
      assert.deepEqual(problems, [], `untranslated text or missing keys:\n${problems.join('\n')}`);
    },
    600_000,
  );

  for (const c of CONSOLES) {
    browserTest(
      env,
      `${c.title} (1366x900): every left-nav page, no untranslated text, no missing keys`,
      async (page) => {
        await page.setViewportSize(DESKTOP);
        const content = watchUserContent(page);
        await signIn(page, env(), c.role);
        const problems: string[] = [];
        for (const lang of LANGS) {
          await setLanguage(page, lang);
          await page.goto(c.root);
          const items = page.locator('.cs-sider [role="menuitem"]');
          await items.first().waitFor();
          const count = await items.count();
          assert.ok(count >= 2, `${c.title} has a left navigation`);
          const reported = new Set<string>();
          for (let i = 0; i < count; i++) {
            await items.nth(i).click();
            await settle(page);
            const path = new URL(page.url()).pathname.slice(c.root.length).replace(/^\//, '') || 'home';
            const name = `${c.name}-${path.replace(/\//g, '-')}`;
            problems.push(...(await inspectScreen(page, name, lang, content, reported)));
            // A table with expandable rows (对账报告 · 差异) shows its first row's details too.
            const expand = page.locator('.cs-content .semi-table-expand-icon').first();
            if ((await expand.count()) > 0 && (await expand.isVisible())) {
              await expand.click();
              await settle(page);
              problems.push(...(await inspectScreen(page, `${name}-expanded`, lang, content, reported)));
            }
            // The page's own tabs (资金 · 账户流水, 达人合作 · 计划…) are screens too.
            const tabs = page.locator('.cs-content [role="tab"]');
            const tabCount = await tabs.count();
            for (let j = 0; j < tabCount; j++) {
              const tab = tabs.nth(j);
              if ((await tab.getAttribute('aria-selected')) === 'true' || !(await tab.isVisible())) continue;
              await tab.click();
              await settle(page);
              problems.push(...(await inspectScreen(page, `${name}-tab${j + 1}`, lang, content, reported)));
            }
          }
        }
        assert.deepEqual(problems, [], `untranslated text or missing keys:\n${problems.join('\n')}`);
      },
      600_000,
    );
  }
});
