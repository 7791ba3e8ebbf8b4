/** The governance rule book's vocabulary: classes of terms, severities, the rules they break. */

/** What kind of red line a term belongs to. */
export type TermClass = 'absolute' | 'medical' | 'diversion' | 'bait' | 'prohibited';

/** What a hit does to a save: refuse it, send it to review, or only warn the author. */
export type Severity = 'reject' | 'review' | 'warn';

/** The rule a term breaks; its text (zh-CN and en) is in RULES and shown to the author. */
export type RuleCode =
  | 'AD_LAW_9_ABSOLUTE'
  | 'AD_LAW_9_AUTHORITY'
  | 'AD_LAW_17_MEDICAL'
  | 'AD_LAW_18_HEALTH_FOOD'
  | 'FOOD_SAFETY_73_CLAIM'
  | 'PLATFORM_FALSE_URGENCY'
  | 'PLATFORM_DIVERSION'
  | 'PLATFORM_BAIT'
  | 'PLATFORM_PROHIBITED_ITEM';

/** Where a hit came from: a term of the book, or one of the typed detectors (not words). */
export type DetectorKind = 'phone' | 'qq' | 'wechat_id' | 'url';

export const TERM_CLASSES: readonly TermClass[] = ['absolute', 'medical', 'diversion', 'bait', 'prohibited'];
export const SEVERITIES: readonly Severity[] = ['reject', 'review', 'warn'];
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { reject: 3, review: 2, warn: 1 };

export interface RuleText {
  zh: string;
  en: string;
}

/** One term of the rule book, as the matcher sees it. */
export interface BookTerm {
  id: string;
  text: string;
  class: TermClass;
  severity: Severity;
  rule: RuleCode;
  enabled: boolean;
}

/** A spelling that stands for a canonical form (薇信 → 微信, vx → 微信, 第1 → 第一). */
export interface Homophone {
  canonical: string;
  variant: string;
}

export interface RuleBook {
  version: number;
  terms: readonly BookTerm[];
  homophones: readonly Homophone[];
}

/** One finding in a text; start/end are UTF-16 offsets into the original text (end exclusive). */
export interface Hit {
  /** The term's id, or `detector:<kind>` for a typed detector. */
  termId: string;
  /** The term as written in the book (or the detector's kind). */
  term: string;
  class: TermClass;
  severity: Severity;
  rule: RuleCode;
  start: number;
  end: number;
  /** The original text between start and end, evasions and all. */
  matched: string;
}

export type CheckVerdict = 'pass' | Severity;
