/**
 * The online ranking model: logistic regression over hashed features, one head per outcome
 * (completion, engagement, purchase), learned by AdaGrad SGD from impressions joined with what
 * followed them. A feature is a (field, value) pair of integers hashed into 2^bits weights per
 * head: no strings are built or hashed while ranking. Pure.
 */
export const HEADS = ['complete', 'engage', 'purchase'] as const;
export type Head = (typeof HEADS)[number];
export type Labels = Record<Head, 0 | 1>;

export interface HashedRankerOptions {
  bits: number;
  lr: number;
  l2: number;
  /** Starting probability of each head (set on the bias feature, field 0 value 0) until data moves it. */
  priors: Record<Head, number>;
}

export const HASHED_RANKER_DEFAULTS: HashedRankerOptions = {
  bits: 18,
  lr: 0.1,
  l2: 1e-6,
  priors: { complete: 0.3, engage: 0.05, purchase: 0.005 },
};

/** Hash of one (field, value) feature. */
export function featureHash(field: number, value: number): number {
  let h = Math.imul(field + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(value | 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export class HashedRanker {
  private readonly w: Float32Array[];
  private readonly g2: Float32Array[];
  private readonly mask: number;
  updates = 0;

  constructor(readonly opts: HashedRankerOptions = HASHED_RANKER_DEFAULTS) {
    const size = 1 << opts.bits;
    this.mask = size - 1;
    this.w = HEADS.map(() => new Float32Array(size));
    this.g2 = HEADS.map(() => new Float32Array(size));
    const bias = featureHash(0, 0) & this.mask;
    HEADS.forEach((h, k) => (this.w[k]![bias] = Math.log(opts.priors[h] / (1 - opts.priors[h]))));
  }

  /** Slots of the features (hashes from featureHash), into `out`. */
  slots(hashes: ArrayLike<number>, out: Int32Array): Int32Array {
    for (let i = 0; i < hashes.length; i++) out[i] = hashes[i]! & this.mask;
    return out;
  }

  /** The probability of each head for one feature row of slots; `shift` is added to every head's log-odds (the retrained choice weights). */
  predict(slots: ArrayLike<number>, out: Float64Array, shift = 0): Float64Array {
    for (let h = 0; h < HEADS.length; h++) {
      const w = this.w[h]!;
      let s = shift;
      for (let i = 0; i < slots.length; i++) s += w[slots[i]!]!;
      out[h] = sigmoid(s);
    }
    return out;
  }

  /** One head's log-odds for one feature row of slots (what `predict` takes the sigmoid of, unshifted). */
  logit(head: number, slots: ArrayLike<number>): number {
    const w = this.w[head]!;
    let s = 0;
    for (let i = 0; i < slots.length; i++) s += w[slots[i]!]!;
    return s;
  }

  /** One head's weight at one slot. */
  weightAt(head: number, slot: number): number {
    return this.w[head]![slot]!;
  }

  /** One AdaGrad step of logistic loss per head (or for the one head `only`). */
  update(slots: ArrayLike<number>, labels: Labels, only?: Head): void {
    const { lr, l2 } = this.opts;
    for (let h = 0; h < HEADS.length; h++) {
      if (only !== undefined && HEADS[h] !== only) continue;
      const w = this.w[h]!;
      const g2 = this.g2[h]!;
      let s = 0;
      for (let i = 0; i < slots.length; i++) s += w[slots[i]!]!;
      const g = sigmoid(s) - labels[HEADS[h]!];
      for (let i = 0; i < slots.length; i++) {
        const j = slots[i]!;
        const grad = g + l2 * w[j]!;
        g2[j]! += grad * grad;
        w[j]! -= (lr * grad) / Math.sqrt(g2[j]! + 1e-6);
      }
    }
    this.updates++;
  }

  /** The weight of one (field, value) feature in a head (for tests and explanations). */
  weightOf(head: Head, field: number, value: number): number {
    return this.w[HEADS.indexOf(head)]![featureHash(field, value) & this.mask]!;
  }
}

/** A configurable value of an impression: engagement plus expected GMV. */
export interface ValueFormula {
  complete: number;
  engage: number;
  /** Per yuan of expected GMV (purchase probability × price). */
  gmvPerYuan: number;
}

export const VALUE_DEFAULTS: ValueFormula = { complete: 1, engage: 2, gmvPerYuan: 0.05 };

export function impressionValue(p: Float64Array, priceFen: number | null, f: ValueFormula): number {
  return f.complete * p[0]! + f.engage * p[1]! + f.gmvPerYuan * p[2]! * ((priceFen ?? 0) / 100);
}
