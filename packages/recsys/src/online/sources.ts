/**
 * The online candidate sources, each a small function over one piece of state, each returning
 * at most `n` candidates best first, so each can be measured alone. None scans the catalogue:
 * they read the profile, bounded per-key lists and the trending top. Pure.
 */
import type { Covisitation } from './covisitation.js';
import type { ItemCatalog } from './item-catalog.js';
import type { GatheredVectors, SequenceEmbedding } from './sequence-embedding.js';
import type { Profile } from './profile.js';
import type { TrafficPool } from './traffic-pool.js';
import { topK } from '../engine/candidates.js';

/** `explore` (explore.ts) fills reserved slots only; it is not merged into the ranked candidates. */
export const SOURCES = [
  'followed',
  'covisit',
  'category',
  'tag',
  'embedding',
  'trending',
  'pool',
  'fresh',
  'explore',
] as const;
export type SourceName = (typeof SOURCES)[number];

export interface Candidate {
  item: number;
  source: SourceName;
  /** The source's own score (higher is better; scales differ by source). */
  retrieval: number;
  /** What led here: the liked item (covisit), or the category / tag id. */
  via?: number | string;
}

export interface SourceState {
  catalog: ItemCatalog;
  covisit: Covisitation;
  embedding: SequenceEmbedding;
  pool: TrafficPool;
  trendingTop: () => readonly number[];
  /** The trending top, then the newest videos not in it, with their vectors: what the embedding source scores. */
  embeddingPool: () => GatheredVectors;
  /** Every video of the retrained model serving, with its vectors as trained (null: none swapped in). */
  modelPool: () => GatheredVectors | null;
  trendingValue: (item: number) => number;
}

export type Skip = (item: number) => boolean;

const best = (c: Candidate[], n: number): Candidate[] =>
  c.sort((a, b) => b.retrieval - a.retrieval || a.item - b.item).slice(0, n);

/** The followed creators' latest videos, newest first. */
export function followedSource(s: SourceState, p: Profile, skip: Skip, n: number): Candidate[] {
  const out: Candidate[] = [];
  for (const creator of p.follows) {
    const list = s.catalog.byCreator.get(creator);
    if (!list) continue;
    for (let k = list.length - 1, taken = 0; k >= 0 && taken < 5; k--) {
      const item = list[k]!;
      if (skip(item)) continue;
      out.push({ item, source: 'followed', retrieval: s.catalog.meta(item).publishedAt });
      taken++;
    }
  }
  return best(out, n);
}

/** Videos that co-occur in sessions with the person's latest engaged videos (newest count most). */
export function covisitSource(s: SourceState, p: Profile, skip: Skip, n: number, now: number, latest = 6): Candidate[] {
  const { items } = p.recentItems();
  const score = new Map<number, { w: number; via: number; viaW: number }>();
  for (let k = items.length - 1, r = 1; k >= 0 && k >= items.length - latest; k--, r *= 0.8) {
    const from = items[k]!;
    s.covisit.forEachNeighbour(from, now, (b, w) => {
      if (skip(b)) return;
      const add = w * r;
      const e = score.get(b);
      if (!e) score.set(b, { w: add, via: from, viaW: add });
      else {
        e.w += add;
        if (add > e.viaW) {
          e.via = from;
          e.viaW = add;
        }
      }
    });
  }
  return best(
    Array.from(score, ([item, e]) => ({ item, source: 'covisit' as const, retrieval: e.w, via: e.via })),
    n,
  );
}

/** The person's top categories (`top`: as the drift state blends them, else the long-term ones): their videos hottest now. */
export function categorySource(
  s: SourceState,
  p: Profile,
  skip: Skip,
  n: number,
  now: number,
  top?: ReadonlyArray<readonly [string, number]>,
): Candidate[] {
  const out: Candidate[] = [];
  for (const [key, w] of top ?? p.interests.top('k:', 3, now)) {
    const id = key.slice(2);
    hottest(s, s.catalog.byCategory.get(id), skip, 60, w, 'category', id, out);
  }
  return best(out, n);
}

