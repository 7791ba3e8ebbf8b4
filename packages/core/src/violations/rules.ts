/**
 * The pure rules of violation points (违规积分): the catalogue's defaults in three ledgers, point
 * math in thousandths, the 90-day expiry, the milestone table (12/24/36/48, a caution 5 points
 * before each) with the penalties each applies and how long, the creator credit score (12, back 1
 * point per 30 clean days) and the appeal windows (30 days, then 15 days after a rejection; two
 * tries). No I/O here.
 */

export type Ledger = 'general' | 'serious' | 'fake_transaction';
export const LEDGERS: readonly Ledger[] = ['general', 'serious', 'fake_transaction'];

export type SubjectKind = 'shop' | 'creator';

export type ViolationRuleCode =
  | 'late_shipment'
  | 'content_rejected'
  | 'report_confirmed'
  | 'fake_order'
  | 'off_platform_diversion'
  | 'misleading_description'
  | 'counterfeit';
export const VIOLATION_RULE_CODES: readonly ViolationRuleCode[] = [
  'late_shipment',
  'content_rejected',
  'report_confirmed',
  'fake_order',
  'off_platform_diversion',
  'misleading_description',
  'counterfeit',
];

export interface CatalogueRule {
  code: ViolationRuleCode;
  ledger: Ledger;
  /** Default points, in thousandths (100 = 0.1 point). */
  milliPoints: number;
  /** Who can break it. */
  subjects: readonly SubjectKind[];
  /** Recorded by an admin by hand (a confirmed fake order…) rather than by a detector. */
  manual: boolean;
}

export const DEFAULT_CATALOGUE: readonly CatalogueRule[] = [
  { code: 'late_shipment', ledger: 'general', milliPoints: 100, subjects: ['shop'], manual: false },
  { code: 'content_rejected', ledger: 'general', milliPoints: 1_000, subjects: ['shop', 'creator'], manual: false },
  { code: 'report_confirmed', ledger: 'general', milliPoints: 2_000, subjects: ['shop', 'creator'], manual: true },
  {
    code: 'off_platform_diversion',
    ledger: 'serious',
    milliPoints: 4_000,
    subjects: ['shop', 'creator'],
    manual: true,
  },
  { code: 'misleading_description', ledger: 'serious', milliPoints: 6_000, subjects: ['shop'], manual: true },
  { code: 'counterfeit', ledger: 'serious', milliPoints: 12_000, subjects: ['shop'], manual: true },
  { code: 'fake_order', ledger: 'fake_transaction', milliPoints: 12_000, subjects: ['shop', 'creator'], manual: true },
];

/** The most points one rule may carry (the clearing-out milestone). */
export const MAX_RULE_MILLI_POINTS = 48_000;
export const MILLI = 1000;
export const DAY_MS = 86_400_000;

/** Points expire this long after they were recorded (configurable through the service's options). */
export const DEFAULT_EXPIRY_MS = 90 * DAY_MS;

export function catalogueRule(code: ViolationRuleCode): CatalogueRule {
  const r = DEFAULT_CATALOGUE.find((c) => c.code === code);
  if (!r) throw new Error(`unknown violation rule ${code}`);
  return r;
}

export function isRuleCode(code: string): code is ViolationRuleCode {
  return (VIOLATION_RULE_CODES as readonly string[]).includes(code);
}

export interface PointRecord {
  milliPoints: number;
  createdAt: number;
  expiresAt: number;
  revoked: boolean;
}

/** Whether a record still counts at `now`: not revoked, not expired. */
export function inForce(r: PointRecord, now: number): boolean {
  return !r.revoked && r.createdAt <= now && now < r.expiresAt;
}

/** Points in force (thousandths): never negative, whatever the records say. */
export function pointsInForce(records: readonly PointRecord[], now: number): number {
  let sum = 0;
  for (const r of records) if (inForce(r, now)) sum += Math.max(0, Math.trunc(r.milliPoints));
  return sum;
}

// ---- milestones and penalties ----------------------------------------------------------------

export type PenaltyKind =
  | 'caution'
  | 'warning'
  | 'traffic_throttle'
  | 'affiliate_suspension'
  | 'paid_traffic_suspension'
  | 'payout_hold'
  | 'clear_out';
