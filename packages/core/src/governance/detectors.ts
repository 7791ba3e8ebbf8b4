/**
 * Typed detectors for red lines that are not words: mainland mobile numbers (spaced, dashed, in
 * full-width or Chinese numerals), QQ numbers after QQ and its spellings, WeChat ids after 微信 and
 * its spellings, links and domains. They read the folded text (separators already gone), except
 * links, which need their dots and read the width-folded original.
 */
import type { FoldedText } from './folding.js';
import type { DetectorKind } from './types.js';

export interface DetectorHit {
  kind: DetectorKind;
  /** Offsets into the original text. */
  start: number;
  end: number;
}

const CHINESE_DIGITS: Readonly<Record<string, string>> = {
  〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
  壹: '1', 贰: '2', 叁: '3', 肆: '4', 伍: '5', 陆: '6', 柒: '7', 捌: '8', 玖: '9', 幺: '1', 两: '2',
};
const HAS_CHINESE_DIGIT = /[〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺两]/;
const CHINESE_DIGIT_G = /[〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺两]/g;

const TLDS = 'com|cn|net|org|top|xyz|vip|cc|io|me|shop|site|club|info|co|tv|link|ltd|wang|store|online|app';
const URL_RE = new RegExp(
  `(?:https?://|www\\.)[a-z0-9\\-._~%/?#=&+]+|(?<![a-z0-9\\-])(?:[a-z0-9][a-z0-9\\-]{0,62}\\s*(?:\\.|点|dot)\\s*)+(?:${TLDS})(?![a-z0-9])(?:/[a-z0-9\\-._~%/?#=&+]*)?`,
  'g',
);
const MAY_HAVE_URL = /[.点]|dot|:\/\//;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface Detectors {
  run(folded: FoldedText, widthFolded: string): DetectorHit[];
}

/**
 * Builds the detectors; `qqNames` and `wechatNames` are the folded spellings of QQ and 微信 from
 * the homophone table (so an admin's new spelling is seen by the detectors too).
 */
export function buildDetectors(qqNames: readonly string[], wechatNames: readonly string[]): Detectors {
  const alt = (names: readonly string[]): string => [...new Set(names)].sort((a, b) => b.length - a.length).map(escape).join('|');
  const qqRe = new RegExp(`(?:${alt(qqNames)})(?:号码|号)?(?:是|为)?([0-9]{5,11})(?![0-9])`, 'g');
  const wechatRe = new RegExp(`(?:${alt(wechatNames)})(?:号|id)?(?:是|为)?([a-z][a-z0-9]{5,19})`, 'g');
  return {
    run(folded, widthFolded) {
      const hits: DetectorHit[] = [];
      const t = HAS_CHINESE_DIGIT.test(folded.text) ? folded.text.replace(CHINESE_DIGIT_G, (c) => CHINESE_DIGITS[c]!) : folded.text;
      const span = (kind: DetectorKind, from: number, to: number): void => {
        hits.push({ kind, start: folded.start[from]!, end: folded.end[to - 1]! });
      };
      // Phones: a run of exactly 11 digits, 1[3-9]…
      for (let i = 0; i < t.length; ) {
        const c = t.charCodeAt(i);
        if (c < 48 || c > 57) {
          i++;
          continue;
        }
        let j = i + 1;
        while (j < t.length && t.charCodeAt(j) >= 48 && t.charCodeAt(j) <= 57) j++;
        if (j - i === 11 && c === 49 && t.charCodeAt(i + 1) >= 51) span('phone', i, j);
        i = j;
      }
      qqRe.lastIndex = 0;
      for (let m = qqRe.exec(t); m; m = qqRe.exec(t)) span('qq', m.index, m.index + m[0].length);
      wechatRe.lastIndex = 0;
      for (let m = wechatRe.exec(t); m; m = wechatRe.exec(t)) span('wechat_id', m.index, m.index + m[0].length);
      if (MAY_HAVE_URL.test(widthFolded)) {
        URL_RE.lastIndex = 0;
        for (let m = URL_RE.exec(widthFolded); m; m = URL_RE.exec(widthFolded)) hits.push({ kind: 'url', start: m.index, end: m.index + m[0].length });
      }
      return hits;
    },
  };
}
