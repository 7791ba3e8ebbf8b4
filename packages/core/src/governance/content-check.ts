/**
 * Checking what an author writes, field by field: the hits with the field they are in and the
 * rule's text, the worst severity, and the gate a save goes through (reject → 422 CONTENT_REJECTED,
 * nothing saved; review and warn come back as warnings with the 2xx answer).
 */
import type { CoreContext } from '../context.js';
import { DomainError } from '../platform/index.js';
import { currentMatcher } from './book-store.js';
import { commentDecision, verdictOf } from './matcher.js';
import { RULES } from './rules.js';
import type { CheckVerdict, Hit, RuleCode, RuleText, Severity, TermClass } from './types.js';

export interface TextField {
  /** Where the text is, as the client names it: title, description, specOptions[0].values[2], caption … */
  field: string;
  text: string;
}

export interface FieldHit {
  field: string;
  termId: string;
  term: string;
  class: TermClass;
  severity: Severity;
  rule: RuleCode;
  ruleText: RuleText;
  start: number;
  end: number;
  matched: string;
}

export interface ContentCheck {
  verdict: CheckVerdict;
  hits: FieldHit[];
  bookVersion: number;
}

function fieldHit(field: string, h: Hit): FieldHit {
  return {
    field,
    termId: h.termId,
    term: h.term,
    class: h.class,
    severity: h.severity,
    rule: h.rule,
    ruleText: RULES[h.rule],
    start: h.start,
    end: h.end,
    matched: h.matched,
  };
}

/** Checks each field against the stored rule book. */
export async function checkContent(ctx: CoreContext, fields: readonly TextField[]): Promise<ContentCheck> {
  const matcher = await currentMatcher(ctx);
  const hits: FieldHit[] = [];
  for (const f of fields) for (const h of matcher.check(f.text)) hits.push(fieldHit(f.field, h));
  return { verdict: verdictOf(hits), hits, bookVersion: matcher.version };
}

/**
 * The gate before a save: throws 422 CONTENT_REJECTED (details.hits: every hit, with field,
 * positions and rule) when any hit has severity reject; otherwise returns the review and warn hits
 * for the caller to pass back as warnings. Call it before the save's transaction writes anything.
 */
export async function enforceContent(ctx: CoreContext, fields: readonly TextField[]): Promise<FieldHit[]> {
  const result = await checkContent(ctx, fields);
  if (result.verdict === 'reject') {
    const terms = [...new Set(result.hits.filter((h) => h.severity === 'reject').map((h) => h.term))];
    throw new DomainError(
      'CONTENT_REJECTED',
      `内容含有违规词：${terms.join('、')} / the text breaks platform rules: ${terms.join(', ')}`,
      { hits: result.hits, bookVersion: result.bookVersion },
    );
  }
  return result.hits;
}

/**
 * The gate before a comment is stored: 422 CONTENT_REJECTED (details.hits as for enforceContent)
 * when commentDecision blocks it; otherwise the text to store, off-platform contacts masked.
 */
export async function enforceComment(ctx: CoreContext, text: string): Promise<string> {
  const matcher = await currentMatcher(ctx);
  const hits = matcher.check(text);
  if (hits.length === 0) return text;
  const decision = commentDecision(text, hits);
  if (decision.allow) return decision.text;
  const terms = [...new Set(decision.blocking.map((h) => h.term))];
  throw new DomainError(
    'CONTENT_REJECTED',
    `内容含有违规词：${terms.join('、')} / the text breaks platform rules: ${terms.join(', ')}`,
    {
      hits: hits.map((h) => fieldHit('text', h)),
      bookVersion: matcher.version,
    },
  );
}
