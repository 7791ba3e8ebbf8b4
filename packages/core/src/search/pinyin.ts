/**
 * Pinyin index terms, so a shopper can type what the keyboard gives before the Chinese (茶 as
 * `cha`, 普洱 as `puer` or `pe`). Computed once when a document is written, never per query.
 */
import { createRequire } from 'node:module';

type PinyinPro = typeof import('pinyin-pro');
let loaded: PinyinPro | null = null;

/** One reading per character of the text, toneless, ü as v: pinyin-pro, loaded on first use (its dictionary takes a moment; most processes never index). */
function readings(text: string): string[] {
  loaded ??= createRequire(import.meta.url)('pinyin-pro') as PinyinPro;
  return loaded.pinyin(text, { toneType: 'none', type: 'array', v: true });
}

const HAN = /\p{Script=Han}/u;

/** Syllables of the word's Han characters, in order (the word's context picks the reading of 长, 行, 重…); ü is written v. */
function syllables(word: string): string[] {
  const chars = [...word];
  const read = readings(word);
  // pinyin-pro returns one entry per character; keep those of Han characters only.
  if (read.length !== chars.length) return chars.filter((c) => HAN.test(c)).map((c) => readings(c)[0] ?? '');
  return read.filter((_, i) => HAN.test(chars[i]!));
}

/**
 * The pinyin terms of index terms: for every term with Han characters its full pinyin run
 * together (普洱 → puer, 茶 → cha) and, for two characters or more, its initials (普洱 → pe).
 * Lower-case letters only, so neither full-text engine needs to split them.
 */
export function pinyinTerms(terms: readonly string[]): string[] {
  const out = new Set<string>();
  for (const term of terms) {
    if (!HAN.test(term)) continue;
    const read = syllables(term)
      .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
      .filter((s) => s.length > 0);
    if (read.length === 0) continue;
    out.add(read.join(''));
    if (read.length > 1) out.add(read.map((s) => s[0]).join(''));
  }
  return [...out];
}

/**
 * A name's pinyin as a whole, its Han characters run together (茶小仙 → chaxiaoxian, cxx), for
 * names a shopper types in one go however the segmenter cuts them.
 */
export function wholeNamePinyin(name: string): string[] {
  const han = [...name].filter((c) => HAN.test(c)).join('');
  return han.length > 1 ? pinyinTerms([han]) : [];
}

/** The terms with their pinyin terms added (each once). */
export function withPinyin(terms: readonly string[]): string[] {
  return [...new Set([...terms, ...pinyinTerms(terms)])];
}
