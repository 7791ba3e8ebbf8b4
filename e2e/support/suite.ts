/**
 * One server and one browser per test file; every test gets a fresh page (and no cookies),
 * and a failing test leaves a screenshot and a log in .e2e-artifacts/.
 *
 * By default each file starts the real server (see server.ts). For debugging against a server
 * you already run (e.g. `npm run dev -w @zhongcao/web`), set E2E_BASE_URL=http://host:port.
 */
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertChromium, launchBrowser, recordPageLog, saveArtifacts, type Browser } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

export interface Env {
  server: RunningServer;
  browser: Browser;
  /** GET a JSON API path from Node (not the browser), e.g. api('/api/v1/demo'). */
  api<T = unknown>(path: string): Promise<{ status: number; body: T }>;
}

export function useEnv(): () => Env {
  let env: Env | null = null;
  let server: RunningServer | null = null;
  let browser: Browser | null = null;

  before(
    async () => {
      // A missing chromium fails at once, without starting the server; one that does not launch
      // fails as soon as the probe does (the server starting meanwhile is stopped).
      assertChromium();
      const starting = process.env.E2E_BASE_URL
        ? Promise.resolve(externalServer(process.env.E2E_BASE_URL))
        : startServer();
      starting.catch(() => {}); // awaited below; a probe failure must not leave it unhandled
      try {
        const probe = await launchBrowser('http://127.0.0.1');
        await probe.close();
      } catch (error) {
        await starting.then(
          (s) => s.stop(),
          () => {},
        );
        throw error;
      }
      server = await starting;
      browser = await launchBrowser(server.url);
      const base = server.url;
      env = {
        server,
        browser,
        async api<T>(path: string) {
          const res = await fetch(base + path, { headers: { accept: 'application/json' } });
          const text = await res.text();
          return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
        },
      };
    },
    { timeout: 450_000 },
  ); // up to 300 s seeding the run's demo template (demo-template.ts), then the server's start

  after(
    async () => {
      await Promise.all([browser?.close(), server?.stop()]);
    },
    { timeout: 60_000 },
  );

  return () => {
    if (!env) throw new Error('e2e environment failed to start (see the before hook)');
    return env;
  };
}

function externalServer(url: string): RunningServer {
  const parsed = new URL(url);
  return { url: parsed.origin, port: Number(parsed.port), dataDir: '', output: () => '', stop: async () => {} };
}

/** A browser test: a fresh page with cleared cookies; screenshot + log on failure. */
export function browserTest(
  getEnv: () => Env,
  name: string,
  fn: (page: Page, env: Env) => Promise<void>,
  timeoutMs = 120_000,
): void {
  test(name, { timeout: timeoutMs }, async () => {
    const env = getEnv();
    await env.browser.context.clearCookies();
    const page = await env.browser.context.newPage();
    const log = recordPageLog(page);
    try {
      await fn(page, env);
    } catch (error) {
      const png = await saveArtifacts(page, name, log);
      const detail = log.length ? `\n--- page log ---\n${log.slice(-30).join('\n')}` : '';
      if (error instanceof Error) error.message += `\nscreenshot: ${png}${detail}`;
      throw error;
    } finally {
      await page.close().catch(() => {});
    }
  });
}
