/**
 * The traffic throttle of a penalty reaches the interest engine as multiplier rules on the
 * shop's items (the recommend module's table of rules). The sync reconciles the running engine's
 * rules with the throttles active now: new throttles are added, lifted or ended ones removed.
 */
import type { CoreContext } from '../context.js';
import { runningRecommendService, type RecommendService } from '../recommend/index.js';
import { throttledShopMultipliers } from './service.js';

const applied = new WeakMap<RecommendService, Map<string, { multiplier: number; remove: () => void }>>();

/** Brings the running engine's penalty multipliers up to date; returns the shops throttled. */
export async function syncFeedThrottle(ctx: CoreContext): Promise<Map<string, number>> {
  const service = runningRecommendService(ctx);
  const want = await throttledShopMultipliers(ctx.db, ctx.clock.now());
  if (!service) return want;
  let mine = applied.get(service);
  if (!mine) applied.set(service, (mine = new Map()));
  for (const [shopId, held] of mine) {
    if (want.get(shopId) === held.multiplier) continue;
    held.remove();
    mine.delete(shopId);
  }
  for (const [shopId, multiplier] of want) {
    if (mine.has(shopId)) continue;
    mine.set(shopId, { multiplier, remove: service.multipliers.add({ field: 'shopId', value: shopId, multiplier }) });
  }
  return want;
}
