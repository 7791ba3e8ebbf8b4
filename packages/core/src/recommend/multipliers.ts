/** The engine's side of the feed multipliers (pure, plain data): loaded by the engine's thread too. */
import type { ItemMeta } from '@zhongcao/recsys';

export const THROTTLED_MULTIPLIER = 0.3;

/** Videos whose `field` equals `value` have their value multiplied by `multiplier`. */
export interface MultiplierRule {
  field: 'shopId' | 'creatorId' | 'categoryId' | 'id';
  value: string;
  multiplier: number;
}

/** What the engine needs to apply the multipliers: plain data. */
export interface MultiplierTable {
  throttledShops: string[];
  rules: MultiplierRule[];
}

/** The multiplier of one video under a table (throttled shops and rules multiply). */
export function multiplierOf(
  throttledShops: ReadonlySet<string>,
  rules: readonly MultiplierRule[],
  meta: ItemMeta,
): number {
  let m = meta.shopId && throttledShops.has(meta.shopId) ? THROTTLED_MULTIPLIER : 1;
  for (const r of rules) if (meta[r.field] === r.value) m *= r.multiplier;
  return m;
}
