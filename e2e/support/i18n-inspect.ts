/**
 * Looks at one rendered screen for the i18n coverage check: the visible text (minus user content:
 * what the server sent as titles, names, captions, comments…, and elements marked
 * data-user-content), the keys i18next could not find (window.__i18nMissingKeys), and text that
 * is a raw key. Rules live in untranslated.ts.
 */
import type { Page } from 'playwright-core';
import { resources } from '../../packages/web/src/i18n/resources.ts';
import { collectUserStrings, isUserContent, rawKeys, untranslatedWords, withoutUserContent } from './untranslated.ts';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SCREENS_DIR } from './screens.ts';

const NAMESPACES = Object.keys(resources['zh-CN'].translation);

/** Han characters an English screen may show: the brand (种草), the console logo (种), the language switch (中文). */
const EN_ALLOWED_HAN = /种草|种|中文/g;

export interface UserContent {
  /** Resolves once every API answer and live frame seen so far has been read. */
  settled(): Promise<void>;
  text(): string;
  /** The strings, longest first. */
  strings(): string[];
  /** Adds what the person typed on this screen (a search query): theirs, not the UI's. */
  add(typed: readonly string[]): void;
}

/** Gathers the user-content strings of every JSON answer from /api/ and every live-room frame the page receives. */
export function watchUserContent(page: Page): UserContent {
  const strings = new Set<string>();
  const pending = new Set<Promise<void>>();
  page.on('response', (res) => {
    if (!res.url().includes('/api/') || !(res.headers()['content-type'] ?? '').includes('json')) return;
    const p = res
      .json()
      .then((body: unknown) => collectUserStrings(body, strings))
      .catch(() => {})
      .finally(() => pending.delete(p));
    pending.add(p);
  });
  page.on('websocket', (ws) => {
    ws.on('framereceived', (frame) => {
      if (typeof frame.payload !== 'string') return;
      try {
        collectUserStrings(JSON.parse(frame.payload), strings);
      } catch {
        // not JSON
      }
    });
  });
  return {
    settled: async () => {
      await Promise.all([...pending]);
    },
    text: () => [...strings].join('\u0000'),
    strings: () => [...strings].sort((a, b) => b.length - a.length),
    add: (typed) => {
      for (const s of typed) strings.add(s);
    },
  };
}

/** Waits for the screen's requests to finish and its skeletons to go. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 8_000 }).catch(() => {});
  await page
    .waitForFunction(() => !document.querySelector('.skeleton, .skeleton-lines, .semi-skeleton'), undefined, {
      timeout: 8_000,
    })
    .catch(() => {});
  await page.waitForTimeout(300);
}

interface Seen {
  texts: Array<{ text: string; where: string }>;
  missing: string[];
}

/**
 * Runs in the page (as source text: the test runner's transform would add helpers the page does
 * not have): every visible text node outside [data-user-content], and visible placeholders.
 */
const VISIBLE_TEXT = `(() => {
  const where = function (el) {
    const marked = el.closest('[data-testid]');
    const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/)[0] : '';
    return el.tagName.toLowerCase() + cls + (marked ? ' in [data-testid=' + marked.getAttribute('data-testid') + ']' : '');
  };
  const visible = function (el) { return el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }); };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n.nodeValue || '').trim();
    const el = n.parentElement;
    if (!text || !el || el.closest('script, style, noscript, [data-user-content]') || !visible(el)) continue;
    texts.push({ text: text, where: where(el) });
  }
  for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    if (input.placeholder && visible(input) && !input.closest('[data-user-content]')) texts.push({ text: input.placeholder, where: where(input) + ' (placeholder)' });
  }
  return { texts: texts, missing: (window.__i18nMissingKeys || []).slice() };
})()`;

async function visibleText(page: Page): Promise<Seen> {
  return (await page.evaluate(VISIBLE_TEXT)) as Seen;
}

/**
 * Checks the screen on the page now and saves its screenshot as i18n-<name>-<lang>.png; returns
 * one line per problem. `missingBefore` are keys already reported on this page (a console's
 * navigation does not reload it).
 */
export async function inspectScreen(
  page: Page,
  name: string,
  lang: 'zh-CN' | 'en',
  content: UserContent,
  missingBefore: Set<string>,
): Promise<string[]> {
  await settle(page);
  await content.settled();
  await mkdir(SCREENS_DIR, { recursive: true });
  await page.screenshot({
    path: join(SCREENS_DIR, `i18n-${name}-${lang === 'en' ? 'en' : 'zh'}.png`),
    fullPage: true,
    timeout: 10_000,
  });
  const seen = await visibleText(page);
  const user = content.text();
  const userStrings = content.strings();
  const problems: string[] = [];
  const report = (what: string, text: string, where: string) =>
    problems.push(`${lang} ${name}: ${what} in "${text.slice(0, 120)}" (${where})`);
  for (const { text, where } of seen.texts) {
    const keys = rawKeys(text, NAMESPACES);
    if (keys.length) report(`raw key ${keys.join(', ')}`, text, where);
    if (isUserContent(text, user)) continue;
    const own = withoutUserContent(text, userStrings);
    if (lang === 'zh-CN') {
      const words = untranslatedWords(own);
      if (words.length) report(`untranslated ${words.join(' ')}`, text, where);
    } else if (/\p{Script=Han}/u.test(own.replace(EN_ALLOWED_HAN, ''))) {
      report('Chinese left', text, where);
    }
  }
  for (const key of seen.missing) {
    if (missingBefore.has(key)) continue;
    missingBefore.add(key);
    problems.push(`${lang} ${name}: missing key ${key}`);
  }
  return problems;
}
