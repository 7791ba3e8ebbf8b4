/**
 * Item-to-item co-occurrence within sessions, with time decay: when a person engages with b
 * shortly after a (same session: within `sessionGapMs`, at most `window` items back), the pair
 * counts decay^(distance−1) for a→b and `backward` times that for b→a. Pair weights halve
 * every `halfLife` ms. Each item keeps its `rowCap` strongest neighbours. Pure.
 */
import type { CovisitSnapshot } from './retrain-tables.js';

export interface CovisitationOptions {
  window: number;
  decay: number;
  backward: number;
  sessionGapMs: number;
  halfLife: number;
  rowCap: number;
}

export const COVISITATION_DEFAULTS: CovisitationOptions = {
  window: 8,
  decay: 0.8,
  backward: 0.5,
  sessionGapMs: 30 * 60_000,
  halfLife: 3 * 24 * 3600_000,
  rowCap: 32,
};

/**
 * The table in slabs, not one object per row: `rowOf[item]` (an Int32 index map, 4 bytes per
 * video, -1 when it has no neighbours yet) points at a row of the slabs, whose neighbours are
 * ids/w[row·rowCap .. row·rowCap + counts[row]), decayed from refs[row]. A row costs rowCap × 8
 * + 9 bytes; the slabs grow by half when full.
 */
export class Covisitation {
  private rowOf = new Int32Array(0);
  private ids = new Int32Array(0);
  private w = new Float32Array(0);
  private counts = new Uint8Array(0);
  private refs = new Float64Array(0);
  private rowsUsed = 0;

  constructor(readonly opts: CovisitationOptions = COVISITATION_DEFAULTS) {
    if (opts.rowCap > 255) throw new Error('a co-occurrence row holds at most 255 neighbours');
  }

  /** Items with a row (at least one neighbour once). */
  get rowCount(): number {
    return this.rowsUsed;
  }

  /** Bytes held by the index map and the slabs (for the memory report). */
  get bytes(): number {
    return (
      this.rowOf.byteLength + this.ids.byteLength + this.w.byteLength + this.counts.byteLength + this.refs.byteLength
    );
  }

  /** The row of item, made when it has none. */
  private rowFor(item: number, at: number): number {
    if (item >= this.rowOf.length) {
      const grown = new Int32Array(Math.max(1024, item + 1, this.rowOf.length * 2)).fill(-1);
      grown.set(this.rowOf);
      this.rowOf = grown;
    }
    let row = this.rowOf[item]!;
    if (row >= 0) return row;
    row = this.rowsUsed++;
    if (row >= this.counts.length) this.growRows(Math.max(1024, Math.ceil(this.counts.length * 1.5)));
    this.rowOf[item] = row;
    this.counts[row] = 0;
    this.refs[row] = at;
    return row;
  }

  private growRows(size: number): void {
    const cap = this.opts.rowCap;
    const ids = new Int32Array(size * cap);
    ids.set(this.ids);
    this.ids = ids;
    const w = new Float32Array(size * cap);
    w.set(this.w);
    this.w = w;
    const counts = new Uint8Array(size);
    counts.set(this.counts);
    this.counts = counts;
    const refs = new Float64Array(size);
    refs.set(this.refs);
    this.refs = refs;
  }

  /** `recent`/`recentAt`: the person's engaged items before `item`, newest last. */
  observe(recent: ArrayLike<number>, recentAt: ArrayLike<number>, item: number, at: number): void {
    const { window, decay, backward, sessionGapMs } = this.opts;
    let w = 1;
    for (let k = recent.length - 1, dist = 0; k >= 0 && dist < window; k--, dist++) {
      const prev = recent[k]!;
      if (at - recentAt[k]! > sessionGapMs) break;
      if (prev !== item) {
        this.addPair(prev, item, w, at);
        this.addPair(item, prev, w * backward, at);
      }
      w *= decay;
    }
  }

  private addPair(a: number, b: number, weight: number, at: number): void {
    const row = this.rowFor(a, at);
    const cap = this.opts.rowCap;
    const base = row * cap;
    let n = this.counts[row]!;
    const ref = this.refs[row]!;
    if (at > ref) {
      const f = Math.pow(2, -(at - ref) / this.opts.halfLife);
      for (let i = 0; i < n; i++) this.w[base + i]! *= f;
      this.refs[row] = at;
    }
    for (let i = 0; i < n; i++) {
      if (this.ids[base + i] === b) {
        this.w[base + i]! += weight;
        return;
      }
    }
    if (n < cap) {
      this.ids[base + n] = b;
      this.w[base + n] = weight;
      this.counts[row] = ++n;
      return;
    }
    let weakest = 0;
    for (let i = 1; i < n; i++) if (this.w[base + i]! < this.w[base + weakest]!) weakest = i;
    if (weight > this.w[base + weakest]!) {
      this.ids[base + weakest] = b;
      this.w[base + weakest] = weight;
    }
  }

