/**
 * The engine's learned embeddings: a sequence-aware factorisation model.
 *
 *   z(u, h) = U[u] + Σ_{k=1..L} a_k · E[h_{-k}]          (person vector + recent items)
 *   s(u, h, i) = b[i] + z · E[i]
 *
 * U is a per-person vector (long-term taste), E one embedding per item (shared by the input
 * and the output side, which regularises this sparse data far better than two tables), a_k
 * learned weights of the L latest items (recency), b an item bias (popularity). Trained by SGD
 * on next-item prediction with sampled softmax over uniform negatives, with inverted dropout on
 * the recent items; one example per event, so the same step serves batch epochs and the live
 * stream. Items and people live in collisionless id tables whose stale rows can expire.
 */
import { Rng } from '../random.js';
import { IdTable } from './id-table.js';

export interface SeqEmbeddingOptions {
  dim: number;
  /** L: how many latest items shape the person's vector. */
  recent: number;
  /** Initial weight ratio between consecutive recent items (the weights are then learned). */
  recency: number;
  negatives: number;
  /** Probability that a recent item is left out of z in a training step. */
  dropout: number;
  lr: number;
  reg: number;
  initSd: number;
  seed: number;
  /**
   * A second table N of "what follows this item" vectors: z gains N[h_{-1}], an item-specific
   * transition from the latest item (FPMC-style; N starts at 0). Off when absent or false.
   */
  next?: boolean;
}

export const SEQ_EMBEDDING_DEFAULTS: SeqEmbeddingOptions = {
  dim: 48,
  recent: 20,
  recency: 0.85,
  negatives: 16,
  dropout: 0.5,
  lr: 0.05,
  reg: 0.01,
  initSd: 0.05,
  seed: 1,
};

/** The recent-item weights learn at this fraction of the learning rate (they are shared by every step). */
const POSITION_LR = 0.1;

/** The learned parameters, for moving a model between threads. */
export interface SeqEmbeddingState {
  E: Float32Array;
  B: Float32Array;
  U: Float32Array;
  A: Float32Array;
  /** The "what follows" table (rows × dim) when the model has one. */
  N?: Float32Array;
}

export class SeqEmbedding {
  readonly items = new IdTable<number>(1024);
  readonly users = new IdTable<number>(1024);
  /** Item embeddings, row-major (rows × dim). */
  E: Float32Array;
  B: Float32Array;
  U: Float32Array;
  /** "What follows this item" vectors (rows × dim; empty unless opts.next). */
  N: Float32Array;
  /** Recent-item weights a_1..a_L. */
  readonly A: Float32Array;
  readonly rng: Rng;
  private readonly z: Float32Array;
  private readonly gz: Float32Array;
  private readonly cand: Int32Array;
  private readonly logits: Float64Array;
  private readonly keep: Uint8Array;

  constructor(readonly opts: SeqEmbeddingOptions = SEQ_EMBEDDING_DEFAULTS) {
    const d = opts.dim;
    this.rng = new Rng(opts.seed);
    this.E = new Float32Array(this.items.capacity * d);
    this.B = new Float32Array(this.items.capacity);
    this.U = new Float32Array(this.users.capacity * d);
    this.N = new Float32Array(opts.next ? this.items.capacity * d : 0);
    this.A = new Float32Array(opts.recent);
    for (let k = 0, w = 1; k < opts.recent; k++, w *= opts.recency) this.A[k] = w;
    this.items.onGrow((cap) => {
      this.E = grown(this.E, cap * d);
      this.B = grown(this.B, cap);
      if (opts.next) this.N = grown(this.N, cap * d);
    });
    this.users.onGrow((cap) => {
      this.U = grown(this.U, cap * d);
    });
    this.z = new Float32Array(d);
    this.gz = new Float32Array(d);
    this.cand = new Int32Array(opts.negatives + 1);
    this.logits = new Float64Array(opts.negatives + 1);
    this.keep = new Uint8Array(opts.recent);
  }

  /** The row of item id, created (randomly initialised) on first sight at time `now`. */
  itemRow(id: number, now = 0): number {
    const [row, isNew] = this.items.acquire(id, now);
    if (isNew) this.initRow(this.E, row, 0);
    return row;
  }

  userRow(id: number, now = 0): number {
    const [row, isNew] = this.users.acquire(id, now);
    if (isNew) this.initRow(this.U, row, 0);
    return row;
  }

  /** Drops items and people not seen since `before`; their rows are re-initialised for reuse. */
  expire(before: number): { items: number; users: number } {
    const items = this.items.expire(before);
    for (const row of items) {
      this.initRow(this.E, row, 0);
      if (this.opts.next) this.N.fill(0, row * this.opts.dim, (row + 1) * this.opts.dim);
    }
    const users = this.users.expire(before);
    for (const row of users) this.initRow(this.U, row, 0);
    return { items: items.length, users: users.length };
  }

  private initRow(m: Float32Array, row: number, bias: number): void {
    const d = this.opts.dim;
    for (let c = 0; c < d; c++) m[row * d + c] = this.rng.gaussian(this.opts.initSd);
    if (m === this.E) this.B[row] = bias;
  }

  /** The parameters of rows in use (copies). */
  exportState(): SeqEmbeddingState {
    const d = this.opts.dim;
    return {
      E: this.E.slice(0, this.items.rowCount * d),
      B: this.B.slice(0, this.items.rowCount),
      U: this.U.slice(0, this.users.rowCount * d),
      A: this.A.slice(),
      ...(this.opts.next ? { N: this.N.slice(0, this.items.rowCount * d) } : {}),
    };
  }

