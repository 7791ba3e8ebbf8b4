/**
 * The rest of a retraining, next to the embedding (retrain.ts): the co-occurrence table rebuilt
 * in batch from the stored history, and the ranker's choice weights refitted on the held-out
 * items. Both are plain typed arrays, so the snapshot crosses threads by transfer and the online
 * engine takes them in the same hot swap as the vectors. Pure.
 *
 * - Co-occurrence: the live table's rules (covisitation.ts: pairs within `window` items and one
 *   session, decay^(distance−1) forward, `backward` × that in reverse, halving every `halfLife`),
 *   but summed exactly over the whole history and each row cut to its `rowCap` strongest
 *   neighbours at the end, where the live table can only evict its weakest on the way.
 * - Choice weights: a linear model over what the feed knows of a candidate at ranking time (the
 *   retrained embedding's score, the co-occurrence score from the person's latest videos, whether
 *   there is one, the video's learned bias, the co-occurrence score from the latest video alone),
 *   fitted with a pairwise logistic loss on each person's held-out latest choice against the
 *   videos the co-occurrence and embedding sources would offer them and uniform draws. Only the
 *   held-out items are used, never anything later.
 */
import { topK } from '../engine/candidates.js';
import { LinearRanker } from '../engine/ranker.js';
import { Rng } from '../random.js';
import { COVISITATION_DEFAULTS, type CovisitationOptions } from './covisitation.js';

/** A co-occurrence table as rows of set item indices: row r belongs to `owners[r]`, its neighbours are ids/w[r·rowCap .. r·rowCap + counts[r]). */
export interface CovisitSnapshot {
  rowCap: number;
  /** The time the weights are valid at (they decay from there). */
  ref: number;
  owners: Int32Array;
  counts: Uint8Array;
  ids: Int32Array;
  w: Float32Array;
}

/**
 * The choice model's features, in order. Weights fitted before the last two existed (a stored
 * snapshot of three) read the missing ones as 0.
 */
export const CHOICE_FEATURES = ['embedding', 'log_covisit', 'covisit_any', 'bias', 'log_transition'] as const;
export type ChoiceFeature = (typeof CHOICE_FEATURES)[number];
export const CHOICE_FEATURE_COUNT = CHOICE_FEATURES.length;
/** Recent videos the co-occurrence score reads, and the weight ratio from one to the next older (as the covisit source). */
export const COVISIT_LATEST = 6;
export const COVISIT_RECENCY = 0.8;

/**
 * The choice features of a candidate, into out[offset..]: its embedding score, its co-occurrence
 * score from the latest videos, its learned bias and its co-occurrence score from the latest video.
 */
export function choiceFeatures(
  embedding: number,
  covisit: number,
  out: Float32Array | Float64Array,
  offset = 0,
  bias = 0,
  transition = 0,
): void {
  out[offset] = embedding;
  out[offset + 1] = Math.log1p(Math.max(0, covisit));
  out[offset + 2] = covisit > 0 ? 1 : 0;
  out[offset + 3] = bias;
  out[offset + 4] = Math.log1p(Math.max(0, transition));
}

/** The choice score of a feature row (weights beyond `weights.length` count as 0). */
export function choiceScore(weights: ArrayLike<number>, x: Float32Array | Float64Array, offset = 0): number {
  let s = 0;
  for (let f = 0; f < Math.min(weights.length, CHOICE_FEATURE_COUNT); f++) s += weights[f]! * x[offset + f]!;
  return s;
}

export interface HistoryRows {
  offsets: Int32Array;
  rows: Int32Array;
  at: Float64Array;
}

