/**
 * Pure rules of the search vocabulary: how text becomes index terms and how a query becomes
 * groups of alternative terms (every group must match). Segmentation itself is injected, so
 * these rules are testable without the dictionary.
 */

export type Cut = (text: string) => string[];

const CJK = /\p{Script=Han}/u;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** Full-width to half-width, lower case: "ＴＰＵ砧板" and "tpu砧板" index alike. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Splits a segmenter token on anything that is not a letter or digit (FTS syntax never survives). */
function cleanTokens(tokens: string[]): string[] {
  return tokens.flatMap((t) => t.split(NOT_WORD)).filter((t) => t.length > 0);
}

function dedupe(terms: string[]): string[] {
  return [...new Set(terms)];
}

/**
 * Index terms of a field: the search-engine cut, plus every Han character of longer words, so a
 * one-character query (橙) or the stem of 橙子 finds 脐橙 and 冰糖橙.
 */
export function indexTerms(text: string, cut: Cut): string[] {
  const words = cleanTokens(cut(normaliseText(text)));
  const chars = words.filter((w) => w.length > 1 && CJK.test(w)).flatMap((w) => [...w].filter((c) => CJK.test(c)));
  return dedupe([...words, ...chars]);
}

/** The whole words of a title (no sub-words, no single characters of longer words): a match here ranks highest. */
export function wholeWords(text: string, cutWords: Cut): string[] {
  return dedupe(cleanTokens(cutWords(normaliseText(text))));
}

/** Words that carry no meaning in a product query ("云南的橙子"). */
const STOP_WORDS = new Set(['的', '了', '和', '与', '及', '或', '是', '在', '有', '买', '要', '一个', '什么', '哪个']);

/** A few spellings shoppers mix up; both directions are added. */
const SYNONYMS: ReadonlyArray<readonly [string, string]> = [
  ['桔', '橘'],
  ['番茄', '西红柿'],
  ['土豆', '马铃薯'],
  ['凤梨', '菠萝'],
];

export interface TermGroup {
  /** The word as typed (after segmentation). */
  term: string;
  /** Other ways to answer it, each a set of terms that must all be present (普洱茶 → 普洱 + 茶; 橙子 → 橙). */
  alternatives: string[][];
}

function synonymsOf(term: string): string[] {
  const alts: string[] = [];
  // 橙子, 桃子, 李子, 柚子: the noun suffix 子 is usually absent from titles (脐橙, 水蜜桃).
  if (term.length === 2 && term.endsWith('子') && CJK.test(term[0]!)) alts.push(term[0]!);
  for (const [a, b] of SYNONYMS) {
    if (term === a) alts.push(b);
    else if (term === b) alts.push(a);
    else if (a.length === 1 && term.includes(a)) alts.push(term.replace(a, b));
    else if (b.length === 1 && term.includes(b)) alts.push(term.replace(b, a));
  }
  return alts.filter((a) => a !== term);
}

/**
 * A compound the cut also split (普洱茶 → 普洱): its pieces plus the Han characters they leave
 * out. A word of three or more Han characters the cut keeps whole (不粘锅) may be written apart
 * in titles (不粘炒锅): its characters. Two-character words stay whole (大米 must not find 大号米桶).
 */
function piecesOf(term: string, words: string[]): string[] | null {
  const pieces = words.filter((w) => w !== term && w.length > 1 && term.includes(w));
  const chars = [...term].filter((c) => CJK.test(c));
  if (pieces.length === 0) return chars.length >= 3 && chars.length === [...term].length ? dedupe(chars) : null;
  const covered = new Set(pieces.flatMap((p) => [...p]));
  return dedupe([...pieces, ...chars.filter((c) => !covered.has(c))]);
}

export const MAX_QUERY_GROUPS = 8;

/**
 * The query as groups: each segmented word (stop words dropped), longest forms only (the
 * search-engine cut of 普洱茶 is 普洱, 普洱茶: one group 普洱茶 with the alternative 普洱 + 茶),
 * each with its alternatives. Every group must match.
 */
export function queryGroups(query: string, cut: Cut): TermGroup[] {
  const words = dedupe(cleanTokens(cut(normaliseText(query)))).filter((w) => !STOP_WORDS.has(w));
  const longest = words.filter((w) => !words.some((o) => o !== w && o.length > w.length && o.includes(w)));
  return longest.slice(0, MAX_QUERY_GROUPS).map((term) => {
    const pieces = piecesOf(term, words);
    const alternatives = [...synonymsOf(term).map((s) => [s]), ...(pieces ? [pieces] : [])];
    return { term, alternatives };
  });
}

/** Every term of the groups with its weight in scoring: the word as typed 2, alternatives 1. */
export function weightedTerms(groups: TermGroup[]): Array<{ term: string; weight: number }> {
  const weights = new Map<string, number>();
  for (const g of groups) {
    weights.set(g.term, 2);
    for (const t of g.alternatives.flat()) if (!weights.has(t)) weights.set(t, 1);
  }
  return [...weights].map(([term, weight]) => ({ term, weight }));
}
