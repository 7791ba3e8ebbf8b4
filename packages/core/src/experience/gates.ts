/**
 * What the experience score decides elsewhere (pure): the interest engine's multiplier for the
 * shop's items, entry to the affiliate marketplace, eligibility for paid traffic and the
 * settlement window. A shop without a score (not enough orders) is treated as neutral: no boost,
 * no cut, and not shut out of the marketplace or paid traffic.
 */
export const BOOST_AT = 90;
export const CUT_BELOW = 60;
export const BOOST_MULTIPLIER = 1.2;
export const CUT_MULTIPLIER = 0.7;
/** Lowest score admitted to the affiliate marketplace (精选联盟) and to paid traffic. */
export const MARKETPLACE_MIN = 60;
export const PAID_TRAFFIC_MIN = 60;
/** A top score (≥ BOOST_AT) settles at most this many days after completion. */
export const FAST_SETTLE_DAYS = 3;

export function engineMultiplier(total: number | null): number {
  if (total === null) return 1;
  if (total >= BOOST_AT) return BOOST_MULTIPLIER;
  if (total < CUT_BELOW) return CUT_MULTIPLIER;
  return 1;
}

export function marketplaceAllowed(total: number | null): boolean {
  return total === null || total >= MARKETPLACE_MIN;
}

export function paidTrafficAllowed(total: number | null): boolean {
  return total === null || total >= PAID_TRAFFIC_MIN;
}

/** The cap on the settlement window the score earns (null: the category's window applies). */
export function settleCapDays(total: number | null): number | null {
  return total !== null && total >= BOOST_AT ? FAST_SETTLE_DAYS : null;
}

export interface Gates {
  engineMultiplier: number;
  marketplace: boolean;
  paidTraffic: boolean;
  settleCapDays: number | null;
}

export function gatesOf(total: number | null): Gates {
  return {
    engineMultiplier: engineMultiplier(total),
    marketplace: marketplaceAllowed(total),
    paidTraffic: paidTrafficAllowed(total),
    settleCapDays: settleCapDays(total),
  };
}
