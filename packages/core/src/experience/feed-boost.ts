/**
 * The experience score reaches the interest engine as multiplier rules on a shop's items: ×1.2 at
 * 90 or above, ×0.7 below 60 (gates.ts). They multiply with any penalty throttle of the same shop.
 */
import type { CoreContext } from '../context.js';
import { appliedRules, reconcileMultipliers, type MultiplierKey, type MultiplierSink } from '../platform/multiplier-rules.js';
import { engineMultiplier } from './gates.js';
import { currentExperienceTotals } from './service.js';

const applied = appliedRules();

/** Brings the running engine's experience multipliers up to date; returns the ones in force by `shopId:…`. */
export async function syncExperienceMultipliers(ctx: CoreContext, sink: MultiplierSink | null): Promise<Map<MultiplierKey, number>> {
  const want = new Map<MultiplierKey, number>();
  for (const [shopId, total] of await currentExperienceTotals(ctx.db)) {
    const m = engineMultiplier(total);
    if (m !== 1) want.set(`shopId:${shopId}`, m);
  }
  if (sink) reconcileMultipliers(sink, applied, want);
  return want;
}