/** The co-occurrence table of the whole history, exactly summed, each row its strongest `rowCap`. */
export function buildCovisit(h: HistoryRows, opts: CovisitationOptions = COVISITATION_DEFAULTS): CovisitSnapshot {
  const { window, decay, backward, sessionGapMs, halfLife, rowCap } = opts;
  let ref = -Infinity;
  for (let p = 0; p < h.at.length; p++) if (h.at[p]! > ref) ref = h.at[p]!;
  if (!Number.isFinite(ref)) ref = 0;
  const sums = new Map<number, Map<number, number>>();
  const add = (a: number, b: number, w: number): void => {
    let row = sums.get(a);
    if (!row) sums.set(a, (row = new Map()));
    row.set(b, (row.get(b) ?? 0) + w);
  };
  for (let k = 0; k + 1 < h.offsets.length; k++) {
    const start = h.offsets[k]!;
    const end = h.offsets[k + 1]!;
    for (let p = start + 1; p < end; p++) {
      const item = h.rows[p]!;
      const at = h.at[p]!;
      // The weight as seen at `ref`: decayed from the event's time.
      let w = Math.pow(2, -(ref - at) / halfLife);
      for (let q = p - 1, dist = 0; q >= start && dist < window; q--, dist++) {
        if (at - h.at[q]! > sessionGapMs) break;
        const prev = h.rows[q]!;
        if (prev !== item) {
          add(prev, item, w);
          add(item, prev, w * backward);
        }
        w *= decay;
      }
    }
  }
  const owners = new Int32Array(sums.size);
  const counts = new Uint8Array(sums.size);
  const ids = new Int32Array(sums.size * rowCap);
  const w = new Float32Array(sums.size * rowCap);
  let r = 0;
  for (const [a, row] of [...sums].sort((x, y) => x[0] - y[0])) {
    const best = [...row].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, rowCap);
    owners[r] = a;
    counts[r] = best.length;
    best.forEach(([b, v], j) => {
      ids[r * rowCap + j] = b;
      w[r * rowCap + j] = v;
    });
    r++;
  }
  return { rowCap, ref, owners, counts, ids, w };
}

/** Reads a covisit snapshot by item: the co-occurrence score of `item` from a person's latest items. */
export class CovisitReader {
  private readonly rowOf: Int32Array;

  constructor(
    private readonly t: CovisitSnapshot,
    numItems: number,
  ) {
    this.rowOf = new Int32Array(numItems).fill(-1);
    for (let r = 0; r < t.owners.length; r++) this.rowOf[t.owners[r]!] = r;
  }

  /**
   * Scores of every neighbour of the latest COVISIT_LATEST items of `recent` (oldest first), into
   * `out` (a map item → score); `latest`, when given, gets the neighbours of the latest item alone.
   */
  scores(recent: ArrayLike<number>, out: Map<number, number>, latest?: Map<number, number>): Map<number, number> {
    out.clear();
    latest?.clear();
    for (let k = recent.length - 1, r = 1; k >= 0 && k >= recent.length - COVISIT_LATEST; k--, r *= COVISIT_RECENCY) {
      const row = this.rowOf[recent[k]!]!;
      if (row < 0) continue;
      const base = row * this.t.rowCap;
      for (let j = 0; j < this.t.counts[row]!; j++) {
        const b = this.t.ids[base + j]!;
        out.set(b, (out.get(b) ?? 0) + this.t.w[base + j]! * r);
        if (latest && k === recent.length - 1) latest.set(b, this.t.w[base + j]!);
      }
    }
    return out;
  }
}

export interface ChoiceFitInput extends HistoryRows {
  /** The held-out item of person k (-1: none); rows of k exclude it. */
  heldOut: Int32Array;
  numItems: number;
  dim: number;
  vectors: Float32Array;
  bias: Float32Array;
  recency: Float32Array;
  covisit: CovisitSnapshot;
}

export interface ChoiceFitOptions {
  /** Negatives per choice drawn from the co-occurrence candidates, from the embedding's best, and uniformly. */
  candidateNegatives: number;
  embeddingNegatives: number;
  uniformNegatives: number;
  /**
   * The embedding's best for a person: the `embeddingTop` highest scores among the
   * `embeddingPool` videos of highest bias (what the embedding source offers most).
   */
  embeddingPool: number;
  embeddingTop: number;
  /** At most this many held-out choices are fitted on (sampled with the seed). */
  maxPeople: number;
  seed: number;
  /** The features fitted; the others keep weight 0. */
  features: readonly ChoiceFeature[];
}

/**
 * Chosen on the validation items of Amazon Games (packages/recsys/README.md, "Live (retrained)"):
 * negatives like the page's candidates (co-occurrence and embedding sources) and every feature.
 * Against co-occurrence and uniform negatives alone the fit learns that "co-occurs at all" marks
 * a negative (half the draws are co-occurrence candidates) and ranks the page worse.
 */
export const CHOICE_FIT_DEFAULTS: ChoiceFitOptions = {
  candidateNegatives: 10,
  embeddingNegatives: 5,
  uniformNegatives: 5,
  embeddingPool: 2_000,
  embeddingTop: 20,
  maxPeople: 20_000,
  seed: 3,
  features: CHOICE_FEATURES,
};