/** The person's top tags: their videos hottest now. */
export function tagSource(s: SourceState, p: Profile, skip: Skip, n: number, now: number): Candidate[] {
  const out: Candidate[] = [];
  for (const [key, w] of p.interests.top('t:', 3, now)) {
    const tag = key.slice(2);
    hottest(s, s.catalog.byTag.get(tag), skip, 30, w, 'tag', tag, out);
  }
  return best(out, n);
}

/**
 * The newest `want` videos of a list the person may still see, scored by interest weight ×
 * (1 + trending), newer first on ties; appended to out. Skipped videos do not count, so a person
 * who has seen a category's newest videos is offered older ones; at most `want × 10` are looked at.
 */
function hottest(
  s: SourceState,
  list: readonly number[] | undefined,
  skip: Skip,
  want: number,
  weight: number,
  source: 'category' | 'tag',
  via: string,
  out: Candidate[],
): void {
  if (!list) return;
  for (let k = list.length - 1, taken = 0; k >= 0 && k >= list.length - want * 10 && taken < want; k--) {
    const item = list[k]!;
    if (skip(item)) continue;
    out.push({ item, source, retrieval: weight * (1 + s.trendingValue(item) + k / (list.length * 10)), via });
    taken++;
  }
}

/** The trending videos, then the newest `newest` of the catalogue that are not among them. */
export function embeddingPoolOf(trendingTop: readonly number[], catalogSize: number, newest = 100): Int32Array {
  const trending = new Set(trendingTop);
  const items: number[] = [...trendingTop];
  for (let i = catalogSize - 1; i >= 0 && i >= catalogSize - newest; i--) if (!trending.has(i)) items.push(i);
  return Int32Array.from(items);
}

/**
 * Embedding neighbours of the person among the trending and the newest videos (the pool, kept
 * with its vectors by the engine between refreshes of the trending top, at most a few seconds).
 * Skips are asked only of the videos good enough for the top `n` (the heap never admits a
 * skipped one, so the result is that of filtering first).
 */
export function embeddingSource(s: SourceState, actor: string, skip: Skip, n: number): Candidate[] {
  if (!s.embedding.hasPerson(actor)) return [];
  const fromPool = neighbours(s, actor, s.embeddingPool(), skip, n);
  const model = s.modelPool();
  if (!model) return fromPool;
  // With a retrained model serving, every video it knows is within reach (one pass over its
  // vectors, side by side); the pool adds the trending and the videos newer than the model.
  const merged = new Map<number, Candidate>();
  for (const c of [...neighbours(s, actor, model, skip, n), ...fromPool])
    if (!merged.has(c.item)) merged.set(c.item, c);
  return best([...merged.values()], n);
}

function neighbours(s: SourceState, actor: string, pool: GatheredVectors, skip: Skip, n: number): Candidate[] {
  const items = pool.items;
  const scores = new Float32Array(items.length);
  s.embedding.scoreGathered(actor, pool, scores);
  return Array.from(
    topK(scores, n, (j) => skip(items[j]!), false),
    (j) => ({ item: items[j]!, source: 'embedding' as const, retrieval: scores[j]! }),
  );
}

/** The hottest videos now. */
export function trendingSource(s: SourceState, skip: Skip, n: number): Candidate[] {
  const out: Candidate[] = [];
  for (const item of s.trendingTop()) {
    if (out.length >= n) break;
    if (!skip(item)) out.push({ item, source: 'trending', retrieval: s.trendingValue(item) });
  }
  return out;
}

/** New videos still collecting their traffic pool's impressions. */
export function poolSource(s: SourceState, skip: Skip, n: number): Candidate[] {
  return s.pool.pick(n, skip).map((item) => ({ item, source: 'pool' as const, retrieval: 1 }));
}

/** The newest videos of the catalogue (so a quiet catalogue still fills a page). */
export function freshSource(s: SourceState, skip: Skip, n: number, scan = 400): Candidate[] {
  const out: Candidate[] = [];
  for (let i = s.catalog.size - 1; i >= 0 && i >= s.catalog.size - scan && out.length < n; i--) {
    if (!skip(i)) out.push({ item: i, source: 'fresh', retrieval: s.catalog.meta(i).publishedAt });
  }
  return out;
}
