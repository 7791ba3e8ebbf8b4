/**
 * The traffic throttle of a penalty reaches the interest engine as multiplier rules (the recommend
 * module's table of rules): a shop's items by `shopId`, a creator's videos by `creatorId`. The
 * sync reconciles the running engine's rules with the throttles active now: new throttles are
 * added, lifted or ended ones removed.
 */
import type { CoreContext } from '../context.js';
import { throttledCreatorMultipliers, throttledShopMultipliers } from './service.js';

/**
 * What the sync needs of the running interest engine: its table of multiplier rules. The core
 * passes the engine in (this module does not import the recommend module, which depends on the
 * catalogue, which asks this module about penalties).
 */
export interface MultiplierSink {
  multipliers: { add(rule: { field: 'shopId' | 'creatorId'; value: string; multiplier: number }): () => void };
}

const applied = new WeakMap<MultiplierSink, Map<string, { multiplier: number; remove: () => void }>>();

/** Brings the running engine's penalty multipliers up to date; returns them by `shopId:…` / `creatorId:…`. */
export async function syncFeedThrottle(ctx: CoreContext, service: MultiplierSink | null): Promise<Map<string, number>> {
  const now = ctx.clock.now();
  const [shops, creators] = await Promise.all([throttledShopMultipliers(ctx.db, now), throttledCreatorMultipliers(ctx.db, now)]);
  const want = new Map<string, number>([...[...shops].map(([id, m]) => [`shopId:${id}`, m] as const), ...[...creators].map(([id, m]) => [`creatorId:${id}`, m] as const)]);
  if (!service) return want;
  let mine = applied.get(service);
  if (!mine) applied.set(service, (mine = new Map()));
  for (const [key, held] of mine) {
    if (want.get(key) === held.multiplier) continue;
    held.remove();
    mine.delete(key);
  }
  for (const [key, multiplier] of want) {
    if (mine.has(key)) continue;
    const cut = key.indexOf(':');
    const field = key.slice(0, cut) as 'shopId' | 'creatorId';
    mine.set(key, { multiplier, remove: service.multipliers.add({ field, value: key.slice(cut + 1), multiplier }) });
  }
  return want;
}
