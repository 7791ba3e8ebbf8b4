/**
 * Batch training of one embedding model: epochs of SGD over every event of every sequence in
 * a seeded random order, the learning rate decaying linearly to 0. Pure (no I/O), so it runs
 * the same in the calling thread and in a worker.
 */
import { Rng } from '../random.js';
import type { SeqEmbedding, SeqEmbeddingState } from './seq-embedding.js';

/** Sequences already mapped to embedding rows: person k's items are rows[offsets[k] .. offsets[k + 1]). */
export interface RowSequences {
  offsets: Int32Array;
  rows: Int32Array;
  /** The embedding row of person k. */
  userRows: Int32Array;
  /** Item rows in use (negatives are drawn from [0, itemRows)). */
  itemRows: number;
  /** Optional per-event learning-rate factor (same layout as rows); 1 when absent. */
  weights?: Float32Array;
}

export function trainEpochs(
  model: SeqEmbedding,
  data: RowSequences,
  epochs: number,
  seed: number,
  progress?: (epoch: number) => void,
): void {
  const { offsets, rows, userRows, itemRows, weights } = data;
  const owner = new Int32Array(rows.length);
  for (let k = 0; k + 1 < offsets.length; k++) owner.fill(k, offsets[k]!, offsets[k + 1]!);
  const order = Int32Array.from({ length: rows.length }, (_, p) => p);
  const rng = new Rng(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    rng.shuffle(order);
    const lr = model.opts.lr * (1 - epoch / epochs);
    for (const p of order) {
      const k = owner[p]!;
      model.step(userRows[k]!, rows.subarray(offsets[k]!, p), rows[p]!, itemRows, weights ? lr * weights[p]! : lr);
    }
    progress?.(epoch + 1);
  }
}

/** What a worker needs to train one model: the model's options and the row-space data. */
export interface TrainJob {
  opts: SeqEmbedding['opts'];
  data: RowSequences;
  /** Rows the model must hold (items 0..itemRows-1 and people 0..userRowCount-1 map to themselves). */
  userRowCount: number;
  epochs: number;
  seed: number;
}

export type TrainResult = SeqEmbeddingState;
