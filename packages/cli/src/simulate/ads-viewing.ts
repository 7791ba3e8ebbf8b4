/**
 * How the simulated viewers watch a feed page, for `organic_completion_delta`: attention decays
 * with scroll depth (a position-bias model), so an item at position k (0-based) of the page is
 * completed with probability appeal × DEPTH_DECAY^k. The ads are inserted into the organic page
 * (the feed builds the organic page first and never replaces an organic pick), so the page
 * without ads is the same organic items at their own positions; both are judged with the same
 * uniform draw per (page, item), so the difference is only what the ads do to the organic items'
 * positions.
 */
import { streamSeed } from './random.js';

export const VIEWING = { depthDecay: 0.985, minAppeal: 0.3, appealSpread: 0.4 } as const;

/** A video's appeal to the simulated viewers, fixed by the seed and the id: [0.3, 0.7). */
export function appealOf(seed: number, videoId: string): number {
  return VIEWING.minAppeal + VIEWING.appealSpread * uniform(seed, `appeal:${videoId}`);
}

/** A uniform in [0, 1) fixed by the seed and a key. */
export function uniform(seed: number, key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  return streamSeed(seed, h) / 4_294_967_296;
}

export interface CompletionTally {
  organicWith: number;
  completedWith: number;
  organicWithout: number;
  completedWithout: number;
}

export function emptyTally(): CompletionTally {
  return { organicWith: 0, completedWith: 0, organicWithout: 0, completedWithout: 0 };
}

/** Adds one page: its item ids and which are ads (the organic page without ads is the rest, in order). */
export function tallyPage(
  t: CompletionTally,
  seed: number,
  pageKey: string,
  ids: readonly string[],
  isAd: readonly boolean[],
): void {
  let organicPos = 0;
  ids.forEach((id, k) => {
    if (isAd[k]) return;
    const appeal = appealOf(seed, id);
    const u = uniform(seed, `${pageKey}:${id}`);
    t.organicWith++;
    if (u < appeal * VIEWING.depthDecay ** k) t.completedWith++;
    t.organicWithout++;
    if (u < appeal * VIEWING.depthDecay ** organicPos) t.completedWithout++;
    organicPos++;
  });
}

/** (rate with ads − rate without) ÷ rate without; 0 when nothing was seen. */
export function completionDelta(t: CompletionTally): number {
  const withAds = t.organicWith ? t.completedWith / t.organicWith : 0;
  const without = t.organicWithout ? t.completedWithout / t.organicWithout : 0;
  return without > 0 ? (withAds - without) / without : 0;
}
