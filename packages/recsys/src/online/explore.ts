/**
 * Exploration that is measured: a fixed share of each personalised page (the drift options'
 * `exploreShare`, kept exact over pages by a per-person credit) goes to videos from the
 * categories the person was shown least recently, so a taste that appears is noticed. Each such
 * video carries the reason `explore` (探索), and the engine counts them, so the share served
 * can be measured. Pure.
 */
import type { Candidate, Skip, SourceState } from './sources.js';

/**
 * The under-shown categories first: by recent impressions (fewest first), ties broken by a
 * rotation (`turn`, e.g. the person's page count) so that successive pages try different ones.
 */
export function underShown(
  categories: readonly string[],
  shownOf: (categoryId: string) => number,
  turn: number,
  n: number,
): string[] {
  const len = categories.length;
  if (len === 0 || n <= 0) return [];
  const order = Array.from({ length: len }, (_, k) => (k + turn) % len);
  order.sort(
    (a, b) => shownOf(categories[a]!) - shownOf(categories[b]!) || ((a - turn + len) % len) - ((b - turn + len) % len),
  );
  return order.slice(0, n).map((k) => categories[k]!);
}

/**
 * One candidate per under-shown category (at most `n`): its hottest video the person may still
 * see among the newest 60 (trending first, newer on ties), with the category as `via`.
 */
export function exploreSource(s: SourceState, categories: readonly string[], skip: Skip, n: number): Candidate[] {
  const out: Candidate[] = [];
  for (const id of categories) {
    if (out.length >= n) break;
    const list = s.catalog.byCategory.get(id);
    if (!list) continue;
    let bestItem = -1;
    let bestScore = -Infinity;
    for (let k = list.length - 1, looked = 0; k >= 0 && looked < 60; k--) {
      const item = list[k]!;
      if (skip(item)) continue;
      looked++;
      const score = s.trendingValue(item) + k / (list.length * 10);
      if (score > bestScore) {
        bestScore = score;
        bestItem = item;
      }
    }
    if (bestItem >= 0) out.push({ item: bestItem, source: 'explore', retrieval: 1 + bestScore, via: id });
  }
  return out;
}

/** Positions of the exploration slots on a page of `limit` (spread out, never first: the top of the page stays the best guess). */
export function exploreSlotsAt(limit: number, slots: number): number[] {
  const at: number[] = [];
  for (let k = 0; k < slots; k++) at.push(Math.min(limit - 1, Math.floor(((k + 1) * limit) / (slots + 1))));
  return [...new Set(at)];
}
