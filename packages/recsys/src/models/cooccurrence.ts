/**
 * Item-to-item co-occurrence within interaction sequences, with position decay, normalised as
 * an (asymmetric) cosine. Pairs closer than `window` positions count decay^(distance - 1);
 * a later item counts fully for the earlier one and `backward` times for the reverse direction.
 * sim(a, b) = C[a][b] / (n_a^alpha · n_b^(1 - alpha)) where n is an item's occurrence count.
 *
 * Storage: a compact base (compressed rows, built in one pass over a batch of sequences) plus a
 * small map of pairs added one event at a time since (the live stream); `addSequences` folds
 * both into a new base.
 */
import type { Recommender, UserScorer } from './model.js';

export interface CooccurrenceOptions {
  window: number;
  decay: number;
  backward: number;
  alpha: number;
  /** How many of the person's latest items vote, and the weight ratio between consecutive ones. */
  recent: number;
  recency: number;
}

/** Chosen on the validation item of the Amazon Games set (window and decays from a small grid). */
export const COOCCURRENCE_DEFAULTS: CooccurrenceOptions = {
  window: 200,
  decay: 0.9,
  backward: 0.3,
  alpha: 0.7,
  recent: 200,
  recency: 0.9,
};

export class Cooccurrence {
  readonly counts: Float64Array;
  private offsets: Int32Array;
  private neighbours: Int32Array;
  private weights: Float32Array;
  private delta = new Map<number, Map<number, number>>();

  constructor(
    readonly numItems: number,
    readonly opts: CooccurrenceOptions = COOCCURRENCE_DEFAULTS,
  ) {
    this.counts = new Float64Array(numItems);
    this.offsets = new Int32Array(numItems + 1);
    this.neighbours = new Int32Array(0);
    this.weights = new Float32Array(0);
  }

  /** Number of stored (a, b) pairs. */
  get pairs(): number {
    let n = this.neighbours.length;
    for (const row of this.delta.values()) n += row.size;
    return n;
  }

  /** Records that `item` followed `history` (oldest first). */
  addEvent(history: Int32Array, item: number): void {
    this.counts[item]!++;
    this.pairsOf(history, history.length, item, (a, b, w) => {
      let row = this.delta.get(a);
      if (!row) this.delta.set(a, (row = new Map()));
      row.set(b, (row.get(b) ?? 0) + w);
    });
  }

  /** Adds whole sequences (compressed rows) and rebuilds the compact base. */
  addSequences(seqs: { offsets: Int32Array; items: Int32Array }): void {
    const pairs = new PairBuffer(this.pairs + seqs.items.length * 4);
    const push = (a: number, b: number, w: number): void => pairs.push(a, b, w);
    this.forEachPair(push);
    const users = seqs.offsets.length - 1;
    for (let u = 0; u < users; u++) {
      const seq = seqs.items.subarray(seqs.offsets[u]!, seqs.offsets[u + 1]!);
      for (let p = 0; p < seq.length; p++) {
        this.counts[seq[p]!]!++;
        this.pairsOf(seq, p, seq[p]!, push);
      }
    }
    this.rebuild(
      pairs.src.subarray(0, pairs.length),
      pairs.dst.subarray(0, pairs.length),
      pairs.wt.subarray(0, pairs.length),
    );
  }

  /** Calls fn(a, b, w) for the pairs `item` forms with history[0 .. len). */
  private pairsOf(history: Int32Array, len: number, item: number, fn: (a: number, b: number, w: number) => void): void {
    const { window, decay, backward } = this.opts;
    let w = 1;
    for (let d = 1; d <= window && d <= len; d++, w *= decay) {
      const prev = history[len - d]!;
      if (prev === item) continue;
      fn(prev, item, w);
      if (backward > 0) fn(item, prev, backward * w);
    }
  }

  private forEachPair(fn: (a: number, b: number, w: number) => void): void {
    for (let a = 0; a < this.numItems; a++)
      for (let k = this.offsets[a]!; k < this.offsets[a + 1]!; k++) fn(a, this.neighbours[k]!, this.weights[k]!);
    for (const [a, row] of this.delta) for (const [b, w] of row) fn(a, b, w);
  }

