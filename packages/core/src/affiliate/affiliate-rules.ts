/**
 * The creator economy's rules as data (platform rules table, ../PRODUCT.md): rate ranges per plan
 * kind, the exclusive plan's cut limits, the colonel activity limits, the protection window after
 * a cut, the attribution window and how long tracked links live. Pure: no I/O.
 */
import { DAY_MS } from '../platform/index.js';
import { DomainError } from '../platform/index.js';
import { BP } from '../ledger/index.js';

export const PLAN_KINDS = ['general', 'targeted', 'exclusive', 'colonel'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** Commission rates in basis points (1 % = 100 bp) a merchant may set, per plan kind. */
export const PLAN_RATE_RANGE: Readonly<Record<Exclude<PlanKind, 'colonel'>, { min: number; max: number }>> = {
  general: { min: 100, max: 5000 }, // 1–50 %
  targeted: { min: 0, max: 8000 }, // 0–80 %
  exclusive: { min: 0, max: 5000 }, // 0–50 %
};

export interface AffiliateRules {
  /** An exclusive plan is cut at most once per this period (measured between the cuts' effective times). */
  exclusiveCutEveryMs: number;
  /** An exclusive plan is cut by at most this many basis points at a time. */
  exclusiveMaxCutBp: number;
  /** Creators who promoted a product before a cut keep the old rate for orders within this time of the cut. */
  protectionWindowMs: number;
  /** A touch older than this (before the order) no longer attributes it. */
  attributionWindowMs: number;
  /** Tracked links: default and longest validity. */
  linkDefaultDays: number;
  linkMaxDays: number;
}

export const DEFAULT_AFFILIATE_RULES: AffiliateRules = {
  exclusiveCutEveryMs: 7 * DAY_MS,
  exclusiveMaxCutBp: 500,
  protectionWindowMs: 30 * DAY_MS,
  attributionWindowMs: 7 * DAY_MS,
  linkDefaultDays: 7,
  linkMaxDays: 30,
};

/** Colonel activities: commission + service fee ≤ 90 %, service fee ≤ 40 %, paid out of the commission (so ≤ the floor). */
export const COLONEL_LIMITS = { maxTotalBp: 9000, maxServiceFeeBp: 4000 } as const;

export interface ActivityTerms {
  commissionFloorBp: number;
  serviceFeeBp: number;
}

const isBp = (v: number): boolean => Number.isSafeInteger(v) && v >= 0 && v <= BP;

export function rateOutOfRange(
  rateBp: number,
  min: number,
  max: number,
  details: Record<string, unknown> = {},
): DomainError {
  return new DomainError(
    'RATE_OUT_OF_RANGE',
    `the commission rate must be ${min / 100}–${max / 100} % (${min}–${max} basis points)`,
    { rateBp, minBp: min, maxBp: max, ...details },
  );
}

/** The range a plan's rate must stay in: by kind, or for a colonel plan by its activity's floor and fee. */
export function planRateRange(kind: PlanKind, activity?: ActivityTerms | null): { min: number; max: number } {
  if (kind !== 'colonel') return PLAN_RATE_RANGE[kind];
  if (!activity) throw new Error('a colonel plan needs its activity');
  return { min: activity.commissionFloorBp, max: COLONEL_LIMITS.maxTotalBp - activity.serviceFeeBp };
}

export function checkPlanRate(kind: PlanKind, rateBp: number, activity?: ActivityTerms | null): void {
  const { min, max } = planRateRange(kind, activity);
  if (!isBp(rateBp) || rateBp < min || rateBp > max) throw rateOutOfRange(rateBp, min, max, { kind });
}

/** An activity's terms: service fee ≤ 40 %, floor + fee ≤ 90 %, and the fee fits inside the commission floor. */
export function checkActivityTerms(t: ActivityTerms): void {
  if (!isBp(t.serviceFeeBp) || t.serviceFeeBp > COLONEL_LIMITS.maxServiceFeeBp) {
    throw new DomainError('SERVICE_FEE_OUT_OF_RANGE', 'the service fee must be 0–40 %', {
      serviceFeeBp: t.serviceFeeBp,
      maxBp: COLONEL_LIMITS.maxServiceFeeBp,
    });
  }
  if (!isBp(t.commissionFloorBp) || t.commissionFloorBp + t.serviceFeeBp > COLONEL_LIMITS.maxTotalBp) {
    throw new DomainError('RATE_OUT_OF_RANGE', 'commission floor + service fee must be at most 90 %', {
      commissionFloorBp: t.commissionFloorBp,
      serviceFeeBp: t.serviceFeeBp,
      maxBp: COLONEL_LIMITS.maxTotalBp,
    });
  }
  if (t.serviceFeeBp > t.commissionFloorBp) {
    throw new DomainError(
      'SERVICE_FEE_ABOVE_FLOOR',
      'the service fee is paid out of the commission, so it cannot exceed the commission floor',
      { commissionFloorBp: t.commissionFloorBp, serviceFeeBp: t.serviceFeeBp },
    );
  }
}

/** A tracked link's token: `<link ulid>.<expiry in base-36 seconds>.<16 characters of HMAC>` (links.ts). */
export const LINK_TOKEN_PATTERN = '^[0-9a-z]{26}\\.[0-9a-z]{1,11}\\.[A-Za-z0-9_-]{16}$';

/** MCN share of the creator's commission: 1–90 %. Contract periods: 1 day to 5 years. */
export const MCN_SHARE_RANGE = { min: 100, max: 9000 } as const;
export const MCN_MAX_PERIOD_MS = 5 * 366 * DAY_MS;
