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
 * The profiles' fixed-size parts in slabs of CHUNK_ROWS rows each (interest keys and weights,
 * latest videos and their times), a row per profile: 100,000 profiles are a few dozen typed
 * arrays, not four typed arrays and two buffers each (the views and buffers cost more than the
 * numbers they hold). A slab never moves, so a profile keeps references to its own; freed rows
 * are reused. One table per engine.
 */
export class ProfileRows {
  private readonly chunks: Array<{ keys: Int32Array; w: Float32Array; recent: Int32Array; recentAt: Float64Array }> =
    [];
  private readonly free: number[] = [];
  private next = 0;

  constructor(readonly chunkRows = 4096) {}

  /** Rows in use. */
  get size(): number {
    return this.next - this.free.length;
  }

  /** Bytes held by the slabs (for the memory report). */
  get bytes(): number {
    return this.chunks.length * this.chunkRows * (INTEREST_KEYS * 8 + RECENT_ITEMS * 12);
  }

  allocate(): number {
    const row = this.free.pop() ?? this.next++;
    const c = Math.floor(row / this.chunkRows);
    if (c === this.chunks.length) {
      const n = this.chunkRows;
      this.chunks.push({
        keys: new Int32Array(n * INTEREST_KEYS),
        w: new Float32Array(n * INTEREST_KEYS),
        recent: new Int32Array(n * RECENT_ITEMS),
        recentAt: new Float64Array(n * RECENT_ITEMS),
      });
    }
    return row;
  }

  chunkOf(row: number): { keys: Int32Array; w: Float32Array; recent: Int32Array; recentAt: Float64Array } {
    return this.chunks[Math.floor(row / this.chunkRows)]!;
  }

  release(row: number): void {
    this.free.push(row);
  }
}

/**
 * Sized for 100,000s of people: the interest weights and the latest videos with their times are
 * a row of the engine's profile table (`ProfileRows`; a profile made alone has a table of its
 * own), and the follows and hidden sets exist only once a person has one (most have neither).
 * A released profile (expired, or merged into an account) must not be used again.
 */
export class Profile {
  readonly interests: DecayedWeights;
  private readonly recentAt: Float64Array;
  private readonly recent: Int32Array;
  /** Where this profile's latest videos start in `recent` / `recentAt`. */
  private readonly base: number;
  private readonly row: number;
  recentCount = 0;
  private followSet: Set<string> | null = null;
  private hiddenSet: Set<number> | null = null;
  lastAt = 0;

  constructor(private readonly rows: ProfileRows = new ProfileRows(1)) {
    this.row = rows.allocate();
    const chunk = rows.chunkOf(this.row);
    const at = this.row % rows.chunkRows;
    this.interests = new DecayedWeights(INTEREST_KEYS, INTEREST_HALF_LIFE_MS, {
      keys: chunk.keys,
      w: chunk.w,
      base: at * INTEREST_KEYS,
    });
    this.recent = chunk.recent;
    this.recentAt = chunk.recentAt;
    this.base = at * RECENT_ITEMS;
  }

  /** Gives the profile's row back to its table. */
  release(): void {
    this.rows.release(this.row);
  }

  get follows(): ReadonlySet<string> {
    return this.followSet ?? NONE;
  }

  get hidden(): ReadonlySet<number> {
    return this.hiddenSet ?? NONE;
  }

  /** The engaged items, oldest first (views into the ring, in order). */
  recentItems(): { items: Int32Array; at: Float64Array } {
    const end = this.base + RECENT_ITEMS;
    return {
      items: this.recent.subarray(end - this.recentCount, end),
      at: this.recentAt.subarray(end - this.recentCount, end),
    };
  }

  hasRecent(item: number): boolean {
    const end = this.base + RECENT_ITEMS;
    for (let k = end - this.recentCount; k < end; k++) if (this.recent[k] === item) return true;
    return false;
  }

  pushRecent(item: number, at: number): void {
    // Newest last; an item already there moves to the end.
    const start = this.base;
    const end = start + RECENT_ITEMS;
    let from = end - this.recentCount;
    for (let k = from; k < end; k++) {
      if (this.recent[k] === item) {
        this.recent.copyWithin(from + 1, from, k);
        this.recentAt.copyWithin(from + 1, from, k);
        this.recentCount--;
        from++;
        break;
      }
    }
    this.recent.copyWithin(start, start + 1, end);
    this.recentAt.copyWithin(start, start + 1, end);
    this.recent[end - 1] = item;
    this.recentAt[end - 1] = at;
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