/** The person vector of a history (oldest first), into z. */
function personVector(input: ChoiceFitInput, history: Int32Array, z: Float32Array): void {
  const d = input.dim;
  z.fill(0);
  for (let j = 0; j < Math.min(input.recency.length, history.length); j++) {
    const row = history[history.length - 1 - j]!;
    const a = input.recency[j]!;
    for (let c = 0; c < d; c++) z[c]! += a * input.vectors[row * d + c]!;
  }
}

function embeddingScore(input: ChoiceFitInput, z: Float32Array, item: number): number {
  const d = input.dim;
  let s = input.bias[item]!;
  for (let c = 0; c < d; c++) s += z[c]! * input.vectors[item * d + c]!;
  return s;
}

/** The `n` items of highest bias, highest first. */
function highestBias(bias: Float32Array, numItems: number, n: number): Int32Array {
  return topK(bias.subarray(0, numItems), n, () => false, false);
}

/** Fits the choice weights on the held-out items; null when no one has one. */
export function fitChoiceWeights(
  input: ChoiceFitInput,
  options: Partial<ChoiceFitOptions> = {},
): { weights: Float64Array; people: number; loss: number } | null {
  const opts = { ...CHOICE_FIT_DEFAULTS, ...options };
  const people: number[] = [];
  for (let k = 0; k < input.heldOut.length; k++)
    if (input.heldOut[k]! >= 0 && input.offsets[k + 1]! > input.offsets[k]!) people.push(k);
  if (people.length === 0 || input.numItems < 2) return null;
  const rng = new Rng(opts.seed);
  rng.shuffle(people);
  const chosen = people.slice(0, opts.maxPeople);
  const size = 1 + opts.candidateNegatives + opts.embeddingNegatives + opts.uniformNegatives;
  const F = CHOICE_FEATURE_COUNT;
  const x = new Float32Array(chosen.length * size * F);
  const reader = new CovisitReader(input.covisit, input.numItems);
  const cov = new Map<number, number>();
  const latest = new Map<number, number>();
  const z = new Float32Array(input.dim);
  const seen = new Int32Array(input.numItems);
  const items = new Int32Array(size);
  const pool = opts.embeddingNegatives > 0 ? highestBias(input.bias, input.numItems, opts.embeddingPool) : null;
  const poolScores = new Float32Array(pool?.length ?? 0);
  for (let g = 0; g < chosen.length; g++) {
    const k = chosen[g]!;
    const history = input.rows.subarray(input.offsets[k]!, input.offsets[k + 1]!);
    const target = input.heldOut[k]!;
    for (const i of history) seen[i] = g + 1;
    seen[target] = g + 1;
    reader.scores(history, cov, latest);
    personVector(input, history, z);
    items[0] = target;
    const offered = [...cov.keys()].filter((i) => seen[i] !== g + 1);
    let n = 1;
    for (let c = 0; c < opts.candidateNegatives && offered.length > 0; c++)
      items[n++] = offered[rng.int(offered.length)]!;
    if (pool) {
      for (let j = 0; j < pool.length; j++) poolScores[j] = embeddingScore(input, z, pool[j]!);
      const best = topK(poolScores, opts.embeddingTop, (j) => seen[pool[j]!] === g + 1, false);
      for (let c = 0; c < opts.embeddingNegatives && best.length > 0; c++)
        items[n++] = pool[best[rng.int(best.length)]!]!;
    }
    while (n < size) {
      let t = rng.int(input.numItems);
      for (let tries = 0; seen[t] === g + 1 && tries < 20; tries++) t = rng.int(input.numItems);
      items[n++] = t;
    }
    for (let j = 0; j < size; j++) {
      const item = items[j]!;
      choiceFeatures(
        embeddingScore(input, z, item),
        cov.get(item) ?? 0,
        x,
        (g * size + j) * F,
        input.bias[item]!,
        latest.get(item) ?? 0,
      );
    }
  }
  // Features not fitted are zero in every row, so their weights stay 0.
  for (let f = 0; f < F; f++) {
    if (opts.features.includes(CHOICE_FEATURES[f]!)) continue;
    for (let r = f; r < x.length; r += F) x[r] = 0;
  }
  const model = new LinearRanker(CHOICE_FEATURES);
  const loss = model.fit(x, chosen.length, size);
  return { weights: model.weights, people: chosen.length, loss };
}
