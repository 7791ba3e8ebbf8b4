/**
 * The feed's candidate lists and their cards, kept in memory per store and process for a few
 * seconds: every page of every session reads the same snapshot, so a page costs no query at all
 * for an anonymous viewer. A stale snapshot is served while one fresh build runs in the
 * background (so no request waits for it once the first one exists). A video published or
 * removed shows in the feed within SNAPSHOT_TTL_MS; the popular list (counting a day of likes,
 * comments, shares and completions, the snapshot's costliest queries, run aside from the requests'
 * thread on SQLite) is recounted with each full rebuild, every FULL_REBUILD_MS. Several processes each
 * keep their own.
 */
import { performance } from 'node:perf_hooks';
import type { CoreContext, Db } from '../context.js';
import { readAside } from '../storage/index.js';
import { runtimePart, runtimeOf } from '../platform/index.js';
import { loadFeedCards, type FeedVideoCard } from './video-cards.js';
import { resetViewerMarks } from './viewer-marks.js';

export const SNAPSHOT_TTL_MS = 5_000;
export const FULL_REBUILD_MS = 60_000;
const BUILD_CHUNK = 100;
const REFRESH_CHUNK = 500;
const DAY_MS = 24 * 3600 * 1000;
export const NEW_WINDOW_MS = 7 * DAY_MS;
export const POPULAR_WINDOW_MS = DAY_MS;
export const FOLLOWED_WINDOW_MS = 30 * DAY_MS;
const NEW_MAX = 1000;
const POPULAR_MAX = 300;
const MORE_MAX = 1000;
const FOLLOWED_MAX = 200;
const PER_SOURCE_SCAN = 2000;

export interface FeedSnapshot {
  /** performance.now() when built (cache age: infrastructure time, not domain time). */
  builtAt: number;
  /** When its cards were last built in full (titles, creators, anchors); in between only counters and status are refreshed. */
  fullAt: number;
  newIds: string[];
  popularIds: string[];
  moreIds: string[];
  cards: Map<string, FeedVideoCard>;
}

interface CacheEntry {
  snapshot: FeedSnapshot | null;
  building: Promise<FeedSnapshot> | null;
}

/** The feed snapshot of this store in this process, and the viewers' followed lists (runtime parts). */
const snapshotPart = runtimePart<CacheEntry, Db>('feed.snapshot', () => ({ snapshot: null, building: null }));
const followedPart = runtimePart<Map<string, { at: number; ids: string[]; cards: Map<string, FeedVideoCard> }>, Db>(
  'feed.followed',
  () => new Map(),
);
const FOLLOWED_CACHE_MAX = 10_000;

/** Forget the cached snapshot, followed lists and viewer marks (tests; after bulk loads). */
export function resetFeedCache(db: Db): void {
  runtimeOf(db).forget(snapshotPart);
  runtimeOf(db).forget(followedPart);
  resetViewerMarks(db);
}

export async function feedSnapshot(ctx: CoreContext): Promise<FeedSnapshot> {
  const entry = runtimeOf(ctx.db).use(snapshotPart);
  const current = entry.snapshot;
  if (current && performance.now() - current.builtAt < SNAPSHOT_TTL_MS) return current;
  if (!entry.building) {
    const e = entry;
    e.building = buildSnapshot(ctx, current)
      .then((s) => {
        e.snapshot = s;
        return s;
      })
      .finally(() => {
        e.building = null;
      });
    // A failed background refresh keeps serving the old snapshot; the next request tries again.
    if (current) e.building.catch(() => {});
  }
  return current ?? entry.building!;
}

/** Lets queued requests run between chunks of a build (SQLite queries block the event loop). */
const yieldToRequests = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function buildSnapshot(ctx: CoreContext, previous: FeedSnapshot | null): Promise<FeedSnapshot> {
  const { db } = ctx;
  const now = ctx.clock.now();
  const newSince = now - NEW_WINDOW_MS;
  const full = !previous || performance.now() - previous.fullAt >= FULL_REBUILD_MS;
  const [fresh, older, popularIds] = await Promise.all([
    db
      .selectFrom('videos')
      .select('id')
      .where('status', '=', 'published')
      .where('published_at', '>=', newSince)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(NEW_MAX)
      .execute(),
    db
      .selectFrom('videos')
      .select('id')
      .where('status', '=', 'published')
      .where('published_at', '<', newSince)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(MORE_MAX)
      .execute(),
    full ? popularInLastDay(ctx, now) : previous.popularIds,
  ]);
  const newIds = fresh.map((r) => r.id);
  const moreIds = older.map((r) => r.id);
  const all = [...new Set([...newIds, ...popularIds, ...moreIds])];
  const cards = new Map<string, FeedVideoCard>();
  const known = full ? [] : all.filter((id) => previous.cards.has(id));
  const unknown = full ? all : all.filter((id) => !previous.cards.has(id));
  // Cards already built: only their counters and status can have changed; unknown ones in full.
  for (let i = 0; i < known.length; i += REFRESH_CHUNK) {
    const rows = await db
      .selectFrom('videos')
      .select(['id', 'status', 'views', 'likes', 'comments', 'shares'])
      .where('id', 'in', known.slice(i, i + REFRESH_CHUNK))
      .execute();
    for (const r of rows) {
      const card = previous!.cards.get(r.id)!;
      cards.set(r.id, {
        ...card,
        status: r.status,
        stats: {
          views: Number(r.views),
          likes: Number(r.likes),
          comments: Number(r.comments),
          shares: Number(r.shares),
        },
      });
    }
    await yieldToRequests();
  }
  for (let i = 0; i < unknown.length; i += BUILD_CHUNK) {
    for (const [id, card] of await loadFeedCards(db, unknown.slice(i, i + BUILD_CHUNK))) cards.set(id, card);
    await yieldToRequests();
  }
  const published = (id: string): boolean => cards.get(id)?.status === 'published';
  return {
    builtAt: performance.now(),
    fullAt: full ? performance.now() : previous.fullAt,
    newIds: newIds.filter(published),
    popularIds: popularIds.filter(published),
    moreIds: moreIds.filter(published),
    cards,
  };
}

