/**
 * 开放平台 in the consoles: the merchant creates a self-use app and reads its secret once, the
 * admin approves it, the merchant authorises it for the shop; an ERP (signing from the wire
 * format, over HTTP) gets a token and lists orders; the merchant revokes the authorisation and
 * the token stops.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe } from 'node:test';
import { screen } from './support/console-api.ts';
import { browserTest, useEnv } from './support/suite.ts';

const DESKTOP = { width: 1366, height: 900 };

async function erp(
  base: string,
  appKey: string,
  secret: string,
  method: string,
  params: Record<string, unknown>,
  token?: string,
): Promise<{ code: number; sub_code: string; data: Record<string, unknown> }> {
  const paramJson = JSON.stringify(
    Object.fromEntries(
      Object.keys(params)
        .sort()
        .map((k) => [k, params[k]]),
    ),
  );
  const timestamp = String(Math.floor(Date.now() / 1000));
  const sign = createHmac('sha256', secret)
    .update(`${secret}app_key${appKey}method${method}param_json${paramJson}timestamp${timestamp}v2${secret}`)
    .digest('hex');
  const q = new URLSearchParams({
    app_key: appKey,
    method,
    v: '2',
    timestamp,
    sign,
    sign_method: 'hmac-sha256',
    ...(token ? { access_token: token } : {}),
  });
  const res = await fetch(`${base}/open/${method.replace('.', '/')}?${q}`, {
    method: 'POST',
    body: paramJson,
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.status, 200);
  return (await res.json()) as { code: number; sub_code: string; data: Record<string, unknown> };
}

describe('开放平台', () => {
  const env = useEnv();

  browserTest(env, 'create an app, read the secret once, approve, authorise, call as an ERP, revoke', async (page) => {
    await page.setViewportSize(DESKTOP);
    await page.goto('/');
    await page.getByTestId('door-merchant').getByRole('button').click();
    await page.waitForURL((url) => url.pathname === '/merchant');
    await page.getByRole('menuitem', { name: '开放平台' }).click();
    await page.waitForURL((url) => url.pathname === '/merchant/open');
    await page.getByTestId('open-create').click();
    await page.locator('input[data-testid="open-name"], [data-testid="open-name"] input').fill('果园ERP');
    await screen(page, 'open-platform-create-zh');
    const created = page.waitForResponse(
      (res) => res.url().endsWith('/api/v1/open/apps') && res.request().method() === 'POST',
    );
    await page.getByTestId('open-create-ok').click();
    const createdRes = await created;
    assert.equal(createdRes.status(), 201);
    const { app } = (await createdRes.json()) as { app: { id: string; appKey: string } };
    const secret = (await page.getByTestId('open-secret').innerText()).trim();
    assert.match(secret, /^[0-9a-f]{48}$/);
    await screen(page, 'open-platform-secret-zh');
    await page.getByTestId('open-secret-ok').click();
    await page.getByTestId('open-apps').getByText('待审核').waitFor();

    const adminPage = await page.context().browser()!.newPage();
    try {
      await adminPage.setViewportSize(DESKTOP);
      await adminPage.goto(page.url().replace(/\/merchant.*$/, '/'));
      await adminPage.getByTestId('door-admin').getByRole('button').click();
      await adminPage.waitForURL((url) => url.pathname === '/admin');
      await adminPage.getByRole('menuitem', { name: '开放平台' }).click();
      const approved = adminPage.waitForResponse((res) =>
        res.url().endsWith(`/api/v1/admin/open/apps/${app.id}/review`),
      );
      await adminPage.getByTestId(`open-approve-${app.id}`).click();
      assert.equal((await approved).status(), 200);
      await screen(adminPage, 'open-platform-admin-zh');
    } finally {
      await adminPage.close();
    }

    await page.reload();
    const authorized = page.waitForResponse((res) =>
      res.url().endsWith(`/api/v1/open/apps/${app.id}/self-authorization`),
    );
    await page.getByTestId(`open-authorize-${app.id}`).click();
    assert.equal((await authorized).status(), 200);
    await page.getByTestId('open-apps').getByText('已授权本店使用').waitFor();

    const base = new URL(page.url()).origin;
    const token = await erp(base, app.appKey, secret, 'token.create', { code: '', grant_type: 'authorization_self' });
    assert.equal(token.code, 10000, JSON.stringify(token));
    const accessToken = String(token.data.access_token);
    const since = Math.floor(Date.now() / 1000) - 30 * 86400;
    const list = await erp(
      base,
      app.appKey,
      secret,
      'order.searchList',
      { page: 0, size: 20, create_time_start: since },
      accessToken,
    );
    assert.equal(list.code, 10000, JSON.stringify(list));

    await page.getByRole('tab', { name: '授权管理' }).click();
    await page.getByTestId('open-authorizations').getByText('果园ERP').waitFor();
    await screen(page, 'open-platform-authorizations-zh');
    await page.getByTestId('open-authorizations').getByRole('button', { name: '取消授权' }).click();
    const revoked = page.waitForResponse((res) => /\/api\/v1\/open\/authorizations\/[^/]+\/revoke$/.test(res.url()));
    await page.getByTestId('open-revoke-ok').click();
    assert.equal((await revoked).status(), 200);
    await page.getByTestId('open-authorizations').getByText('已取消').waitFor();
    const after = await erp(
      base,
      app.appKey,
      secret,
      'order.searchList',
      { page: 0, size: 20, create_time_start: since },
      accessToken,
    );
    assert.equal(after.code, 30001);
    assert.equal(after.sub_code, 'dop.authorization-closed');
  });
});