export const PENALTY_KINDS: readonly PenaltyKind[] = [
  'caution',
  'warning',
  'traffic_throttle',
  'affiliate_suspension',
  'paid_traffic_suspension',
  'payout_hold',
  'clear_out',
];

export interface PenaltySpec {
  kind: PenaltyKind;
  durationMs: number;
  /** Traffic throttle: the engine multiplies the shop's items by this (thousandths: 700 = ×0.7). */
  multiplierPermille?: number;
}

export interface Milestone {
  /** Points (whole) at which it applies. */
  points: number;
  penalties: readonly PenaltySpec[];
}

/** A caution comes this many points before each milestone. */
export const CAUTION_BEFORE = 5;

export const MILESTONES: readonly Milestone[] = [
  {
    points: 12,
    penalties: [
      { kind: 'warning', durationMs: 7 * DAY_MS },
      { kind: 'traffic_throttle', durationMs: 7 * DAY_MS, multiplierPermille: 700 },
    ],
  },
  {
    points: 24,
    penalties: [
      { kind: 'warning', durationMs: 14 * DAY_MS },
      { kind: 'traffic_throttle', durationMs: 14 * DAY_MS, multiplierPermille: 500 },
      { kind: 'affiliate_suspension', durationMs: 14 * DAY_MS },
      { kind: 'paid_traffic_suspension', durationMs: 14 * DAY_MS },
    ],
  },
  {
    points: 36,
    penalties: [
      { kind: 'warning', durationMs: 30 * DAY_MS },
      { kind: 'traffic_throttle', durationMs: 30 * DAY_MS, multiplierPermille: 300 },
      { kind: 'affiliate_suspension', durationMs: 30 * DAY_MS },
      { kind: 'paid_traffic_suspension', durationMs: 30 * DAY_MS },
      { kind: 'payout_hold', durationMs: 30 * DAY_MS },
    ],
  },
  {
    points: 48,
    penalties: [
      { kind: 'warning', durationMs: 365 * DAY_MS },
      { kind: 'clear_out', durationMs: 365 * DAY_MS },
      { kind: 'affiliate_suspension', durationMs: 365 * DAY_MS },
      { kind: 'paid_traffic_suspension', durationMs: 365 * DAY_MS },
      { kind: 'payout_hold', durationMs: 90 * DAY_MS },
    ],
  },
];

/** A caution lasts this long (a notice; it restricts nothing). */
export const CAUTION_MS = 7 * DAY_MS;

/** The thresholds (whole points) reached at `milliPoints`: cautions and milestones. */
export function thresholdsReached(milliPoints: number): Array<{ points: number; caution: boolean }> {
  const out: Array<{ points: number; caution: boolean }> = [];
  for (const m of MILESTONES) {
    if (milliPoints >= (m.points - CAUTION_BEFORE) * MILLI)
      out.push({ points: m.points - CAUTION_BEFORE, caution: true });
    if (milliPoints >= m.points * MILLI) out.push({ points: m.points, caution: false });
  }
  return out;
}

export interface PenaltyPlan {
  milestone: number;
  kind: PenaltyKind;
  startsAt: number;
  endsAt: number;
  multiplierPermille: number | null;
}

/**
 * The penalties to apply when the points in force go from `before` to `after` (thousandths):
 * each threshold crossed upward, once. Going down applies nothing (see `thresholdsLost`).
 */
export function penaltiesForCrossing(before: number, after: number, now: number): PenaltyPlan[] {
  if (after <= before) return [];
  const had = new Set(thresholdsReached(before).map((t) => t.points));
  const plans: PenaltyPlan[] = [];
  for (const t of thresholdsReached(after)) {
    if (had.has(t.points)) continue;
    if (t.caution) {
      plans.push({
        milestone: t.points,
        kind: 'caution',
        startsAt: now,
        endsAt: now + CAUTION_MS,
        multiplierPermille: null,
      });
      continue;
    }
    const m = MILESTONES.find((x) => x.points === t.points)!;
    for (const p of m.penalties)
      plans.push({
        milestone: m.points,
        kind: p.kind,
        startsAt: now,
        endsAt: now + p.durationMs,
        multiplierPermille: p.multiplierPermille ?? null,
      });
  }
  return plans;
}

