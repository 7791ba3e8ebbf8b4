/**
 * The sampled evaluation protocol: which users are evaluated and the 100 negatives each is
 * scored against, drawn once per phase so every model sees the same split, users and negatives.
 */
import { deriveSeed, Rng } from '../random.js';
import { sequenceOf } from '../data/dataset.js';
import { evaluableUsers, type Split } from './split.js';

export const DEFAULT_NEGATIVES = 100;
export const DEFAULT_MAX_USERS = 10_000;
export const DEFAULT_SEED = 42;

export type Phase = 'valid' | 'test';

export interface PhasePlan {
  phase: Phase;
  users: Int32Array;
  /** The held-out item of users[k]. */
  targets: Int32Array;
  /** users.length rows of `negatives` items each. */
  negatives: Int32Array;
}

export interface Protocol {
  seed: number;
  negatives: number;
  evaluableUsers: number;
  sampledUsers: boolean;
  valid: PhasePlan;
  test: PhasePlan;
}

export interface ProtocolOptions {
  seed?: number;
  maxUsers?: number;
  negatives?: number;
}

/**
 * Users: every evaluable user, or maxUsers of them drawn without replacement (seeded) when
 * there are more, in ascending order. Negatives: for each user, `negatives` independent uniform
 * draws (with replacement, as the reference code) from the items the user never interacted with
 * (train, validation or test); validation and test phases use separate streams.
 */
export function buildProtocol(split: Split, opts: ProtocolOptions = {}): Protocol {
  const seed = opts.seed ?? DEFAULT_SEED;
  const maxUsers = opts.maxUsers ?? DEFAULT_MAX_USERS;
  const negatives = opts.negatives ?? DEFAULT_NEGATIVES;
  const all = evaluableUsers(split);
  let users = all;
  if (all.length > maxUsers) {
    users = new Rng(deriveSeed(seed, 'users')).shuffle(all.slice()).slice(0, maxUsers).sort();
  }
  const plan = (phase: Phase): PhasePlan => ({
    phase,
    users,
    targets: users.map((u) => (phase === 'valid' ? split.valid[u]! : split.test[u]!)),
    negatives: sampleNegatives(split, users, negatives, deriveSeed(seed, `negatives-${phase}`)),
  });
  return {
    seed,
    negatives,
    evaluableUsers: all.length,
    sampledUsers: users.length < all.length,
    valid: plan('valid'),
    test: plan('test'),
  };
}

/** Marks every item user u interacted with (train, validation, test) with `stamp`; returns how many. */
export function markInteracted(split: Split, u: number, marks: Int32Array, stamp: number): number {
  let n = 0;
  const mark = (i: number): void => {
    if (i >= 0 && marks[i] !== stamp) {
      marks[i] = stamp;
      n++;
    }
  };
  for (const i of sequenceOf(split.train, u)) mark(i);
  mark(split.valid[u]!);
  mark(split.test[u]!);
  return n;
}

export function sampleNegatives(split: Split, users: Int32Array, count: number, seed: number): Int32Array {
  const rng = new Rng(seed);
  const marks = new Int32Array(split.numItems);
  const out = new Int32Array(users.length * count);
  for (let k = 0; k < users.length; k++) {
    const u = users[k]!;
    const seen = markInteracted(split, u, marks, k + 1);
    if (seen >= split.numItems) throw new Error(`user ${u} interacted with every item; no negatives to draw`);
    for (let n = 0; n < count; n++) {
      let t = rng.int(split.numItems);
      while (marks[t] === k + 1) t = rng.int(split.numItems);
      out[k * count + n] = t;
    }
  }
  return out;
}