  /**
   * Takes a batch-rebuilt table (a hot swap): every row of a video `indexOf` knows is replaced by
   * the snapshot's (its neighbours the catalogue does not know are left out); rows of videos the
   * snapshot does not have keep what they learnt online. Returns the rows replaced.
   */
  load(t: CovisitSnapshot, indexOf: (setItem: number) => number): number {
    const cap = this.opts.rowCap;
    let replaced = 0;
    for (let r = 0; r < t.owners.length; r++) {
      const a = indexOf(t.owners[r]!);
      if (a < 0) continue;
      const row = this.rowFor(a, t.ref);
      let n = 0;
      for (let j = 0; j < t.counts[r]! && n < cap; j++) {
        const b = indexOf(t.ids[r * t.rowCap + j]!);
        if (b < 0) continue;
        this.ids[row * cap + n] = b;
        this.w[row * cap + n] = t.w[r * t.rowCap + j]!;
        n++;
      }
      this.counts[row] = n;
      this.refs[row] = t.ref;
      replaced++;
    }
    return replaced;
  }

  /**
   * Part of a staged load (swap-stage.ts), into a fresh table: the snapshot's rows [from, to),
   * owners and neighbours re-keyed by `itemOf` (set item → catalogue item, -1 when the catalogue
   * does not know it; such owners are skipped and such neighbours left out). Returns rows written.
   */
  loadRows(t: CovisitSnapshot, itemOf: Int32Array, from: number, to: number): number {
    const cap = this.opts.rowCap;
    let written = 0;
    for (let r = from; r < to; r++) {
      const a = itemOf[t.owners[r]!]!;
      if (a < 0) continue;
      const row = this.rowFor(a, t.ref);
      let n = 0;
      const base = r * t.rowCap;
      const end = base + t.counts[r]!;
      for (let j = base; j < end && n < cap; j++) {
        const b = itemOf[t.ids[j]!]!;
        if (b < 0) continue;
        this.ids[row * cap + n] = b;
        this.w[row * cap + n] = t.w[j]!;
        n++;
      }
      this.counts[row] = n;
      this.refs[row] = t.ref;
      written++;
    }
    return written;
  }

  /**
   * The switch of a staged load: the rows this table has for items `staged` has none for (what
   * they learnt online) are copied into it, then this table takes over its slabs (a reference
   * switch). `staged` must not be used afterwards.
   */
  adopt(staged: Covisitation): void {
    const cap = this.opts.rowCap;
    if (staged.opts.rowCap !== cap) throw new Error('a staged co-occurrence table of another row size');
    let kept = 0;
    for (let item = 0; item < this.rowOf.length; item++)
      if (this.rowOf[item]! >= 0 && !(item < staged.rowOf.length && staged.rowOf[item]! >= 0)) kept++;
    staged.reserve(staged.rowsUsed + kept, this.rowOf.length);
    for (let item = 0; item < this.rowOf.length; item++) {
      const old = this.rowOf[item]!;
      if (old < 0 || (item < staged.rowOf.length && staged.rowOf[item]! >= 0)) continue;
      const row = staged.rowFor(item, this.refs[old]!);
      const n = this.counts[old]!;
      staged.ids.set(this.ids.subarray(old * cap, old * cap + n), row * cap);
      staged.w.set(this.w.subarray(old * cap, old * cap + n), row * cap);
      staged.counts[row] = n;
    }
    this.rowOf = staged.rowOf;
    this.ids = staged.ids;
    this.w = staged.w;
    this.counts = staged.counts;
    this.refs = staged.refs;
    this.rowsUsed = staged.rowsUsed;
  }

  /** Makes room for `rows` rows and items below `items` ahead of need (one allocation, no growth copies). */
  reserve(rows: number, items: number): void {
    if (rows > this.counts.length) this.growRows(rows);
    if (items > this.rowOf.length) {
      const grown = new Int32Array(items).fill(-1);
      grown.set(this.rowOf);
      this.rowOf = grown;
    }
  }

  /** Calls fn(neighbour, weight at `now`) for each neighbour of item. */
  forEachNeighbour(item: number, now: number, fn: (neighbour: number, weight: number) => void): void {
    if (item >= this.rowOf.length) return;
    const row = this.rowOf[item]!;
    if (row < 0) return;
    const n = this.counts[row]!;
    const ref = this.refs[row]!;
    const f = now > ref ? Math.pow(2, -(now - ref) / this.opts.halfLife) : 1;
    const base = row * this.opts.rowCap;
    for (let i = 0; i < n; i++) fn(this.ids[base + i]!, this.w[base + i]! * f);
  }
}
