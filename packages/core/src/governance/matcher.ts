/**
 * The matcher: a rule book compiled once per version into one Aho-Corasick automaton over the
 * folded terms and their homophone spellings, plus the typed detectors. Pure: no I/O.
 */
import { AhoCorasick } from '@monyone/aho-corasick/fast';
import { buildDetectors, type Detectors } from './detectors.js';
import { foldTerm, foldText, widthFold } from './folding.js';
import type { BookTerm, DetectorKind, Hit, RuleBook, RuleCode, Severity, TermClass, CheckVerdict } from './types.js';
import { SEVERITY_RANK } from './types.js';

/** How many spellings one term may expand into through the homophone table. */
export const MAX_SPELLINGS_PER_TERM = 64;

/** What the typed detectors report as. */
export const DETECTOR_RULES: Readonly<Record<DetectorKind, { class: TermClass; severity: Severity; rule: RuleCode; label: string }>> = {
  phone: { class: 'diversion', severity: 'reject', rule: 'PLATFORM_DIVERSION', label: '手机号码' },
  qq: { class: 'diversion', severity: 'reject', rule: 'PLATFORM_DIVERSION', label: 'QQ号' },
  wechat_id: { class: 'diversion', severity: 'reject', rule: 'PLATFORM_DIVERSION', label: '微信号' },
  url: { class: 'diversion', severity: 'reject', rule: 'PLATFORM_DIVERSION', label: '站外链接' },
};

export interface Matcher {
  readonly version: number;
  /** Enabled terms in the automaton. */
  readonly terms: number;
  /** Distinct folded spellings in the automaton (terms × homophone spellings). */
  readonly patterns: number;
  check(text: string): Hit[];
}

/** Every spelling of a folded term through the homophone table (capped). */
export function expandSpellings(folded: string, table: ReadonlyMap<string, readonly string[]>): string[] {
  const out = new Set<string>([folded]);
  for (const [canonical, variants] of table) {
    if (!folded.includes(canonical)) continue;
    for (const s of [...out]) {
      if (!s.includes(canonical)) continue;
      for (const v of variants) {
        if (out.size >= MAX_SPELLINGS_PER_TERM) return [...out];
        out.add(s.split(canonical).join(v));
      }
    }
  }
  return [...out];
}

/** Compiles a rule book; build once per version and reuse for every check. */
export function compileRuleBook(book: RuleBook): Matcher {
  // Homophones: folded canonical → folded variants, longest canonical first.
  const grouped = new Map<string, Set<string>>();
  for (const h of book.homophones) {
    const c = foldTerm(h.canonical);
    const v = foldTerm(h.variant);
    if (!c || !v || c === v) continue;
    let set = grouped.get(c);
    if (!set) grouped.set(c, (set = new Set()));
    set.add(v);
  }
  const table = new Map([...grouped.entries()].sort((a, b) => b[0].length - a[0].length).map(([c, vs]) => [c, [...vs]] as const));

  const terms: BookTerm[] = [];
  const byPattern = new Map<string, number[]>();
  for (const term of book.terms) {
    if (!term.enabled) continue;
    const folded = foldTerm(term.text);
    if (!folded) continue;
    const index = terms.push(term) - 1;
    for (const spelling of expandSpellings(folded, table)) {
      const list = byPattern.get(spelling);
      if (list) list.push(index);
      else byPattern.set(spelling, [index]);
    }
  }
  const automaton = byPattern.size > 0 ? new AhoCorasick([...byPattern.keys()]) : null;
  const detectors: Detectors = buildDetectors(['qq', ...(table.get('qq') ?? [])], ['微信', ...(table.get('微信') ?? [])]);

  return {
    version: book.version,
    terms: terms.length,
    patterns: byPattern.size,
    check(text: string): Hit[] {
      if (text.length === 0) return [];
      const folded = foldText(text);
      if (folded.text.length === 0) return [];
      const hits: Hit[] = [];
      const seen = new Set<string>();
      if (automaton) {
        for (const m of automaton.matchInText(folded.text)) {
          if (!keepsAcrossGaps(text, folded.start, folded.end, m.begin, m.end)) continue;
          const start = folded.start[m.begin]!;
          const end = folded.end[m.end - 1]!;
          for (const index of byPattern.get(m.keyword)!) {
            const term = terms[index]!;
            const key = `${index}:${start}:${end}`;
            if (seen.has(key)) continue;
            seen.add(key);
            hits.push({ termId: term.id, term: term.text, class: term.class, severity: term.severity, rule: term.rule, start, end, matched: text.slice(start, end) });
          }
        }
      }
      for (const d of detectors.run(folded, widthFold(text))) {
        const r = DETECTOR_RULES[d.kind];
        hits.push({ termId: `detector:${d.kind}`, term: r.label, class: r.class, severity: r.severity, rule: r.rule, start: d.start, end: d.end, matched: text.slice(d.start, d.end) });
      }
      if (hits.length > 1) hits.sort((a, b) => a.start - b.start || b.end - a.end);
      return hits;
    },
  };
}

/** Clause punctuation and line breaks: where natural text, not an evasion, puts a gap. */
const CLAUSE_BOUNDARY = /[，。、；：！？,;!?…\n\r]/;

/**
 * A match whose characters are split by clause punctuation (颗粒大、麻味足 holds 大…麻) counts only
 * when it looks interleaved: at least two gaps, and gaps between at least half of its characters
 * (恭，喜，获，奖). Gaps of spaces, emoji or symbols always count.
 */
export function keepsAcrossGaps(text: string, start: Int32Array, end: Int32Array, from: number, to: number): boolean {
  let gaps = 0;
  let boundary = false;
  for (let k = from; k < to - 1; k++) {
    const gapFrom = end[k]!;
    const gapTo = start[k + 1]!;
    if (gapTo <= gapFrom) continue;
    gaps++;
    if (!boundary) for (let i = gapFrom; i < gapTo; i++) if (CLAUSE_BOUNDARY.test(text[i]!)) boundary = true;
  }
  if (!boundary) return true;
  return gaps >= 2 && gaps * 2 >= to - from - 1;
}

/** The worst severity among the hits, or 'pass'. */
export function verdictOf(hits: readonly Hit[]): CheckVerdict {
  let worst: CheckVerdict = 'pass';
  for (const h of hits) if (worst === 'pass' || SEVERITY_RANK[h.severity] > SEVERITY_RANK[worst]) worst = h.severity;
  return worst;
}

/** The text with the hits of the given classes masked, one ＊ per original character. */
export function maskHits(text: string, hits: readonly Hit[], classes: readonly TermClass[]): string {
  const spans = hits.filter((h) => classes.includes(h.class)).sort((a, b) => a.start - b.start);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const h of spans) {
    if (h.end <= at) continue;
    const from = Math.max(at, h.start);
    out += text.slice(at, from) + '*'.repeat([...text.slice(from, h.end)].length);
    at = h.end;
  }
  return out + text.slice(at);
}
