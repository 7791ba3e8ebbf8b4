/**
 * A person–video embedding learned online from the stream: s(p, i) = P[p] · E[i] + b[i],
 * one SGD step of logistic loss per engagement (the engaged video against `negatives` videos
 * drawn uniformly from the table; a negative interest, e.g. "not interested", is a step towards
 * label 0). Rows live in the engine's collisionless id tables (Monolith-style), so people and
 * videos unseen for a while can be expired and their rows reused. A step costs
 * (1 + negatives) · dim multiply-adds, so it runs inline: a worker thread would cost more in
 * messages than the step itself. Pure.
 */
import { IdTable } from '../engine/id-table.js';
import { Rng } from '../random.js';

export interface OnlineEmbeddingOptions {
  dim: number;
  negatives: number;
  lr: number;
  reg: number;
  initSd: number;
  seed: number;
}

export const ONLINE_EMBEDDING_DEFAULTS: OnlineEmbeddingOptions = { dim: 16, negatives: 4, lr: 0.05, reg: 0.001, initSd: 0.1, seed: 11 };

function grown(a: Float32Array, size: number): Float32Array {
  const b = new Float32Array(size);
  b.set(a);
  return b;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export class OnlineEmbedding {
  readonly items = new IdTable<number>(1024);
  readonly people = new IdTable<string>(1024);
  private E: Float32Array;
  private B: Float32Array;
  private P: Float32Array;
  private readonly rng: Rng;
  private readonly grad: Float32Array;
  /** Row of each item by item index (-1: none): the items table's map, mirrored for the hot scoring loop. */
  private rowOfItem = new Int32Array(1024).fill(-1);

  constructor(readonly opts: OnlineEmbeddingOptions = ONLINE_EMBEDDING_DEFAULTS) {
    const d = opts.dim;
    this.rng = new Rng(opts.seed);
    this.E = new Float32Array(this.items.capacity * d);
    this.B = new Float32Array(this.items.capacity);
    this.P = new Float32Array(this.people.capacity * d);
    this.grad = new Float32Array(d);
    this.items.onGrow((cap) => {
      this.E = grown(this.E, cap * d);
      this.B = grown(this.B, cap);
    });
    this.people.onGrow((cap) => {
      this.P = grown(this.P, cap * d);
    });
  }

  private init(table: Float32Array, row: number): void {
    const d = this.opts.dim;
    for (let k = 0; k < d; k++) table[row * d + k] = this.rng.gaussian(this.opts.initSd);
  }

  private itemRow(item: number, now: number): number {
    const [row, isNew] = this.items.acquire(item, now);
    if (isNew) {
      this.init(this.E, row);
      this.B[row] = 0;
      if (item >= this.rowOfItem.length) {
        const grown = new Int32Array(Math.max(item + 1, this.rowOfItem.length * 2)).fill(-1);
        grown.set(this.rowOfItem);
        this.rowOfItem = grown;
      }
      this.rowOfItem[item] = row;
    }
    return row;
  }

  private rowOf(item: number): number {
    return item < this.rowOfItem.length ? this.rowOfItem[item]! : -1;
  }

  private personRow(actor: string, now: number): number {
    const [row, isNew] = this.people.acquire(actor, now);
    if (isNew) this.init(this.P, row);
    return row;
  }

  hasPerson(actor: string): boolean {
    return this.people.find(actor) >= 0;
  }

  /** One step: `positive` true pulls the person towards the item (and away from sampled items). */
  step(actor: string, item: number, positive: boolean, now: number, weight = 1): void {
    const d = this.opts.dim;
    const p = this.personRow(actor, now) * d;
    const target = this.itemRow(item, now);
    const lr = this.opts.lr * Math.min(2, weight);
    const reg = this.opts.reg;
    const grad = this.grad;
    grad.fill(0);
    const update = (row: number, label: number): void => {
      const e = row * d;
      let s = this.B[row]!;
      for (let k = 0; k < d; k++) s += this.P[p + k]! * this.E[e + k]!;
      const g = label - sigmoid(s);
      for (let k = 0; k < d; k++) {
        grad[k]! += g * this.E[e + k]!;
        this.E[e + k]! += lr * (g * this.P[p + k]! - reg * this.E[e + k]!);
      }
      this.B[row]! += lr * g;
    };
    update(target, positive ? 1 : 0);
    if (positive) {
      const rows = this.items.rowCount;
      for (let n = 0; n < this.opts.negatives && rows > 1; n++) {
        const row = this.rng.int(rows);
        if (row !== target && this.items.idOf(row) !== undefined) update(row, 0);
      }
    }
    for (let k = 0; k < d; k++) this.P[p + k]! += lr * (grad[k]! - reg * this.P[p + k]!);
  }

  /** Scores of `items` for the person (0 for unknown people or items). */
  score(actor: string, items: ArrayLike<number>, out: Float32Array): void {
    const d = this.opts.dim;
    const pr = this.people.find(actor);
    for (let j = 0; j < items.length; j++) {
      const r = pr < 0 ? -1 : this.rowOf(items[j]!);
      if (r < 0) {
        out[j] = 0;
        continue;
      }
      let s = this.B[r]!;
      for (let k = 0; k < d; k++) s += this.P[pr * d + k]! * this.E[r * d + k]!;
      out[j] = s;
    }
  }

  /** A device's vector blended into an account's (the account keeps `keep` of its own). */
  merge(from: string, into: string, now: number, keep = 0.5): void {
    const src = this.people.find(from);
    if (src < 0) return;
    const had = this.people.find(into) >= 0;
    const dst = this.personRow(into, now);
    const d = this.opts.dim;
    for (let k = 0; k < d; k++) this.P[dst * d + k] = had ? keep * this.P[dst * d + k]! + (1 - keep) * this.P[src * d + k]! : this.P[src * d + k]!;
  }

  /** Frees rows of people and videos not seen since `before`. */
  expire(before: number): { people: number; items: number } {
    const result = { people: this.people.expire(before).length, items: this.items.expire(before).length };
    if (result.items > 0) {
      this.rowOfItem.fill(-1);
      this.items.rowIds.forEach((item, row) => {
        if (item !== undefined) this.rowOfItem[item] = row;
      });
    }
    return result;
  }
}