/** Thresholds (whole points) no longer reached when the points fall from `before` to `after`. */
export function thresholdsLost(before: number, after: number): number[] {
  if (after >= before) return [];
  const still = new Set(thresholdsReached(after).map((t) => t.points));
  return thresholdsReached(before)
    .map((t) => t.points)
    .filter((p) => !still.has(p));
}

/** The next threshold above the points in force, if any (for "x points to the next milestone"). */
export function nextThreshold(milliPoints: number): { points: number; caution: boolean } | null {
  for (const m of MILESTONES) {
    if (milliPoints < (m.points - CAUTION_BEFORE) * MILLI) return { points: m.points - CAUTION_BEFORE, caution: true };
    if (milliPoints < m.points * MILLI) return { points: m.points, caution: false };
  }
  return null;
}

/** Several throttles multiply (a 12 and a 24 in two ledgers: ×0.7 × ×0.5). */
export function combinedMultiplier(permilles: readonly number[]): number {
  let m = 1;
  for (const p of permilles) m *= Math.min(1000, Math.max(0, p)) / 1000;
  return m;
}

// ---- creator credit --------------------------------------------------------------------------

export const CREDIT_MAX = 12;
/** One credit point comes back per this many clean days. */
export const CREDIT_RECOVERY_MS = 30 * DAY_MS;

export interface CreditEvent {
  at: number;
  milliPoints: number;
}

/**
 * The creator credit score (thousandths, 12 000 at most, 0 at least): starts at 12, falls by each
 * violation in force (revoked ones are left out by the caller), and recovers one point for every
 * 30 days without a violation, counted from the last violation or the last recovery.
 */
export function creditScore(events: readonly CreditEvent[], now: number): number {
  const max = CREDIT_MAX * MILLI;
  let score = max;
  let cleanSince: number | null = null;
  const sorted = [...events].filter((e) => e.at <= now).sort((a, b) => a.at - b.at);
  const recover = (until: number) => {
    if (cleanSince === null || score >= max) return;
    const steps = Math.floor((until - cleanSince) / CREDIT_RECOVERY_MS);
    if (steps <= 0) return;
    score = Math.min(max, score + steps * MILLI);
    cleanSince += steps * CREDIT_RECOVERY_MS;
  };
  for (const e of sorted) {
    recover(e.at);
    score = Math.max(0, score - Math.max(0, e.milliPoints));
    cleanSince = e.at;
  }
  recover(now);
  return score;
}

// ---- appeals -----------------------------------------------------------------------------------

export const FIRST_APPEAL_MS = 30 * DAY_MS;
export const SECOND_APPEAL_MS = 15 * DAY_MS;
export const MAX_APPEALS = 2;

export type AppealRefusal = 'APPEAL_LIMIT_REACHED' | 'APPEAL_PENDING' | 'APPEAL_WINDOW_CLOSED' | 'VIOLATION_REVOKED';

export interface AppealState {
  createdAt: number;
  revoked: boolean;
  /** Past appeals, oldest first. */
  appeals: ReadonlyArray<{ status: 'pending' | 'granted' | 'rejected'; decidedAt: number | null }>;
}

/** When the next appeal may be filed until, or why it may not. */
export function appealWindow(
  v: AppealState,
  now: number,
): { ok: true; attempt: number; until: number } | { ok: false; code: AppealRefusal } {
  if (v.revoked) return { ok: false, code: 'VIOLATION_REVOKED' };
  if (v.appeals.some((a) => a.status === 'pending')) return { ok: false, code: 'APPEAL_PENDING' };
  if (v.appeals.length >= MAX_APPEALS) return { ok: false, code: 'APPEAL_LIMIT_REACHED' };
  const last = v.appeals[v.appeals.length - 1];
  const until = last ? (last.decidedAt ?? now) + SECOND_APPEAL_MS : v.createdAt + FIRST_APPEAL_MS;
  if (now > until) return { ok: false, code: 'APPEAL_WINDOW_CLOSED' };
  return { ok: true, attempt: v.appeals.length + 1, until };
}
