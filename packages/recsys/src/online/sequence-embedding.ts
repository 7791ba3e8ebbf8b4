/**
 * The feed's learned taste: the offline engine's sequence-aware embedding (`SeqEmbedding`)
 * stepped online, one SGD step per engagement. A person is the weighted sum of their latest
 * engaged videos, z = Σ a_k · E[h_−k], so a like moves the next page at once and no per-person
 * row has to be learned; s(i) = b[i] + z · E[i]. Video rows live in the model's collisionless id
 * table (Monolith-style) and expire when unseen. The person's latest videos come from their
 * profile (`recentOf`). Pure.
 */
import { dot, SeqEmbedding, type SeqEmbeddingOptions } from '../engine/seq-embedding.js';
import type { ModelSnapshot } from './retrain.js';

/**
 * A copy of some videos' vectors and biases, side by side: a list scored on every page (the
 * embedding source's pool) is read from a few kilobytes instead of rows scattered over the table.
 * It is as fresh as the moment it was gathered.
 */
export interface GatheredVectors {
  readonly items: Int32Array;
  readonly vectors: Float32Array;
  readonly bias: Float32Array;
}

export const SEQUENCE_EMBEDDING_DEFAULTS: SeqEmbeddingOptions = {
  dim: 32,
  recent: 20,
  recency: 0.85,
  negatives: 8,
  dropout: 0.25,
  lr: 0.05,
  reg: 0.01,
  initSd: 0.05,
  seed: 11,
};

export class SequenceEmbedding {
  readonly model: SeqEmbedding;
  private readonly z: Float32Array;
  private history = new Int32Array(32);

  constructor(
    private readonly recentOf: (actor: string) => ArrayLike<number> | undefined,
    readonly opts: SeqEmbeddingOptions = SEQUENCE_EMBEDDING_DEFAULTS,
  ) {
    this.model = new SeqEmbedding(opts);
    this.z = new Float32Array(opts.dim);
  }

  /** Rows of the person's latest videos that have one, oldest first, leaving out `except`. */
  private rows(actor: string, except = -1): Int32Array {
    const recent = this.recentOf(actor);
    if (!recent) return this.history.subarray(0, 0);
    let n = 0;
    for (let k = 0; k < recent.length; k++) {
      const item = recent[k]!;
      if (item === except) continue;
      const row = this.model.items.find(item);
      if (row < 0) continue;
      if (n === this.history.length) {
        const grown = new Int32Array(n * 2);
        grown.set(this.history);
        this.history = grown;
      }
      this.history[n++] = row;
    }
    return this.history.subarray(0, n);
  }

  hasPerson(actor: string): boolean {
    return this.rows(actor).length > 0;
  }

  /**
   * One step: the person chose `item` after their latest videos (a positive engagement). A
   * negative one is not a choice; the profile hides or discounts it instead.
   */
  step(actor: string, item: number, positive: boolean, now: number, weight = 1): void {
    if (!positive) return;
    const target = this.model.itemRow(item, now);
    const history = this.rows(actor, item);
    if (history.length === 0) return;
    this.model.step(-1, history, target, this.model.items.rowCount, this.opts.lr * Math.min(2, weight));
  }

  /** The person's vector (from their latest videos) into out; false when they have no history with a row. */
  personVectorInto(actor: string, out: Float32Array): boolean {
    const history = this.rows(actor);
    if (history.length === 0) return false;
    this.model.personVector(-1, history, out);
    return true;
  }

  /** Scores of `items` for the person (0 for people with no history and unknown videos). */
  score(actor: string, items: ArrayLike<number>, out: Float32Array): void {
    const history = this.rows(actor);
    if (history.length === 0) {
      out.fill(0, 0, items.length);
      return;
    }
    this.model.personVector(-1, history, this.z);
    for (let j = 0; j < items.length; j++) {
      const row = this.model.items.find(items[j]!);
      out[j] = row < 0 ? 0 : this.model.score(this.z, row);
    }
  }