  /** Loads parameters exported by a model whose rows were allocated in the same order. */
  loadState(state: SeqEmbeddingState): void {
    const d = this.opts.dim;
    if (
      state.E.length !== this.items.rowCount * d ||
      state.U.length !== this.users.rowCount * d ||
      state.A.length !== this.A.length ||
      (state.N?.length ?? 0) !== (this.opts.next ? this.items.rowCount * d : 0)
    ) {
      throw new Error("embedding state does not match this model's rows");
    }
    this.E.set(state.E);
    this.B.set(state.B);
    this.U.set(state.U);
    this.A.set(state.A);
    if (state.N) this.N.set(state.N);
  }

  /** Writes z(u, h) into out; userRow -1 means no person vector; history holds item rows. */
  personVector(userRow: number, history: Int32Array, out: Float32Array): void {
    const d = this.opts.dim;
    const { E, U, A } = this;
    if (userRow >= 0) for (let c = 0; c < d; c++) out[c] = U[userRow * d + c]!;
    else out.fill(0);
    const L = Math.min(this.opts.recent, history.length);
    for (let k = 0; k < L; k++) {
      const a = A[k]!;
      const base = history[history.length - 1 - k]! * d;
      for (let c = 0; c < d; c++) out[c]! += a * E[base + c]!;
    }
    if (this.opts.next && history.length > 0) {
      const { N } = this;
      const base = history[history.length - 1]! * d;
      for (let c = 0; c < d; c++) out[c]! += N[base + c]!;
    }
  }

  /** b[i] + z · E[i] for an item row. */
  score(z: Float32Array, row: number): number {
    return this.B[row]! + dot(z, this.E, row * this.opts.dim, this.opts.dim);
  }

  /** Scores rows [0, out.length) into out. */
  scoreRows(z: Float32Array, out: Float32Array): void {
    for (let row = 0; row < out.length; row++) out[row] = this.score(z, row);
  }

  /**
   * One SGD step on "after `history` (item rows), person `userRow` chose item row `target`",
   * against `negatives` uniform draws from rows [0, numRows). Returns the example's loss.
   */
  step(userRow: number, history: Int32Array, target: number, numRows: number, lr: number): number {
    if (numRows < 2) return 0; // nothing to contrast the chosen item with
    const { dim: d, reg, dropout } = this.opts;
    const { E, B, U, A, N, z, gz, cand, logits, keep } = this;
    const next = this.opts.next === true && history.length > 0 ? history[history.length - 1]! * d : -1;
    const L = Math.min(this.opts.recent, history.length);
    const scale = 1 / (1 - dropout);
    if (userRow >= 0) for (let c = 0; c < d; c++) z[c] = U[userRow * d + c]!;
    else z.fill(0);
    for (let k = 0; k < L; k++) {
      keep[k] = dropout > 0 && this.rng.next() < dropout ? 0 : 1;
      if (keep[k] === 0) continue;
      const a = A[k]! * scale;
      const base = history[history.length - 1 - k]! * d;
      for (let c = 0; c < d; c++) z[c]! += a * E[base + c]!;
    }
    if (next >= 0) for (let c = 0; c < d; c++) z[c]! += N[next + c]!;
    const n = cand.length;
    cand[0] = target;
    for (let k = 1; k < n; k++) {
      let j = this.rng.int(numRows);
      while (j === target) j = this.rng.int(numRows);
      cand[k] = j;
    }
    let max = -Infinity;
    for (let k = 0; k < n; k++) {
      const s = this.score(z, cand[k]!);
      logits[k] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let k = 0; k < n; k++) sum += logits[k] = Math.exp(logits[k]! - max);
    const loss = -Math.log(logits[0]! / sum);
    // Gradients of the candidates' side first (z is fixed for this step).
    gz.fill(0);
    for (let k = 0; k < n; k++) {
      const g = logits[k]! / sum - (k === 0 ? 1 : 0);
      const row = cand[k]!;
      const base = row * d;
      for (let c = 0; c < d; c++) {
        const e = E[base + c]!;
        gz[c]! += g * e;
        E[base + c] = e - lr * (g * z[c]! + reg * e);
      }
      B[row]! -= lr * g;
    }
    if (userRow >= 0) {
      const base = userRow * d;
      for (let c = 0; c < d; c++) U[base + c]! -= lr * (gz[c]! + reg * U[base + c]!);
    }
    if (next >= 0) for (let c = 0; c < d; c++) N[next + c]! -= lr * (gz[c]! + reg * N[next + c]!);
    for (let k = 0; k < L; k++) {
      if (keep[k] === 0) continue;
      const a = A[k]! * scale;
      const base = history[history.length - 1 - k]! * d;
      let ga = 0;
      for (let c = 0; c < d; c++) {
        const e = E[base + c]!;
        ga += e * gz[c]!;
        E[base + c] = e - lr * (a * gz[c]! + reg * e);
      }
      A[k] = A[k]! - lr * POSITION_LR * scale * ga;
    }
    return loss;
  }
}

/** z · m[base .. base + d), four accumulators (about 1.5× faster than one in V8). */
export function dot(z: Float32Array, m: Float32Array, base: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let c = 0;
  for (; c + 3 < d; c += 4) {
    s0 += z[c]! * m[base + c]!;
    s1 += z[c + 1]! * m[base + c + 1]!;
    s2 += z[c + 2]! * m[base + c + 2]!;
    s3 += z[c + 3]! * m[base + c + 3]!;
  }
  for (; c < d; c++) s0 += z[c]! * m[base + c]!;
  return s0 + s1 + s2 + s3;
}

function grown(arr: Float32Array, length: number): Float32Array {
  const next = new Float32Array(length);
  next.set(arr);
  return next;
}
