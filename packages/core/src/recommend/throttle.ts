/**
 * Feed multipliers from outside the engine: surge protection (a shop near its shipping
 * capacity gets its videos shown less, from capacity's pressure signal) and any hook other
 * modules register (governance throttling, ads). Pressures are cached per shop and refreshed
 * in the background, so ranking never waits on a query.
 */
import type { ItemMeta } from '@zhongcao/recsys';
import type { Db } from '../context.js';
import { capacityPressure } from '../capacity/capacity-service.js';
import { NEAR_LIMIT } from '../capacity/surge-policy.js';

export const THROTTLED_MULTIPLIER = 0.3;
const REFRESH_MS = 30_000;
const MAX_SHOPS = 50_000;

export type FeedMultiplier = (meta: ItemMeta) => number;

export class FeedMultipliers {
  private readonly pressure = new Map<string, { value: number; at: number }>();
  private readonly refreshing = new Set<string>();
  private readonly hooks: FeedMultiplier[] = [];

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** Registers another multiplier (governance, ads…); returns the function that removes it. */
  add(hook: FeedMultiplier): () => void {
    this.hooks.push(hook);
    return () => {
      const i = this.hooks.indexOf(hook);
      if (i >= 0) this.hooks.splice(i, 1);
    };
  }

  /** Reads the shop's pressure now (tests, and after a capacity change). */
  async refresh(shopId: string): Promise<number> {
    const value = await capacityPressure(this.db, shopId, this.now());
    if (this.pressure.size >= MAX_SHOPS) this.pressure.clear();
    this.pressure.set(shopId, { value, at: this.now() });
    return value;
  }

  private pressureOf(shopId: string): number {
    const hit = this.pressure.get(shopId);
    if ((!hit || this.now() - hit.at > REFRESH_MS) && !this.refreshing.has(shopId)) {
      this.refreshing.add(shopId);
      this.refresh(shopId)
        .catch(() => {})
        .finally(() => this.refreshing.delete(shopId));
    }
    return hit?.value ?? 0;
  }

  multiplier = (meta: ItemMeta): number => {
    let m = meta.shopId && this.pressureOf(meta.shopId) >= NEAR_LIMIT ? THROTTLED_MULTIPLIER : 1;
    for (const hook of this.hooks) m *= hook(meta);
    return m;
  };
}