/** Videos by likes + comments + shares + completions (distinct viewers) in the last day, most first. */
async function popularInLastDay(ctx: CoreContext, now: number): Promise<string[]> {
  const { db } = ctx;
  const since = now - POPULAR_WINDOW_MS;
  // The snapshot's costliest queries: on SQLite they run on the read-aside worker, so requests are not held up.
  const [likes, comments, shares, completions] = await Promise.all([
    readAside(
      db,
      db
        .selectFrom('video_likes')
        .select(['video_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('created_at', '>=', since)
        .groupBy('video_id')
        .orderBy('n', 'desc')
        .limit(PER_SOURCE_SCAN),
    ),
    readAside(
      db,
      db
        .selectFrom('comments')
        .select(['video_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('created_at', '>=', since)
        .where('status', '=', 'visible')
        .groupBy('video_id')
        .orderBy('n', 'desc')
        .limit(PER_SOURCE_SCAN),
    ),
    readAside(
      db,
      db
        .selectFrom('video_shares')
        .select(['video_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('created_at', '>=', since)
        .groupBy('video_id')
        .orderBy('n', 'desc')
        .limit(PER_SOURCE_SCAN),
    ),
    readAside(
      db,
      db
        .selectFrom('events')
        .select(['video_id', (eb) => eb.fn.count<number>('actor_key').distinct().as('n')])
        .where('type', '=', 'complete')
        .where('at', '>=', since)
        .where('video_id', 'is not', null)
        .groupBy('video_id')
        .orderBy('n', 'desc')
        .limit(PER_SOURCE_SCAN),
    ),
  ]);
  const score = new Map<string, number>();
  for (const rows of [likes, comments, shares, completions])
    for (const r of rows) if (r.video_id) score.set(r.video_id, (score.get(r.video_id) ?? 0) + Number(r.n));
  return rankPopular(score, POPULAR_MAX);
}

/** Highest score first; ties by the newer id. Pure. */
export function rankPopular(score: ReadonlyMap<string, number>, max: number): string[] {
  return [...score]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0))
    .slice(0, max)
    .map(([id]) => id);
}

/** The viewer's followed creators' recent published videos with their cards, cached like the snapshot. */
export async function followedCandidates(
  ctx: CoreContext,
  userId: string,
  snapshot: FeedSnapshot,
): Promise<{ ids: string[]; cards: Map<string, FeedVideoCard> }> {
  const byUser = runtimeOf(ctx.db).use(followedPart);
  const hit = byUser.get(userId);
  if (hit && performance.now() - hit.at < SNAPSHOT_TTL_MS) return hit;
  const rows = await ctx.db
    .selectFrom('videos')
    .innerJoin('follows', 'follows.followee_id', 'videos.owner_id')
    .select('videos.id')
    .where('follows.follower_id', '=', userId)
    .where('videos.status', '=', 'published')
    .where('videos.published_at', '>=', ctx.clock.now() - FOLLOWED_WINDOW_MS)
    .orderBy('videos.published_at', 'desc')
    .orderBy('videos.id', 'desc')
    .limit(FOLLOWED_MAX)
    .execute();
  const ids = rows.map((r) => r.id);
  const missing = ids.filter((id) => !snapshot.cards.has(id));
  const cards = await loadFeedCards(ctx.db, missing);
  for (const id of ids) {
    const c = snapshot.cards.get(id);
    if (c) cards.set(id, c);
  }
  if (byUser.size >= FOLLOWED_CACHE_MAX) byUser.clear();
  const entry = { at: performance.now(), ids, cards };
  byUser.set(userId, entry);
  return entry;
}
