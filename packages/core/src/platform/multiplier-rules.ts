/**
 * Keeping a running interest engine's multiplier rules in step with what a module wants now
 * (penalty throttles, the experience score's boost or cut). Each caller keeps its own set of
 * applied rules per engine, so one module's sync never removes another's rules.
 */

/** What a sync needs of the running interest engine: its table of multiplier rules. */
export interface MultiplierSink {
  multipliers: { add(rule: { field: 'shopId' | 'creatorId'; value: string; multiplier: number }): () => void };
}

export type MultiplierKey = `shopId:${string}` | `creatorId:${string}`;
type Applied = WeakMap<MultiplierSink, Map<string, { multiplier: number; remove: () => void }>>;

/** A place to remember the rules one module applied to each engine. */
export function appliedRules(): Applied {
  return new WeakMap();
}

/** Adds the wanted rules the engine lacks, removes the ones no longer wanted (or changed). */
export function reconcileMultipliers(
  sink: MultiplierSink,
  applied: Applied,
  want: ReadonlyMap<MultiplierKey, number>,
): void {
  let mine = applied.get(sink);
  if (!mine) applied.set(sink, (mine = new Map()));
  for (const [key, held] of mine) {
    if (want.get(key as MultiplierKey) === held.multiplier) continue;
    held.remove();
    mine.delete(key);
  }
  for (const [key, multiplier] of want) {
    if (mine.has(key)) continue;
    const cut = key.indexOf(':');
    const field = key.slice(0, cut) as 'shopId' | 'creatorId';
    mine.set(key, { multiplier, remove: sink.multipliers.add({ field, value: key.slice(cut + 1), multiplier }) });
  }
}
