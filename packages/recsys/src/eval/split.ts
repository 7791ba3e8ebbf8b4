/**
 * Leave-one-out split of the published protocol: per user the last item is the test item, the
 * second-to-last the validation item, the rest train. Users with fewer than 3 interactions keep
 * everything in train and are not evaluated (valid = test = -1).
 */
import { sequenceOf, type Interactions } from '../data/dataset.js';

export const MIN_EVALUATED_LENGTH = 3;

export interface Split {
  numUsers: number;
  numItems: number;
  /** Train sequences in compressed rows (see Interactions). */
  train: { offsets: Int32Array; items: Int32Array };
  valid: Int32Array;
  test: Int32Array;
}

export function leaveOneOut(data: Interactions): Split {
  const { numUsers, numItems } = data;
  const offsets = new Int32Array(numUsers + 1);
  const valid = new Int32Array(numUsers).fill(-1);
  const test = new Int32Array(numUsers).fill(-1);
  for (let u = 0; u < numUsers; u++) {
    const n = data.offsets[u + 1]! - data.offsets[u]!;
    offsets[u + 1] = offsets[u]! + (n >= MIN_EVALUATED_LENGTH ? n - 2 : n);
  }
  const items = new Int32Array(offsets[numUsers]!);
  for (let u = 0; u < numUsers; u++) {
    const seq = sequenceOf(data, u);
    const trainLen = offsets[u + 1]! - offsets[u]!;
    items.set(seq.subarray(0, trainLen), offsets[u]!);
    if (trainLen < seq.length) {
      valid[u] = seq[seq.length - 2]!;
      test[u] = seq[seq.length - 1]!;
    }
  }
  return { numUsers, numItems, train: { offsets, items }, valid, test };
}

/** Users with a validation and a test item. */
export function evaluableUsers(split: Split): Int32Array {
  const out: number[] = [];
  for (let u = 0; u < split.numUsers; u++) if (split.test[u]! >= 0) out.push(u);
  return Int32Array.from(out);
}

/**
 * The input the model sees for a phase: the train sequence for validation, the train sequence
 * plus the validation item for test.
 */
export function historyFor(split: Split, u: number, phase: 'valid' | 'test'): Int32Array {
  const train = sequenceOf(split.train, u);
  if (phase === 'valid' || split.valid[u]! < 0) return train;
  const h = new Int32Array(train.length + 1);
  h.set(train);
  h[train.length] = split.valid[u]!;
  return h;
}