  /** The current vectors of `items` (zero for videos with no row yet). */
  gather(items: Int32Array): GatheredVectors {
    const d = this.opts.dim;
    const vectors = new Float32Array(items.length * d);
    const bias = new Float32Array(items.length);
    const { E, B } = this.model;
    for (let j = 0; j < items.length; j++) {
      const row = this.model.items.find(items[j]!);
      if (row < 0) continue;
      vectors.set(E.subarray(row * d, row * d + d), j * d);
      bias[j] = B[row]!;
    }
    return { items, vectors, bias };
  }

  /** Scores of the gathered videos for the person, into out (0 for people with no history and videos that had no row). */
  scoreGathered(actor: string, g: GatheredVectors, out: Float32Array): void {
    const history = this.rows(actor);
    const n = g.items.length;
    if (history.length === 0) {
      out.fill(0, 0, n);
      return;
    }
    const d = this.opts.dim;
    this.model.personVector(-1, history, this.z);
    // A video with no row was gathered as zeros: it scores 0.
    for (let j = 0; j < n; j++) out[j] = g.bias[j]! + dot(this.z, g.vectors, j * d, d);
  }

  /**
   * Takes a batch-trained model's vectors (a hot swap): every video the snapshot and `indexOf`
   * both know gets the snapshot's row and bias, and the recency weights are the snapshot's.
   * Videos newer than the snapshot keep their online rows; online steps go on from here.
   * Returns the videos swapped.
   */
  load(snapshot: ModelSnapshot, indexOf: (videoId: string) => number, now: number): number {
    const d = this.opts.dim;
    this.checkFits(snapshot);
    let n = 0;
    for (let r = 0; r < snapshot.items.length; r++) {
      const item = indexOf(snapshot.items[r]!);
      if (item < 0) continue;
      const row = this.model.itemRow(item, now);
      this.model.E.set(snapshot.vectors.subarray(r * d, r * d + d), row * d);
      this.model.B[row] = snapshot.bias[r]!;
      n++;
    }
    this.model.A.set(snapshot.recency);
    return n;
  }

  /**
   * `load` with the snapshot's videos already re-keyed (`itemOf[r]`: the catalogue item of the
   * snapshot's row r, -1 when unknown): the switch of a staged swap (swap-stage.ts), no id lookups.
   */
  loadMapped(snapshot: ModelSnapshot, itemOf: Int32Array, now: number): number {
    const d = this.opts.dim;
    this.checkFits(snapshot);
    const { vectors, bias } = snapshot;
    let n = 0;
    for (let r = 0; r < itemOf.length; r++) {
      const item = itemOf[r]!;
      if (item < 0) continue;
      // A new row is written over at once: no random initialisation.
      const row = this.model.items.acquire(item, now)[0];
      const E = this.model.E;
      for (let k = 0, from = r * d, to = row * d; k < d; k++) E[to + k] = vectors[from + k]!;
      this.model.B[row] = bias[r]!;
      n++;
    }
    this.model.A.set(snapshot.recency);
    return n;
  }

  /** Makes room for the rows `loadMapped` would add (growth happens here, between pages, not at the switch). */
  reserveFor(itemOf: Int32Array): void {
    let fresh = 0;
    for (let r = 0; r < itemOf.length; r++) if (itemOf[r]! >= 0 && this.model.items.find(itemOf[r]!) < 0) fresh++;
    this.model.items.reserve(this.model.items.rowCount + fresh);
  }

  /** Throws when the snapshot's dimension or recency weights do not fit this model. */
  checkFits(snapshot: ModelSnapshot): void {
    if (snapshot.dim !== this.opts.dim || snapshot.recency.length !== this.model.A.length)
      throw new Error(`model snapshot of dimension ${snapshot.dim} does not fit the feed's ${this.opts.dim}`);
  }

  /** Frees the rows of videos not engaged with since `before`. */
  expire(before: number): number {
    return this.model.expire(before).items;
  }
}
