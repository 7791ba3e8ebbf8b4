/**
 * A person's (or a device's) interest profile: decayed weights over creators (`c:`),
 * categories (`k:`), tags (`t:`) and price bands (`p:`), the latest engaged videos (for
 * item-to-item candidates), followed creators and videos marked "not interested". Bounded in
 * size whatever the history. Pure.
 */
import { DecayedWeights } from './decayed-weights.js';

export const INTEREST_HALF_LIFE_MS = 7 * 24 * 3600_000;
const INTEREST_KEYS = 40;
export const RECENT_ITEMS = 24;
const MAX_HIDDEN = 200;
const MAX_FOLLOWS = 500;

export const creatorKey = (id: string): string => `c:${id}`;
export const categoryKey = (id: string): string => `k:${id}`;
export const tagKey = (tag: string): string => `t:${tag}`;
export const bandKey = (band: number): string => `p:${band}`;

const NONE: ReadonlySet<never> = new Set<never>();

/**
 * Sized for 100,000s of people: the latest videos and their times share one buffer, and the
 * follows and hidden sets exist only once a person has one (most have neither).
 */
export class Profile {
  readonly interests = new DecayedWeights(INTEREST_KEYS, INTEREST_HALF_LIFE_MS);
  readonly recentAt: Float64Array;
  readonly recent: Int32Array;
  recentCount = 0;
  private followSet: Set<string> | null = null;
  private hiddenSet: Set<number> | null = null;
  lastAt = 0;

  constructor() {
    const buffer = new ArrayBuffer(RECENT_ITEMS * 12);
    this.recentAt = new Float64Array(buffer, 0, RECENT_ITEMS);
    this.recent = new Int32Array(buffer, RECENT_ITEMS * 8, RECENT_ITEMS);
  }

  get follows(): ReadonlySet<string> {
    return this.followSet ?? NONE;
  }

  get hidden(): ReadonlySet<number> {
    return this.hiddenSet ?? NONE;
  }

  /** The engaged items, oldest first (views into the ring, in order). */
  recentItems(): { items: Int32Array; at: Float64Array } {
    return {
      items: this.recent.subarray(RECENT_ITEMS - this.recentCount),
      at: this.recentAt.subarray(RECENT_ITEMS - this.recentCount),
    };
  }

  hasRecent(item: number): boolean {
    for (let k = RECENT_ITEMS - this.recentCount; k < RECENT_ITEMS; k++) if (this.recent[k] === item) return true;
    return false;
  }

  pushRecent(item: number, at: number): void {
    // Newest last; an item already there moves to the end.
    let from = RECENT_ITEMS - this.recentCount;
    for (let k = from; k < RECENT_ITEMS; k++) {
      if (this.recent[k] === item) {
        this.recent.copyWithin(from + 1, from, k);
        this.recentAt.copyWithin(from + 1, from, k);
        this.recentCount--;
        from++;
        break;
      }
    }
    this.recent.copyWithin(0, 1);
    this.recentAt.copyWithin(0, 1);
    this.recent[RECENT_ITEMS - 1] = item;
    this.recentAt[RECENT_ITEMS - 1] = at;
    if (this.recentCount < RECENT_ITEMS) this.recentCount++;
  }

  follow(creatorId: string): void {
    this.followSet ??= new Set();
    if (this.followSet.size < MAX_FOLLOWS) this.followSet.add(creatorId);
  }

  unfollow(creatorId: string): void {
    this.followSet?.delete(creatorId);
  }

  hide(item: number): void {
    this.hiddenSet ??= new Set();
    if (this.hiddenSet.size >= MAX_HIDDEN) this.hiddenSet.delete(this.hiddenSet.values().next().value!);
    this.hiddenSet.add(item);
  }

  touch(at: number): void {
    if (at > this.lastAt) this.lastAt = at;
  }

  /** Folds a device's profile into this account's. */
  mergeFrom(device: Profile, now: number): void {
    this.interests.mergeFrom(device.interests, now);
    const mine = this.recentItems();
    const theirs = device.recentItems();
    const all = [
      ...Array.from(mine.items, (item, k) => ({ item, at: mine.at[k]! })),
      ...Array.from(theirs.items, (item, k) => ({ item, at: theirs.at[k]! })),
    ].sort((a, b) => a.at - b.at);
    this.recentCount = 0;
    for (const e of all) this.pushRecent(e.item, e.at);
    for (const c of device.follows) this.follow(c);
    for (const h of device.hidden) this.hide(h);
    this.touch(device.lastAt);
  }
}
