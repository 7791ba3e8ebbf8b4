/**
 * The experience score reaches the interest engine as multiplier rules on a shop's items: ×1.2 at
 * 90 or above, ×0.7 below 60 (gates.ts). They multiply with any penalty throttle of the same shop.
 */
import type { CoreContext } from '../context.js';
import { appliedRules, reconcileMultipliers, type MultiplierKey, type MultiplierSink } from '../platform/index.js';
import { engineMultiplier } from './gates.js';
import { currentExperienceTotals, shanghaiDay } from './service.js';

const applied = appliedRules();
/** The newest computation each engine has seen: the tick skips the work until scores change. */
const seen = new WeakMap<MultiplierSink, string>();

/**
 * Brings the running engine's experience multipliers up to date (every tick; it reads the scores
 * only when a computation happened since the last sync). Returns the rules in force by `shopId:…`,
 * or null when nothing changed.
 */
export async function syncExperienceMultipliers(
  ctx: CoreContext,
  sink: MultiplierSink | null,
): Promise<Map<MultiplierKey, number> | null> {
  // Only today's rows change (every computation writes the day it runs on).
  const mark = await ctx.db
    .selectFrom('experience_scores')
    .where('day', '=', shanghaiDay(ctx.clock.now()))
    .select((eb) => [
      eb.fn.max('computed_at').as('at'),
      eb.fn.countAll().as('n'),
      eb.fn.sum(eb.fn.coalesce('total', eb.val(-1))).as('sum'),
    ])
    .executeTakeFirst();
  const latest = `${Number(mark?.at ?? 0)}:${Number(mark?.n ?? 0)}:${Number(mark?.sum ?? 0)}`;
  if (sink && seen.get(sink) === latest) return null;
  const want = new Map<MultiplierKey, number>();
  for (const [shopId, total] of await currentExperienceTotals(ctx.db)) {
    const m = engineMultiplier(total);
    if (m !== 1) want.set(`shopId:${shopId}`, m);
  }
  if (sink) {
    reconcileMultipliers(sink, applied, want);
    seen.set(sink, latest);
  }
  return want;
}