  /** Counting sort by source, then by neighbour within a row, summing duplicates. */
  private rebuild(src: Int32Array, dst: Int32Array, wt: Float32Array): void {
    const n = this.numItems;
    const start = new Int32Array(n + 1);
    for (const a of src) start[a + 1]!++;
    for (let a = 0; a < n; a++) start[a + 1]! += start[a]!;
    const fill = start.slice(0, n);
    const order = new Int32Array(src.length);
    for (let k = 0; k < src.length; k++) order[fill[src[k]!]!++] = k;
    const offsets = new Int32Array(n + 1);
    const nb = new Int32Array(src.length);
    const ws = new Float32Array(src.length);
    let m = 0;
    for (let a = 0; a < n; a++) {
      const row = order.subarray(start[a]!, start[a + 1]!).sort((x, y) => dst[x]! - dst[y]!);
      for (const k of row) {
        const b = dst[k]!;
        if (m > offsets[a]! && nb[m - 1] === b) ws[m - 1]! += wt[k]!;
        else {
          nb[m] = b;
          ws[m++] = wt[k]!;
        }
      }
      offsets[a + 1] = m;
    }
    this.offsets = offsets;
    this.neighbours = nb.slice(0, m);
    this.weights = ws.slice(0, m);
    this.delta = new Map();
  }

  /** Adds scale · sim(a, b) into out[b] for every b that co-occurred with a. */
  addNeighbours(a: number, out: Float32Array, scale: number): void {
    const na = this.counts[a]!;
    if (na === 0) return;
    const alpha = this.opts.alpha;
    const f = scale / Math.pow(na, alpha);
    const counts = this.counts;
    const beta = 1 - alpha;
    for (let k = this.offsets[a]!; k < this.offsets[a + 1]!; k++) {
      const b = this.neighbours[k]!;
      out[b]! += (f * this.weights[k]!) / Math.pow(Math.max(1, counts[b]!), beta);
    }
    const row = this.delta.get(a);
    if (row) for (const [b, c] of row) out[b]! += (f * c) / Math.pow(Math.max(1, counts[b]!), beta);
  }

  /** Adds Σ_k recency^k · sim(history[-1-k], i) over the latest `recent` items into out[i]. */
  accumulate(history: Int32Array, out: Float32Array, scale = 1): void {
    const { recent, recency } = this.opts;
    let w = scale;
    for (let k = 1; k <= recent && k <= history.length; k++, w *= recency)
      this.addNeighbours(history[history.length - k]!, out, w);
  }
}

/** Growable typed arrays of (a, b, w) pairs. */
class PairBuffer {
  src: Int32Array;
  dst: Int32Array;
  wt: Float32Array;
  length = 0;

  constructor(capacity: number) {
    this.src = new Int32Array(Math.max(16, capacity));
    this.dst = new Int32Array(this.src.length);
    this.wt = new Float32Array(this.src.length);
  }

  push(a: number, b: number, w: number): void {
    if (this.length === this.src.length) {
      const cap = this.length * 2;
      const grow = <T extends Int32Array | Float32Array>(x: T, make: (n: number) => T): T => {
        const y = make(cap);
        y.set(x);
        return y;
      };
      this.src = grow(this.src, (n) => new Int32Array(n));
      this.dst = grow(this.dst, (n) => new Int32Array(n));
      this.wt = grow(this.wt, (n) => new Float32Array(n));
    }
    this.src[this.length] = a;
    this.dst[this.length] = b;
    this.wt[this.length++] = w;
  }
}

/**
 * The item-to-item baseline: the co-occurrence score of the person's latest items; items with
 * no co-occurrence get 0 (so they tie, which counts against the model).
 */
export class CooccurrenceModel implements Recommender {
  readonly name = 'cooccurrence';
  private readonly dense: Float32Array;

  constructor(readonly table: Cooccurrence) {
    this.dense = new Float32Array(table.numItems);
  }

  forUser(_u: number, history: Int32Array): UserScorer {
    const dense = this.dense;
    dense.fill(0);
    this.table.accumulate(history, dense);
    return {
      score: (items, out) => {
        for (let k = 0; k < items.length; k++) out[k] = dense[items[k]!]!;
      },
      scoreAll: (out) => out.set(dense),
    };
  }
}
