/**
 * Typed detectors for red lines that are not words: mainland mobile numbers (spaced, dashed, in
 * full-width or Chinese numerals), QQ numbers after QQ and its spellings, WeChat ids after 微信 and
 * its spellings, links and domains. Phones are a scan of the folded text (separators already
 * gone); QQ numbers, WeChat ids and links are looked at only where the rule book's automaton saw
 * their trigger (a spelling of QQ or 微信, a top-level domain, www, http), so a clean text costs
 * one pass.
 */
import type { DetectorKind } from './types.js';

export interface DetectorHit {
  kind: DetectorKind;
  /** Offsets into the folded text (end exclusive). */
  from: number;
  to: number;
}

/** Digit value per BMP code unit (ASCII and Chinese numerals), -1 otherwise. */
const DIGIT = new Int8Array(0x10000).fill(-1);
for (let d = 0; d <= 9; d++) DIGIT[0x30 + d] = d;
const CHINESE: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  壹: 1,
  贰: 2,
  叁: 3,
  肆: 4,
  伍: 5,
  陆: 6,
  柒: 7,
  捌: 8,
  玖: 9,
  幺: 1,
  两: 2,
};
for (const [c, d] of Object.entries(CHINESE)) DIGIT[c.charCodeAt(0)] = d;

/**
 * Mainland mobile numbers: 11 digits 1[3-9]… standing alone in the folded text, or, inside a
 * longer run of digits, bounded on both sides by a gap in the original (138 1234 5678 2箱 holds
 * the number then a quantity). An unbroken run of 12 or more digits (an order number) is no phone.
 */
export function findPhones(folded: string, start: Int32Array, end: Int32Array, out: DetectorHit[]): void {
  const n = folded.length;
  const isPhoneAt = (i: number): boolean => DIGIT[folded.charCodeAt(i)] === 1 && DIGIT[folded.charCodeAt(i + 1)]! >= 3;
  for (let i = 0; i < n; ) {
    if (DIGIT[folded.charCodeAt(i)]! < 0) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && DIGIT[folded.charCodeAt(j)]! >= 0) j++;
    if (j - i === 11) {
      if (isPhoneAt(i)) out.push({ kind: 'phone', from: i, to: j });
    } else if (j - i > 11) {
      // A gap inside the run: unit k does not touch unit k - 1 in the original.
      const gapAt = (k: number): boolean => start[k]! > end[k - 1]!;
      for (let k = i; k + 11 <= j; k++) {
        const left = k === i || gapAt(k);
        const right = k + 11 === j || gapAt(k + 11);
        if (!left || !right || !isPhoneAt(k)) continue;
        out.push({ kind: 'phone', from: k, to: k + 11 });
        k += 10;
      }
    }
    i = j;
  }
}

function skipWords(folded: string, at: number, words: readonly string[]): number {
  for (const w of words) if (folded.startsWith(w, at)) return at + w.length;
  return at;
}

/** A QQ number (5–11 digits) right after a QQ trigger that ends at `at`. */
export function qqAfter(folded: string, triggerFrom: number, at: number): DetectorHit | null {
  let i = skipWords(folded, at, ['号码', '号']);
  i = skipWords(folded, i, ['是', '为']);
  let j = i;
  while (j < folded.length && DIGIT[folded.charCodeAt(j)]! >= 0) j++;
  return j - i >= 5 && j - i <= 11 ? { kind: 'qq', from: triggerFrom, to: j } : null;
}

const isLower = (c: number): boolean => c >= 0x61 && c <= 0x7a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** A WeChat id (a letter, then 5–19 letters or digits) right after a 微信 trigger that ends at `at`. */
export function wechatIdAfter(folded: string, triggerFrom: number, at: number): DetectorHit | null {
  let i = skipWords(folded, at, ['号', 'id']);
  i = skipWords(folded, i, ['是', '为']);
  if (i >= folded.length || !isLower(folded.charCodeAt(i))) return null;
  let j = i + 1;
  while (j < folded.length && j - i < 20 && (isLower(folded.charCodeAt(j)) || isDigit(folded.charCodeAt(j)))) j++;
  return j - i >= 6 ? { kind: 'wechat_id', from: triggerFrom, to: j } : null;
}

/** Top-level domains (and www, http) whose appearance in the folded text wakes the link detector. */
export const LINK_TRIGGERS = [
  'com',
  'cn',
  'net',
  'org',
  'top',
  'xyz',
  'vip',
  'cc',
  'io',
  'me',
  'shop',
  'site',
  'club',
  'info',
  'co',
  'tv',
  'link',
  'ltd',
  'wang',
  'store',
  'online',
  'app',
  'www',
  'http',
] as const;

const TLDS = LINK_TRIGGERS.filter((t) => t !== 'www' && t !== 'http').join('|');
const URL_RE = new RegExp(
  `(?:https?://|www\\.)[a-z0-9\\-._~%/?#=&+]+|(?<![a-z0-9\\-])(?:[a-z0-9][a-z0-9\\-]{0,62}\\s*(?:\\.|点|dot)\\s*)+(?:${TLDS})(?![a-z0-9])(?:/[a-z0-9\\-._~%/?#=&+]*)?`,
  'g',
);

/** Links and domains in the width-folded original (offsets are the original's). */
export function findLinks(widthFolded: string): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(widthFolded); m; m = URL_RE.exec(widthFolded))
    out.push({ from: m.index, to: m.index + m[0].length });
  return out;
}
