/**
 * The traffic throttle of a penalty reaches the interest engine as multiplier rules (the recommend
 * module's table of rules): a shop's items by `shopId`, a creator's videos by `creatorId`. The
 * sync reconciles the running engine's rules with the throttles active now: new throttles are
 * added, lifted or ended ones removed.
 */
import type { CoreContext } from '../context.js';
import { appliedRules, reconcileMultipliers, type MultiplierKey, type MultiplierSink } from '../platform/index.js';
import { throttledCreatorMultipliers, throttledShopMultipliers } from './service.js';

export type { MultiplierSink };

const applied = appliedRules();

/**
 * Brings the running engine's penalty multipliers up to date; returns them by `shopId:…` /
 * `creatorId:…`. The core passes the engine in (this module does not import the recommend
 * module, which depends on the catalogue, which asks this module about penalties).
 */
export async function syncFeedThrottle(ctx: CoreContext, service: MultiplierSink | null): Promise<Map<string, number>> {
  const now = ctx.clock.now();
  const [shops, creators] = await Promise.all([
    throttledShopMultipliers(ctx.db, now),
    throttledCreatorMultipliers(ctx.db, now),
  ]);
  const want = new Map<MultiplierKey, number>([
    ...[...shops].map(([id, m]) => [`shopId:${id}`, m] as const),
    ...[...creators].map(([id, m]) => [`creatorId:${id}`, m] as const),
  ]);
  if (service) reconcileMultipliers(service, applied, want);
  return want;
}
