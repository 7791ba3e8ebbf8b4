import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { call, screen, switchLanguage, tokenFor } from './support/console-api.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };

async function enter(page: Page, door: 'merchant' | 'creator' | 'admin', menu: string, path: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.goto('/');
  await page.getByTestId(`door-${door}`).getByRole('button').click();
  await page.waitForURL((url) => url.pathname === `/${door}`);
  // The item's own label, not a longer one that ends with it (收益 vs 带货收益); the icon's name comes first.
  await page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${menu}$`) }).click();
  await page.waitForURL((url) => url.pathname === `/${door}/${path}`);
}

/** The fen a balance card shows (data-fen), by account kind. */
async function balanceOf(page: Page, kind: string): Promise<number> {
  const value = page.locator(`[data-kind="${kind}"] [data-testid="balance-value"]`);
  await value.waitFor();
  return Number(await value.getAttribute('data-fen'));
}

describe('console money screens (资金 · 收益 · 结算与对账)', () => {
  const env = useEnv();

  browserTest(
    env,
    'the demo merchant sees funds and settlements, requests a payout and sees it listed',
    async (page) => {
      await enter(page, 'merchant', '资金', 'funds');
      const available = await balanceOf(page, 'merchant_available');
      assert.ok(available > 0, `a positive available balance (got ${available} fen)`);
      await balanceOf(page, 'clearing');
      const settled = page.getByTestId('settlements-table').locator('tr[data-order-id]');
      await settled.first().waitFor();
      assert.ok((await settled.count()) > 0, 'the demo shop has settled orders');
      await screen(page, 'money-merchant-settlements-zh');

      // 提现: register an account through the form, then withdraw ¥1.23 with the confirm dialog.
      await page.getByRole('tab', { name: '提现' }).click();
      await page.getByTestId('payout-account-add').click();
      await page.getByTestId('payout-account-holder').fill('杨掌柜');
      await page.getByTestId('payout-account-bank').fill('招商银行');
      await page.getByTestId('payout-account-no').fill('6225880212345678');
      const saved = page.waitForResponse(
        (res) => res.url().endsWith('/api/v1/money/payout-accounts') && res.request().method() === 'POST',
      );
      await page.getByTestId('payout-account-save').click();
      assert.equal((await saved).status(), 201);
      await page.getByTestId('payout-accounts-table').getByText('****5678').waitFor();

      await page.getByTestId('payout-amount').fill('0.5');
      await page.getByText('单笔提现最低 ¥1.00').waitFor();
      assert.ok(await page.getByTestId('payout-submit').isDisabled(), 'below the minimum cannot be sent');
      await page.getByTestId('payout-amount').fill(((available + 100) / 100).toFixed(2));
      await page.getByText('超过可提现余额', { exact: false }).waitFor();
      await page.getByTestId('payout-amount').fill('1.23');
      await page.getByTestId('payout-submit').click();
      await page.getByTestId('payout-confirm-text').getByText('¥1.23', { exact: false }).waitFor();
      await screen(page, 'money-merchant-payout-confirm-zh');
      const requested = page.waitForResponse(
        (res) => res.url().endsWith('/api/v1/money/payouts') && res.request().method() === 'POST',
      );
      await page.getByTestId('payout-confirm').click();
      const res = await requested;
      const payout = (await res.json()) as { id: string; amountFen: number };
      assert.equal(res.status(), 201, JSON.stringify(payout));
      assert.equal(payout.amountFen, 123);
      const row = page.locator(`tr[data-payout-id="${payout.id}"]`);
      await row.getByText('¥1.23').waitFor();
      await page.waitForFunction(
        (want) =>
          Number(
            document
              .querySelector('[data-kind="merchant_available"] [data-testid="balance-value"]')
              ?.getAttribute('data-fen'),
          ) === want,
        available - 123,
      );
      await screen(page, 'money-merchant-payouts-zh');

      // 账户流水 with the running balance; the CSV download answers text/csv.
      await page.getByRole('tab', { name: '账户流水' }).click();
      await page.getByTestId('statement-table').locator('.semi-table-row').first().waitFor();
      await screen(page, 'money-merchant-statement-zh');
      const href = await page.getByTestId('statement-csv').getAttribute('href');
      assert.ok(href);
      const csv = await page.evaluate(async (url) => {
        const r = await fetch(url, { credentials: 'same-origin' });
        return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
      }, href);
      assert.equal(csv.status, 200);
      assert.match(csv.type, /text\/csv/);
      assert.match(csv.text, /payout_requested/);

      await switchLanguage(page, 'en');
      await page.getByRole('tab', { name: 'Settlements' }).click();
      await page.getByTestId('settlements-table').locator('tr[data-order-id]').first().waitFor();
      await screen(page, 'money-merchant-settlements-en');
      await page.getByRole('tab', { name: 'Payouts' }).click();
      await row.getByText('¥1.23').waitFor();
      await screen(page, 'money-merchant-payouts-en');
      await page.getByRole('tab', { name: 'Statement' }).click();
      await page.getByTestId('statement-table').locator('.semi-table-row').first().waitFor();
      await screen(page, 'money-merchant-statement-en');
      await switchLanguage(page, 'zh-CN');
    },
  );

  browserTest(env, 'the demo creator sees earnings, payouts and the statement', async (page) => {
    await enter(page, 'creator', '收益', 'earnings');
    assert.ok((await balanceOf(page, 'creator_available')) > 0, 'the demo creator has earned commission');
    await page.getByTestId('payout-accounts-table').or(page.getByTestId('payout-account-add')).first().waitFor();
    await screen(page, 'money-creator-payouts-zh');
    await page.getByRole('tab', { name: '账户流水' }).click();
    await page.getByTestId('statement-table').locator('.semi-table-row').first().waitFor();
    await screen(page, 'money-creator-statement-zh');
    await switchLanguage(page, 'en');
    await page.getByRole('tab', { name: 'Payouts' }).click();
    await page.getByTestId('payout-account-add').waitFor();
    await screen(page, 'money-creator-payouts-en');
    await switchLanguage(page, 'zh-CN');
  });

  browserTest(env, 'the demo admin sees the platform accounts and runs a reconciliation', async (page) => {
    await enter(page, 'admin', '结算与对账', 'money');
    assert.ok((await balanceOf(page, 'platform_fee_revenue')) > 0, 'the platform earned fees');
    const rows = page.getByTestId('recon-table').locator('.semi-table-row');
    await rows.first().waitFor();
    const before = await rows.count();
    const ran = page.waitForResponse(
      (res) => res.url().endsWith('/api/v1/admin/money/reconciliations') && res.request().method() === 'POST',
    );
    await page.getByTestId('recon-run').click();
    assert.equal((await ran).status(), 201);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="recon-table"] .semi-table-row').length > n,
      before,
    );
    // A fresh install reconciles cleanly, the first automatic run as well as the one just asked for; each shows its day.
    for (const day of await page.getByTestId('recon-day').allInnerTexts())
      assert.match(day, /^\d{4}-\d{2}-\d{2}\s+(每日自动|手动)$/);
    assert.match(await page.getByTestId('recon-day').first().innerText(), /手动$/);
    const bodyRows = page.getByTestId('recon-table').locator('.semi-table-tbody .semi-table-row');
    assert.ok((await bodyRows.count()) >= 2, 'the first automatic run and the one just asked for');
    for (const row of await bodyRows.allInnerTexts()) assert.match(row, /全部一致/, row);
    await screen(page, 'money-admin-zh');
    await switchLanguage(page, 'en');
    await page.getByTestId('recon-table').locator('.semi-table-row').first().waitFor();
    await screen(page, 'money-admin-en');
    await switchLanguage(page, 'zh-CN');
  });

  browserTest(
    env,
    'a refund after settlement that claws back more than is available shows the balance in red with its explanation',
    async (page, e) => {
      const token = await tokenFor(e, 'merchant');
      const shopId = (await call<{ items: Array<{ id: string }> }>(e, 'GET', '/api/v1/merchant/shops', { token })).body
        .items[0]!.id;
      const account = `merchant_available:${shopId}`;
      const balances = await call<{ items: Array<{ accountId: string; balanceFen: number }> }>(
        e,
        'GET',
        '/api/v1/money/balances',
        { token },
      );
      const available = balances.body.items.find((b) => b.accountId === account)?.balanceFen ?? 0;
      if (available >= 100) {
        const accounts = await call<{ items: Array<{ id: string }> }>(
          e,
          'GET',
          `/api/v1/money/payout-accounts?account=${account}`,
          { token },
        );
        const paid = await call(e, 'POST', '/api/v1/money/payouts', {
          token,
          body: { payoutAccountId: accounts.body.items[0]!.id, amountFen: available, requestKey: 'e2e-money-all' },
        });
        assert.equal(paid.status, 201, JSON.stringify(paid.body));
      }
      const settled = await call<{ items: Array<{ orderId: string; grossFen: number; merchantFen: number }> }>(
        e,
        'GET',
        `/api/v1/money/shops/${shopId}/settlements?limit=50`,
        { token },
      );
      const biggest = [...settled.body.items].sort((a, b) => b.merchantFen - a.merchantFen)[0]!;
      const refund = await call(e, 'POST', `/api/v1/money/orders/${biggest.orderId}/refunds`, {
        token,
        body: { amountFen: biggest.grossFen, reason: '售后全额退款 e2e', requestKey: 'e2e-money-clawback' },
      });
      assert.equal(refund.status, 201, JSON.stringify(refund.body));

      await enter(page, 'merchant', '资金', 'funds');
      const card = page.locator('[data-kind="merchant_available"]');
      assert.ok((await balanceOf(page, 'merchant_available')) < 0, 'the clawback left the available balance negative');
      assert.match((await card.getAttribute('class')) ?? '', /mn-negative/);
      await card.getByRole('alert').getByText('余额为负', { exact: false }).waitFor();
      // The statement holds the clawback (checked through the API: the demo's history — settlements,
      // late-shipment compensation — may put it past the first page of the screen's table).
      const reasons: string[] = [];
      for (let cursor: string | null = null, pages = 0; pages === 0 || (cursor && pages < 50); pages++) {
        const url: string = `/api/v1/money/statement?account=${account}&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await call<{ items: Array<{ reason: string }>; nextCursor: string | null }>(e, 'GET', url, {
          token,
        });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        reasons.push(...res.body.items.map((l) => l.reason));
        cursor = res.body.nextCursor;
      }
      assert.ok(reasons.includes('clawback'), 'the statement records the clawback');
      await page.getByRole('tab', { name: '账户流水' }).click();
      await page.getByTestId('statement-table').waitFor();
      await screen(page, 'money-merchant-negative-zh');
    },
  );
});
