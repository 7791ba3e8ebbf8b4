/**
 * Debian's Chromium through playwright-core, headless, with a fresh profile directory.
 * A missing /usr/bin/chromium is a failure, never a skip.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ARTIFACTS_DIR, CHROMIUM_PATH } from './paths.ts';

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Throws when Debian's chromium is not installed. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: the e2e suite needs Debian's chromium (run scripts/ensure-chromium.sh as root)`,
    );
  }
}

export async function launchBrowser(baseURL: string): Promise<Browser> {
  assertChromium();
  const profileDir = await mkdtemp(join(tmpdir(), 'zhongcao-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      baseURL,
      viewport: { width: 390, height: 844 }, // the shopper app is mobile-first
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
    return {
      context,
      close: async () => {
        await context.close().catch(() => {});
        await rm(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
}

/** Records what the page said (console errors, failed requests) for failure reports. */
export function recordPageLog(page: Page): string[] {
  const log: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') log.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => log.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (req) =>
    log.push(`requestfailed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) log.push(`http ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  return log;
}

function slug(name: string): string {
  return (
    name
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'test'
  );
}

/** Saves a full-page screenshot and the page log into .e2e-artifacts/; returns the PNG path. */
export async function saveArtifacts(page: Page, name: string, log: string[] = []): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const base = join(ARTIFACTS_DIR, `${slug(name)}-${Date.now()}-${process.pid}`); // files run side by side
  await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 }).catch(() => {});
  await writeFile(`${base}.log`, [`url: ${page.url()}`, ...log].join('\n') + '\n').catch(() => {});
  return `${base}.png`;
}
