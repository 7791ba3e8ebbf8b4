/**
 * The matcher: a rule book compiled once per version into one Aho-Corasick automaton over the
 * folded terms and their homophone spellings, plus the typed detectors. Pure: no I/O.
 */
import { AhoCorasick } from '@monyone/aho-corasick/fast';
import { findLinks, findPhones, LINK_TRIGGERS, qqAfter, wechatIdAfter, type DetectorHit } from './detectors.js';
import { foldIntoScratch, foldTerm, widthFold } from './folding.js';
import type { BookTerm, CheckVerdict, DetectorKind, Hit, RuleBook, RuleCode, Severity, TermClass } from './types.js';
import { SEVERITY_RANK } from './types.js';

/** How many spellings one term may expand into through the homophone table. */
export const MAX_SPELLINGS_PER_TERM = 64;

/** What the typed detectors report as. */
export const DETECTOR_RULES: Readonly<
  Record<DetectorKind, { class: TermClass; severity: Severity; rule: RuleCode; label: string }>
> = {
  phone: { class: 'diversion', severity: 'reject', rule: 'PLATFORM_DIVERSION', label: '手机号码' },
  qq: { class: 'diversion', severity: 'reject', rule: 'PLATFORM_DIVERSION', label: 'QQ号' },
  wechat_id: { class: 'diversion', severity: 'reject', rule: 'PLATFORM_DIVERSION', label: '微信号' },
  url: { class: 'diversion', severity: 'reject', rule: 'PLATFORM_DIVERSION', label: '站外链接' },
};

export interface Matcher {
  readonly version: number;
  /** Enabled terms in the automaton. */
  readonly terms: number;
  /** Distinct folded spellings in the automaton (terms × homophone spellings, and detector triggers). */
  readonly patterns: number;
  check(text: string): Hit[];
}

const TRIGGER_QQ = 1;
const TRIGGER_WECHAT = 2;
const TRIGGER_LINK = 4;

interface Entry {
  terms: number[];
  triggers: number;
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
  const table = new Map(
    [...grouped.entries()].sort((a, b) => b[0].length - a[0].length).map(([c, vs]) => [c, [...vs]] as const),
  );

  const terms: BookTerm[] = [];
  const byPattern = new Map<string, Entry>();
  const entry = (key: string): Entry => {
    let e = byPattern.get(key);
    if (!e) byPattern.set(key, (e = { terms: [], triggers: 0 }));
    return e;
  };
  for (const term of book.terms) {
    if (!term.enabled) continue;
    const folded = foldTerm(term.text);
    if (!folded) continue;
    const index = terms.push(term) - 1;
    for (const spelling of expandSpellings(folded, table)) entry(spelling).terms.push(index);
  }
  for (const name of ['qq', ...(table.get('qq') ?? [])]) entry(name).triggers |= TRIGGER_QQ;
  for (const name of ['微信', ...(table.get('微信') ?? [])]) entry(name).triggers |= TRIGGER_WECHAT;
  for (const name of LINK_TRIGGERS) entry(name).triggers |= TRIGGER_LINK;
  const automaton = new AhoCorasick([...byPattern.keys()]);

  return {
    version: book.version,
    terms: terms.length,
    patterns: byPattern.size,
    check(text: string): Hit[] {
      if (text.length === 0) return [];
      const folded = foldIntoScratch(text);
      const f = folded.text;
      if (f.length === 0) return [];
      const hits: Hit[] = [];
      let seen: Set<string> | null = null;
      const found: DetectorHit[] = [];
      let link = false;
      for (const m of automaton.matchInText(f)) {
        const e = byPattern.get(m.keyword)!;
        if (e.triggers !== 0) {
          if (e.triggers & TRIGGER_QQ) {
            const d = qqAfter(f, m.begin, m.end);
            if (d) found.push(d);
          }
          if (e.triggers & TRIGGER_WECHAT) {
            const d = wechatIdAfter(f, m.begin, m.end);
            if (d) found.push(d);
          }
          if (e.triggers & TRIGGER_LINK) link = true;
        }
        if (e.terms.length === 0) continue;
        if (!keepsAcrossGaps(text, folded.start, folded.end, m.begin, m.end)) continue;
        const start = folded.start[m.begin]!;
        const end = folded.end[m.end - 1]!;
        for (const index of e.terms) {
          const term = terms[index]!;
          const key = `${index}:${start}:${end}`;
          seen ??= new Set();
          if (seen.has(key)) continue;
          seen.add(key);
          hits.push({
            termId: term.id,
            term: term.text,
            class: term.class,
            severity: term.severity,
            rule: term.rule,
            start,
            end,
            matched: text.slice(start, end),
          });
        }
      }
      findPhones(f, folded.start, folded.end, found);
      // Two spellings of one trigger (qq, qq号码) find the same number: keep the widest.
      found.sort((a, b) => a.from - b.from);
      for (let i = 0; i < found.length; i++) {
        const d = found[i]!;
        if (found.some((o, k) => k < i && o.kind === d.kind && o.to === d.to)) continue;
        push(hits, text, d.kind, folded.start[d.from]!, folded.end[d.to - 1]!);
      }
      if (link) for (const l of findLinks(widthFold(text))) push(hits, text, 'url', l.from, l.to);
      if (hits.length > 1) hits.sort((a, b) => a.start - b.start || b.end - a.end);
      return hits;
    },
  };
}

function push(hits: Hit[], text: string, kind: DetectorKind, start: number, end: number): void {
  const r = DETECTOR_RULES[kind];
  hits.push({
    termId: `detector:${kind}`,
    term: r.label,
    class: r.class,
    severity: r.severity,
    rule: r.rule,
    start,
    end,
    matched: text.slice(start, end),
  });
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

/**
 * What happens to a comment (live or under a video): any reject-severity hit outside diversion
 * blocks it; off-platform contacts (diversion, whatever their severity) are masked so the rest
 * still shows; review and warn hits pass.
 */
export function commentDecision(
  text: string,
  hits: readonly Hit[],
): { allow: false; blocking: Hit[] } | { allow: true; text: string } {
  const blocking = hits.filter((h) => h.severity === 'reject' && h.class !== 'diversion');
  if (blocking.length > 0) return { allow: false, blocking };
  return { allow: true, text: maskHits(text, hits, ['diversion']) };
}
