/**
 * Feed multipliers from outside the engine: surge protection (a shop near its shipping
 * capacity gets its videos shown less, from capacity's pressure signal) and rules other modules
 * add (governance throttling, ads). They travel to the engine as a table of plain data, so the
 * engine may rank on another thread; the engine reports which shops it ranked, and their
 * pressures are read in the background and refreshed every REFRESH_MS, so ranking never waits on
 * a query.
 */
import type { Db } from '../context.js';
import { capacityPressure, NEAR_LIMIT } from '../capacity/index.js';
import type { MultiplierRule, MultiplierTable } from './multipliers.js';

const REFRESH_MS = 30_000;
const MAX_SHOPS = 50_000;

export { THROTTLED_MULTIPLIER, multiplierOf, type MultiplierRule, type MultiplierTable } from './multipliers.js';

export class FeedMultipliers {
  private readonly pressure = new Map<string, { value: number; at: number }>();
  private readonly refreshing = new Set<string>();
  private readonly rules: MultiplierRule[] = [];
  private throttled = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    /** Called with the new table whenever it changes. */
    private readonly publish: (table: MultiplierTable) => void,
  ) {}

  /** Adds a rule (governance, ads…); returns the function that removes it. */
  add(rule: MultiplierRule): () => void {
    this.rules.push(rule);
    this.publish(this.table());
    return () => {
      const i = this.rules.indexOf(rule);
      if (i >= 0) this.rules.splice(i, 1);
      this.publish(this.table());
    };
  }

  table(): MultiplierTable {
    return { throttledShops: [...this.throttled], rules: this.rules.map((r) => ({ ...r })) };
  }

  /** Reads the shop's pressure now (tests, and after a capacity change). */
  async refresh(shopId: string): Promise<number> {
    const value = await capacityPressure(this.db, shopId, this.now());
    if (this.pressure.size >= MAX_SHOPS) this.pressure.clear();
    this.pressure.set(shopId, { value, at: this.now() });
    const throttled = value >= NEAR_LIMIT;
    if (throttled !== this.throttled.has(shopId)) {
      this.throttled = new Set(this.throttled);
      if (throttled) this.throttled.add(shopId);
      else this.throttled.delete(shopId);
      this.publish(this.table());
    }
    return value;
  }

  /** Shops the engine ranked videos of: those not read lately are read in the background. */
  consult(shopIds: readonly string[]): void {
    const now = this.now();
    for (const shopId of shopIds) {
      const hit = this.pressure.get(shopId);
      if ((hit && now - hit.at <= REFRESH_MS) || this.refreshing.has(shopId)) continue;
      this.refreshing.add(shopId);
      this.refresh(shopId)
        .catch(() => {})
        .finally(() => this.refreshing.delete(shopId));
    }
  }
}
