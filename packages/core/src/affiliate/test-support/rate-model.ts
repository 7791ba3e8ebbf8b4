/** A test oracle for commission rates, written apart from rate-changes.ts as a step-by-step simulation. */
import { DEFAULT_AFFILIATE_RULES, PLAN_RATE_RANGE } from '../affiliate-rules.js';
import { nextShanghaiMidnight } from '../rate-changes.js';

const rules = DEFAULT_AFFILIATE_RULES;

/**
 * The independent model: a day-by-day simulation of one plan. It keeps the rate in force, the
 * one pending cut, the cuts that took effect (with the rate before them and when they were
 * requested) and the cuts of an exclusive plan; it is asked for the rate at each order.
 */
export class RateModel {
  inForce: number;
  pending: { rate: number; at: number; requestedAt: number } | null = null;
  applied: Array<{ at: number; before: number; requestedAt: number }> = [];
  constructor(
    public kind: 'general' | 'targeted' | 'exclusive',
    rate: number,
  ) {
    this.inForce = rate;
  }
  advance(t: number): void {
    if (this.pending && this.pending.at <= t) {
      this.applied.push({ at: this.pending.at, before: this.inForce, requestedAt: this.pending.requestedAt });
      this.inForce = this.pending.rate;
      this.pending = null;
    }
  }
  request(t: number, rate: number): 'raise' | 'cut' | string {
    this.advance(t);
    const { min, max } = PLAN_RATE_RANGE[this.kind];
    if (rate < min || rate > max) return 'RATE_OUT_OF_RANGE';
    if (rate >= this.inForce) {
      this.inForce = rate;
      this.pending = null;
      return 'raise';
    }
    const at = nextShanghaiMidnight(t);
    if (this.kind === 'exclusive') {
      if (this.inForce - rate > rules.exclusiveMaxCutBp) return 'CUT_TOO_DEEP';
      const last = this.applied.length ? this.applied[this.applied.length - 1]!.at : -Infinity;
      if (at - last < rules.exclusiveCutEveryMs) return 'CUT_TOO_FREQUENT';
    }
    this.pending = { rate, at, requestedAt: t };
    return 'cut';
  }
  rateAt(t: number, promotedAt: number | null): number {
    this.advance(t);
    let best = this.inForce;
    if (promotedAt !== null)
      for (const c of this.applied)
        if (c.at <= t && t < c.at + rules.protectionWindowMs && promotedAt < c.requestedAt)
          best = Math.max(best, c.before);
    return best;
  }
}
