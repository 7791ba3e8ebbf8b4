/**
 * The retrained ranker's choice weights at ranking time: each candidate's choice score (the
 * weights over the features they were fitted on, retrain-tables.ts: its embedding score, its
 * co-occurrence score from the person's latest videos and from the latest alone, its learned
 * bias) becomes a shift of every head's log-odds, relative to the page's best candidate, so the
 * likeliest choice keeps the hashed model's probabilities and the others are discounted by how
 * much less likely the retrained model finds them (`CHOICE_SHIFT_SCALE` times the fitted
 * difference, tuned on validation items). Pure.
 */
import type { Covisitation } from './covisitation.js';
import type { Profile } from './profile.js';
import {
  CHOICE_FEATURE_COUNT,
  choiceFeatures,
  choiceScore,
  COVISIT_LATEST,
  COVISIT_RECENCY,
} from './retrain-tables.js';
import type { SequenceEmbedding } from './sequence-embedding.js';

/**
 * How strongly the choice score discounts a candidate: the fit ranks one choice among about 20
 * videos, a page chooses among about 160, where the same difference in score is worth more.
 */
export const CHOICE_SHIFT_SCALE = 1;

const scratch = new Float64Array(CHOICE_FEATURE_COUNT);

/**
 * The co-occurrence score of every neighbour of the person's latest videos (as the fit read it)
 * into `out`, and of the latest video's neighbours alone into `latest` when given.
 */
export function covisitScores(
  covisit: Covisitation,
  p: Profile | undefined,
  now: number,
  out: Map<number, number>,
  latest?: Map<number, number>,
): Map<number, number> {
  out.clear();
  latest?.clear();
  if (!p) return out;
  const { items } = p.recentItems();
  for (let k = items.length - 1, r = 1; k >= 0 && k >= items.length - COVISIT_LATEST; k--, r *= COVISIT_RECENCY) {
    const first = k === items.length - 1;
    covisit.forEachNeighbour(items[k]!, now, (b, w) => {
      out.set(b, (out.get(b) ?? 0) + w * r);
      if (first) latest?.set(b, w);
    });
  }
  return out;
}

/** What the choice features read for a person's page: co-occurrence scores and the embedding's biases. */
export interface ChoiceContext {
  readonly covisit: ReadonlyMap<number, number>;
  readonly transition: ReadonlyMap<number, number>;
  bias(item: number): number;
}

/** Reads a page's choice context from the live tables (one per engine, reused page after page). */
export class ChoiceReader implements ChoiceContext {
  readonly covisit = new Map<number, number>();
  readonly transition = new Map<number, number>();

  constructor(
    private readonly table: Covisitation,
    private readonly embedding: SequenceEmbedding,
  ) {}

  read(p: Profile | undefined, now: number): ChoiceContext {
    covisitScores(this.table, p, now, this.covisit, this.transition);
    return this;
  }

  bias(item: number): number {
    const row = this.embedding.model.items.find(item);
    return row < 0 ? 0 : this.embedding.model.B[row]!;
  }
}

/** Log-odds shifts (≤ 0) of the candidates, into `out`. */
export function choiceShifts(
  weights: ArrayLike<number>,
  items: ArrayLike<number>,
  emb: Float32Array,
  ctx: ChoiceContext,
  out: Float64Array,
  scale = CHOICE_SHIFT_SCALE,
): Float64Array {
  let best = -Infinity;
  for (let j = 0; j < items.length; j++) {
    const item = items[j]!;
    choiceFeatures(emb[j]!, ctx.covisit.get(item) ?? 0, scratch, 0, ctx.bias(item), ctx.transition.get(item) ?? 0);
    const s = choiceScore(weights, scratch);
    out[j] = s;
    if (s > best) best = s;
  }
  for (let j = 0; j < items.length; j++) out[j] = scale * (out[j]! - best);
  return out;
}
