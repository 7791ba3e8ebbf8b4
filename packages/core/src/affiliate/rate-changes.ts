/**
 * Commission rate changes (pure: no I/O, times passed in). A plan's rates are a history of
 * changes, each effective from a time:
 *
 * - A raise (or keeping the rate) applies at once; a cut, and closing the plan, take effect at
 *   00:00 Asia/Shanghai the next day (T+1). A new change replaces a change still pending.
 * - Exclusive plans: a cut is at most `exclusiveMaxCutBp` below the rate in force, and cuts take
 *   effect at least `exclusiveCutEveryMs` apart.
 * - Protection: a creator who began promoting the product (first added it to the showcase) before
 *   a cut was requested keeps the rate in force before that cut for orders within
 *   `protectionWindowMs` of the cut taking effect. Several protections: the highest rate wins,
 *   and never less than the rate in force.
 */
import { DAY_MS, startOfShanghaiDay } from '../platform/index.js';
import { DomainError } from '../platform/index.js';
import { rateOutOfRange, type AffiliateRules, type PlanKind } from './affiliate-rules.js';

export type RateChangeKind = 'open' | 'raise' | 'cut' | 'close';

export interface RateChange {
  id: string;
  change: RateChangeKind;
  /** null: the plan closes. */
  rateBp: number | null;
  requestedAt: number;
  effectiveAt: number;
  /** Set when a later change replaced this one before it took effect; it never applied. */
  supersededAt: number | null;
}

/** 00:00 Asia/Shanghai of the day after the one containing `t`. */
export const nextShanghaiMidnight = (t: number): number => startOfShanghaiDay(t) + DAY_MS;

const later = (a: RateChange, b: RateChange): boolean =>
  a.effectiveAt !== b.effectiveAt
    ? a.effectiveAt > b.effectiveAt
    : a.requestedAt !== b.requestedAt
      ? a.requestedAt > b.requestedAt
      : a.id > b.id;

/** The change in force at `t`: the latest (by effective time, then request) that was not superseded. */
export function changeInForce(changes: readonly RateChange[], t: number): RateChange | null {
  let best: RateChange | null = null;
  for (const c of changes) if (c.supersededAt === null && c.effectiveAt <= t && (!best || later(c, best))) best = c;
  return best;
}

/** The rate in force at `t` (null before the plan opened and once it closed). */
export const rateInForce = (changes: readonly RateChange[], t: number): number | null =>
  changeInForce(changes, t)?.rateBp ?? null;

export interface RateAt {
  rateBp: number;
  /** The rate is an old one kept after a cut (the protection window). */
  protected: boolean;
}

/** The rate a creator who began promoting at `promotedAt` (null: never) earns at `t`. */
export function rateFor(
  changes: readonly RateChange[],
  t: number,
  promotedAt: number | null,
  protectionWindowMs: number,
): RateAt | null {
  const base = rateInForce(changes, t);
  let best = base;
  let kept = false;
  if (promotedAt !== null) {
    for (const c of changes) {
      if (c.supersededAt !== null || (c.change !== 'cut' && c.change !== 'close')) continue;
      if (!(c.effectiveAt <= t && t < c.effectiveAt + protectionWindowMs && promotedAt < c.requestedAt)) continue;
      const before = rateInForce(changes, c.effectiveAt - 1);
      if (before !== null && (best === null || before > best)) {
        best = before;
        kept = true;
      }
    }
  }
  return best === null ? null : { rateBp: best, protected: kept };
}

export interface ChangeRequest {
  kind: PlanKind;
  /** The new rate, or null to close the plan. */
  rateBp: number | null;
  range: { min: number; max: number };
  now: number;
  rules: AffiliateRules;
}

export interface PlannedChange {
  change: Exclude<RateChangeKind, 'open'>;
  rateBp: number | null;
  effectiveAt: number;
  /** Pending changes this one replaces. */
  supersedes: string[];
}

/** Decides how a requested change applies, or throws a 4xx DomainError naming the rule it breaks. */
export function planRateChange(changes: readonly RateChange[], req: ChangeRequest): PlannedChange {
  const { now, rules } = req;
  if (changes.some((c) => c.supersededAt === null && c.change === 'close'))
    throw new DomainError('PLAN_CLOSED', 'this plan is closed or closing; open a new one instead');
  if (
    req.rateBp !== null &&
    (!Number.isSafeInteger(req.rateBp) || req.rateBp < req.range.min || req.rateBp > req.range.max)
  )
    throw rateOutOfRange(req.rateBp, req.range.min, req.range.max, { kind: req.kind });
  const pending = changes.filter((c) => c.supersededAt === null && c.effectiveAt > now);
  const supersedes = pending.map((c) => c.id);
  const current = rateInForce(changes, now);
  if (req.rateBp === null) return { change: 'close', rateBp: null, effectiveAt: nextShanghaiMidnight(now), supersedes };
  if (current === null || req.rateBp >= current)
    return { change: 'raise', rateBp: req.rateBp, effectiveAt: now, supersedes };
  const effectiveAt = nextShanghaiMidnight(now);
  if (req.kind === 'exclusive') {
    if (current - req.rateBp > rules.exclusiveMaxCutBp) {
      throw new DomainError(
        'CUT_TOO_DEEP',
        `an exclusive plan's rate may be cut by at most ${rules.exclusiveMaxCutBp / 100} points at a time`,
        { currentBp: current, rateBp: req.rateBp, maxCutBp: rules.exclusiveMaxCutBp },
      );
    }
    const pendingIds = new Set(supersedes);
    const lastCut = Math.max(
      -Infinity,
      ...changes
        .filter((c) => c.supersededAt === null && c.change === 'cut' && !pendingIds.has(c.id))
        .map((c) => c.effectiveAt),
    );
    if (effectiveAt - lastCut < rules.exclusiveCutEveryMs) {
      throw new DomainError('CUT_TOO_FREQUENT', 'an exclusive plan may be cut at most once every 7 days', {
        lastCutAt: lastCut,
        nextCutFrom: lastCut + rules.exclusiveCutEveryMs,
      });
    }
  }
  return { change: 'cut', rateBp: req.rateBp, effectiveAt, supersedes };
}
