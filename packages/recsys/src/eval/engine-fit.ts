/**
 * Fitting the engine's ranker on the validation items: for each given user the input is the
 * train sequence, the chosen item is the validation item and the others are uniform draws from
 * items the user never touched in train or validation (its own stream, not the protocol's
 * negatives). Test items are never read.
 */
import { sequenceOf } from '../data/dataset.js';
import { type Engine, FEATURES } from '../engine/engine.js';
import { RANKER_FIT_DEFAULTS, type RankerFitOptions } from '../engine/ranker.js';
import { Rng } from '../random.js';
import type { Split } from './split.js';

export interface RankerFitReport {
  users: number;
  negatives: number;
  loss: number;
  weights: Record<string, number>;
}

export function fitRankerOnValidation(
  engine: Engine,
  split: Split,
  users: Int32Array,
  opts: { negatives: number; seed: number; fit?: RankerFitOptions },
): RankerFitReport {
  const size = opts.negatives + 1;
  const x = new Float32Array(users.length * size * FEATURES);
  const items = new Int32Array(size);
  const marks = new Int32Array(split.numItems);
  const rng = new Rng(opts.seed);
  for (let k = 0; k < users.length; k++) {
    const u = users[k]!;
    const train = sequenceOf(split.train, u);
    for (const i of train) marks[i] = k + 1;
    marks[split.valid[u]!] = k + 1;
    items[0] = split.valid[u]!;
    for (let n = 1; n < size; n++) {
      let t = rng.int(split.numItems);
      while (marks[t] === k + 1) t = rng.int(split.numItems);
      items[n] = t;
    }
    engine.featureRows(u, train, items, x, k * size * FEATURES);
  }
  const loss = engine.ranker.fit(x, users.length, size, opts.fit ?? RANKER_FIT_DEFAULTS);
  const weights: Record<string, number> = {};
  engine.ranker.names.forEach((name, f) => (weights[name] = engine.ranker.weights[f]!));
  return { users: users.length, negatives: opts.negatives, loss, weights };
}
