/** Most-popular baseline: an item's score is its number of train interactions, whoever asks. */
import type { Recommender, UserScorer } from './model.js';

export function itemCounts(train: { items: Int32Array }, numItems: number): Float32Array {
  const counts = new Float32Array(numItems);
  for (const i of train.items) counts[i]!++;
  return counts;
}

export class PopularModel implements Recommender {
  readonly name = 'popular';
  private readonly scorer: UserScorer;

  constructor(readonly counts: Float32Array) {
    this.scorer = {
      score: (items, out) => {
        for (let k = 0; k < items.length; k++) out[k] = counts[items[k]!]!;
      },
      scoreAll: (out) => out.set(counts),
    };
  }

  forUser(): UserScorer {
    return this.scorer;
  }
}
