/**
 * The ranking model: a linear scorer over the candidate features, learned with a pairwise
 * logistic loss (the chosen item against items the person did not choose) by full-batch Adam.
 * Features are standardised with the training set's spread so one learning rate fits all.
 */

export interface RankerFitOptions {
  iterations: number;
  lr: number;
  /** L2 penalty on the (standardised) weights. */
  l2: number;
}

export const RANKER_FIT_DEFAULTS: RankerFitOptions = { iterations: 300, lr: 0.05, l2: 1e-4 };

export class LinearRanker {
  /** Weights on raw features (standardisation folded in). */
  readonly weights: Float64Array;

  constructor(
    readonly names: readonly string[],
    weights?: ArrayLike<number>,
  ) {
    this.weights = new Float64Array(names.length);
    if (weights) this.weights.set(weights);
  }

  score(x: Float32Array | Float64Array, offset = 0): number {
    const w = this.weights;
    let s = 0;
    for (let f = 0; f < w.length; f++) s += w[f]! * x[offset + f]!;
    return s;
  }

  /**
   * Fits on `groups` groups of `size` feature rows (row 0 of each group is the chosen item,
   * the others were not chosen). Returns the final mean pairwise loss.
   */
  fit(x: Float32Array, groups: number, size: number, opts: RankerFitOptions = RANKER_FIT_DEFAULTS): number {
    const F = this.names.length;
    const scale = new Float64Array(F);
    const pairs = groups * (size - 1);
    if (pairs === 0) return 0;
    // Spread of the pairwise differences per feature.
    for (let g = 0; g < groups; g++) {
      const p = g * size * F;
      for (let k = 1; k < size; k++) for (let f = 0; f < F; f++) scale[f]! += (x[p + f]! - x[p + k * F + f]!) ** 2;
    }
    for (let f = 0; f < F; f++) scale[f] = Math.sqrt(scale[f]! / pairs) || 1;
    // Standardised differences chosen − not chosen, computed once.
    const diffs = new Float32Array(pairs * F);
    for (let g = 0, r = 0; g < groups; g++) {
      const p = g * size * F;
      for (let k = 1; k < size; k++, r++)
        for (let f = 0; f < F; f++) diffs[r * F + f] = (x[p + f]! - x[p + k * F + f]!) / scale[f]!;
    }
    const w = new Float64Array(F);
    for (let f = 0; f < F; f++) w[f] = this.weights[f]! * scale[f]!;
    const m = new Float64Array(F);
    const v = new Float64Array(F);
    const grad = new Float64Array(F);
    let loss = 0;
    for (let it = 1; it <= opts.iterations; it++) {
      grad.fill(0);
      loss = 0;
      for (let r = 0; r < pairs; r++) {
        const o = r * F;
        let d = 0;
        for (let f = 0; f < F; f++) d += w[f]! * diffs[o + f]!;
        // loss = log(1 + e^-d); dloss/dd = -1 / (1 + e^d)
        loss += d > 30 ? Math.exp(-d) : Math.log1p(Math.exp(-d));
        const s = -1 / (1 + Math.exp(d));
        for (let f = 0; f < F; f++) grad[f]! += s * diffs[o + f]!;
      }
      for (let f = 0; f < F; f++) {
        const gf = grad[f]! / pairs + opts.l2 * w[f]!;
        m[f] = 0.9 * m[f]! + 0.1 * gf;
        v[f] = 0.999 * v[f]! + 0.001 * gf * gf;
        w[f]! -= (opts.lr * (m[f]! / (1 - 0.9 ** it))) / (Math.sqrt(v[f]! / (1 - 0.999 ** it)) + 1e-8);
      }
    }
    for (let f = 0; f < F; f++) this.weights[f] = w[f]! / scale[f]!;
    return loss / pairs;
  }
}
