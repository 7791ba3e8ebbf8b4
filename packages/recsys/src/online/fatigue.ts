/**
 * Fatigue per creator and per category: what was recently shown to a person without being
 * engaged with is worth less on the next page, and recovers as the counts decay (by events and
 * by time, in the drift table) back to the person's own rate. Pure.
 */

/** Impressions of prior evidence (at the person's overall rate): one unengaged impression does not condemn a category. */
export const FATIGUE_PRIOR = 1;
export const FATIGUE_MIN = 0.2;
export const FATIGUE_MAX = 3;

/**
 * The value multiplier of a category (or creator) after `shown` impressions of which `engaged`
 * were engaged with (both decayed), against the person's overall rate `base` (engaged over
 * shown, all categories): the smoothed rate over `base`, to the power `strength`, bounded to
 * [FATIGUE_MIN, FATIGUE_MAX]. 1 when nothing was shown or the base is unknown: below 1 when shown
 * without engagement more than is usual for the person, above 1 when engaged with more.
 */
export function fatigueFactor(shown: number, engaged: number, base: number, strength: number): number {
  if (shown <= 0 || strength <= 0 || !(base > 0)) return 1;
  const rate = (Math.min(engaged, shown) + FATIGUE_PRIOR * base) / (shown + FATIGUE_PRIOR);
  const f = Math.pow(rate / base, strength);
  return f < FATIGUE_MIN ? FATIGUE_MIN : Math.min(f, FATIGUE_MAX);
}

/** The person's overall engagement rate, smoothed towards `prior` by FATIGUE_PRIOR impressions. */
export function baseRate(shown: number, engaged: number, prior: number): number {
  return (Math.max(0, Math.min(engaged, shown)) + FATIGUE_PRIOR * prior) / (Math.max(0, shown) + FATIGUE_PRIOR);
}
