/**
 * Small synthetic interaction sets with planted structure, for tests. Items 0..numItems-1 form
 * `clusters` rings; a person starts somewhere and mostly steps to the next item of the ring
 * (sequential structure), sometimes jumps to a popular item (items with low indices are far
 * more popular). Each person interacts with an item at most once.
 */
import { parseInteractions, type Interactions } from '../data/dataset.js';
import { Rng } from '../random.js';

export interface SyntheticOptions {
  users: number;
  numItems: number;
  clusters: number;
  minLength: number;
  maxLength: number;
  /** Probability of stepping along the ring (else a popular item). */
  sequential: number;
  seed: number;
}

export const SYNTHETIC_DEFAULTS: SyntheticOptions = {
  users: 400,
  numItems: 200,
  clusters: 10,
  minLength: 4,
  maxLength: 12,
  sequential: 0.8,
  seed: 11,
};

/** The `user item` lines of a synthetic set. */
export function syntheticLines(opts: Partial<SyntheticOptions> = {}): string {
  const o = { ...SYNTHETIC_DEFAULTS, ...opts };
  const rng = new Rng(o.seed);
  const ring = Math.floor(o.numItems / o.clusters);
  const lines: string[] = [];
  for (let u = 0; u < o.users; u++) {
    const n = o.minLength + rng.int(o.maxLength - o.minLength + 1);
    const seen = new Set<number>();
    let cur = rng.int(o.numItems);
    for (let k = 0; k < n; k++) {
      let next = cur;
      for (let tries = 0; seen.has(next) && tries < 50; tries++) {
        if (k > 0 && rng.next() < o.sequential) {
          const c = Math.floor(next / ring);
          next = c * ring + (((next % ring) + 1) % ring);
        } else {
          // Popularity skew: square of a uniform draw favours low indices.
          const x = rng.next();
          next = Math.floor(x * x * o.numItems);
        }
      }
      if (seen.has(next)) break;
      seen.add(next);
      lines.push(`${u + 1} ${next + 1}`);
      cur = next;
    }
  }
  return `${lines.join('\n')}\n`;
}

export function synthetic(opts: Partial<SyntheticOptions> = {}): Interactions {
  return parseInteractions(syntheticLines(opts));
}
