/** Screenshots of the main screens for reviewers: .e2e-artifacts/screens/<name>.png (gitignored). */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { motionSettled } from './motion.ts';
import { ARTIFACTS_DIR } from './paths.ts';

export const SCREENS_DIR = join(ARTIFACTS_DIR, 'screens');

export async function screen(page: Page, name: string): Promise<void> {
  await mkdir(SCREENS_DIR, { recursive: true });
  await motionSettled(page); // sheets and transitions have settled
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), timeout: 10_000 });
}

/** Switch the UI language the way a person does (stored in localStorage), then reload. */
export async function useLanguage(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  await page.evaluate((l) => window.localStorage.setItem('zhongcao.lang', l), lang);
  await page.reload();
}
