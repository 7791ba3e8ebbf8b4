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

interface Row {
  ids: Int32Array;
  w: Float32Array;
  n: number;
  ref: number;
}

export class Covisitation {
  private readonly rows = new Map<number, Row>();

  constructor(readonly opts: CovisitationOptions = COVISITATION_DEFAULTS) {}

  get rowCount(): number {
    return this.rows.size;
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
    let row = this.rows.get(a);
    if (!row) {
      row = { ids: new Int32Array(this.opts.rowCap), w: new Float32Array(this.opts.rowCap), n: 0, ref: at };
      this.rows.set(a, row);
    }
    if (at > row.ref) {
      const f = Math.pow(2, -(at - row.ref) / this.opts.halfLife);
      for (let i = 0; i < row.n; i++) row.w[i]! *= f;
      row.ref = at;
    }
    for (let i = 0; i < row.n; i++) {
      if (row.ids[i] === b) {
        row.w[i]! += weight;
        return;
      }
    }
    if (row.n < row.ids.length) {
      row.ids[row.n] = b;
      row.w[row.n++] = weight;
      return;
    }
    let weakest = 0;
    for (let i = 1; i < row.n; i++) if (row.w[i]! < row.w[weakest]!) weakest = i;
    if (weight > row.w[weakest]!) {
      row.ids[weakest] = b;
      row.w[weakest] = weight;
    }
  }

  /**
   * Takes a batch-rebuilt table (a hot swap): every row of a video `indexOf` knows is replaced by
   * the snapshot's (its neighbours the catalogue does not know are left out); rows of videos the
   * snapshot does not have keep what they learnt online. Returns the rows replaced.
   */
  load(t: CovisitSnapshot, indexOf: (setItem: number) => number): number {
    const cap = this.opts.rowCap;
    let n = 0;
    for (let r = 0; r < t.owners.length; r++) {
      const a = indexOf(t.owners[r]!);
      if (a < 0) continue;
      const row: Row = { ids: new Int32Array(cap), w: new Float32Array(cap), n: 0, ref: t.ref };
      for (let j = 0; j < t.counts[r]! && row.n < cap; j++) {
        const b = indexOf(t.ids[r * t.rowCap + j]!);
        if (b < 0) continue;
        row.ids[row.n] = b;
        row.w[row.n++] = t.w[r * t.rowCap + j]!;
      }
      this.rows.set(a, row);
      n++;
    }
    return n;
  }

  /** Calls fn(neighbour, weight at `now`) for each neighbour of item. */
  forEachNeighbour(item: number, now: number, fn: (neighbour: number, weight: number) => void): void {
    const row = this.rows.get(item);
    if (!row) return;
    const f = now > row.ref ? Math.pow(2, -(now - row.ref) / this.opts.halfLife) : 1;
    for (let i = 0; i < row.n; i++) fn(row.ids[i]!, row.w[i]! * f);
  }
}
