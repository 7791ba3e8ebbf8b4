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

export const COVISITATION_DEFAULTS: CovisitationOptions = { window: 8, decay: 0.8, backward: 0.5, sessionGapMs: 30 * 60_000, halfLife: 3 * 24 * 3600_000, rowCap: 32 };

/**
 * The table in slabs indexed by item, not one object per row: item a's neighbours are
 * ids/w[a·rowCap .. a·rowCap + counts[a]), decayed from refs[a]. Per item that is rowCap × 8
 * bytes plus 9, whether or not it has neighbours (the slabs grow by doubling).
 */
export class Covisitation {
  private ids = new Int32Array(0);
  private w = new Float32Array(0);
  private counts = new Uint8Array(0);
  private refs = new Float64Array(0);
  private rowsUsed = 0;

  constructor(readonly opts: CovisitationOptions = COVISITATION_DEFAULTS) {
    if (opts.rowCap > 255) throw new Error('a co-occurrence row holds at most 255 neighbours');
  }

  /** Items with at least one neighbour. */
  get rowCount(): number {
    return this.rowsUsed;
  }

  /** Bytes held by the slabs (for the memory report). */
  get bytes(): number {
    return this.ids.byteLength + this.w.byteLength + this.counts.byteLength + this.refs.byteLength;
  }

  private ensure(item: number): void {
    if (item < this.counts.length) return;
    const cap = this.opts.rowCap;
    const size = Math.max(1024, item + 1, this.counts.length * 2);
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
    this.ensure(a);
    const cap = this.opts.rowCap;
    const base = a * cap;
    let n = this.counts[a]!;
    if (n === 0) {
      this.refs[a] = at;
      this.rowsUsed++;
    }
    const ref = this.refs[a]!;
    if (at > ref) {
      const f = Math.pow(2, -(at - ref) / this.opts.halfLife);
      for (let i = 0; i < n; i++) this.w[base + i]! *= f;
      this.refs[a] = at;
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
      this.counts[a] = ++n;
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
      this.ensure(a);
      if (this.counts[a] === 0) this.rowsUsed++;
      let n = 0;
      for (let j = 0; j < t.counts[r]! && n < cap; j++) {
        const b = indexOf(t.ids[r * t.rowCap + j]!);
        if (b < 0) continue;
        this.ids[a * cap + n] = b;
        this.w[a * cap + n] = t.w[r * t.rowCap + j]!;
        n++;
      }
      this.counts[a] = n;
      if (n === 0) this.rowsUsed--;
      this.refs[a] = t.ref;
      replaced++;
    }
    return replaced;
  }

  /** Calls fn(neighbour, weight at `now`) for each neighbour of item. */
  forEachNeighbour(item: number, now: number, fn: (neighbour: number, weight: number) => void): void {
    if (item >= this.counts.length) return;
    const n = this.counts[item]!;
    if (n === 0) return;
    const ref = this.refs[item]!;
    const f = now > ref ? Math.pow(2, -(now - ref) / this.opts.halfLife) : 1;
    const base = item * this.opts.rowCap;
    for (let i = 0; i < n; i++) fn(this.ids[base + i]!, this.w[base + i]! * f);
  }
}
