/** What every model offers the evaluation (and, later, the feed): scores for one person's input. */

export interface UserScorer {
  /** Writes the score of items[k] into out[k]; higher is better. */
  score(items: Int32Array, out: Float32Array): void;
  /** Writes the score of every item index into out (length = number of items). */
  scoreAll(out: Float32Array): void;
}

export interface Recommender {
  readonly name: string;
  /** A scorer for user u whose interactions so far, oldest first, are `history`. */
  forUser(u: number, history: Int32Array): UserScorer;
}
