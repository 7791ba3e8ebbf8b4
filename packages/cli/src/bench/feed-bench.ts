/**
 * `bench feed`: the non-personalised feed over HTTP against the real server in a child process.
 * The store holds the demo data set scaled to 100,000 videos (the real seed; rows are topped up
 * directly when the seed makes fewer), plus likes in the last day so the popular source is not
 * empty. 32 anonymous clients page through the recommend feed, each starting a new feed session
 * every 10 pages.
 */
import { performance } from 'node:perf_hooks';
import { openCore, seedDemo, type Core } from '@zhongcao/core';
import { insertBenchVideos } from './fixtures.js';
import { ErrorSampler, get, openPool, runFor } from './http-load.js';
import { latencySummary } from './percentiles.js';
import { freshStore, log, Scope, type BenchStore } from './resources.js';
import { startServerChild } from './server-child.js';

export interface FeedResult {
  bench: 'feed';
  dialect: 'sqlite' | 'postgres';
  concurrency: number;
  seconds: number;
  pages_per_s: number;
  p50_ms: number;
  p99_ms: number;
  /** Failed pages plus repeats. */
  errors: number;
  /** Videos shown twice within one feed session (must be 0). */
  repeats: number;
  pages: number;
  videos: number;
  /** How the videos were made: the demo seed, or seed plus rows written by the benchmark's fixture. */
  videos_from: string;
}

const CONCURRENCY = 32;
const VIDEOS = 100_000;
const PAGES_PER_SESSION = 10;
const PAGE_SIZE = 8;
export const TARGET_PAGES_PER_S = 2_000;
export const TARGET_FEED_P99_MS = 50;

export async function benchFeed(seconds: number): Promise<FeedResult> {
  const scope = new Scope();
  try {
    const store = await freshStore(scope);
    log(
      `feed: ${store.dialect}, ${CONCURRENCY} clients × ${seconds} s, ${VIDEOS} videos, new session every ${PAGES_PER_SESSION} pages`,
    );
    const { videos, from } = await seedVideos(store);
    const server = await startServerChild(scope, store, 'bench-feed-secret');
    const pool = openPool(scope, server.origin, CONCURRENCY);
    const warm = await get(pool, '/api/v1/feed');
    if (warm.status !== 200) throw new Error(`the feed does not answer: ${warm.status} ${warm.body.slice(0, 300)}`);

    const cursors: Array<string | null> = Array<string | null>(CONCURRENCY).fill(null);
    const pagesInSession: number[] = Array<number>(CONCURRENCY).fill(0);
    const seenInSession = Array.from({ length: CONCURRENCY }, () => new Set<string>());
    let repeats = 0;
    const latencies: number[] = [];
    const sampler = new ErrorSampler();
    let errors = 0;
    const elapsedMs = await runFor(CONCURRENCY, seconds * 1000, scope.signal, async (w) => {
      if (pagesInSession[w]! >= PAGES_PER_SESSION) {
        cursors[w] = null;
        pagesInSession[w] = 0;
        seenInSession[w]!.clear();
      }
      const cursor = cursors[w];
      const path = `/api/v1/feed?tab=recommend&limit=${PAGE_SIZE}${cursor ? `&cursor=${cursor}` : ''}`;
      const t0 = performance.now();
      const reply = await get(pool, path);
      if (scope.signal.aborted) return;
      const ms = performance.now() - t0;
      if (reply.status !== 200) {
        errors++;
        cursors[w] = null;
        pagesInSession[w] = 0;
        seenInSession[w]!.clear();
        return sampler.note('feed page', reply);
      }
      const page = JSON.parse(reply.body) as { items: Array<{ id: string }>; nextCursor: string | null };
      for (const { id } of page.items) {
        if (seenInSession[w]!.has(id)) repeats++;
        seenInSession[w]!.add(id);
      }
      if (page.items.length === 0) {
        errors++;
        return sampler.note('feed page', { status: 200, body: `empty page: ${reply.body.slice(0, 200)}` });
      }
      latencies.push(ms);
      cursors[w] = page.nextCursor;
      pagesInSession[w] = page.nextCursor ? pagesInSession[w]! + 1 : PAGES_PER_SESSION;
    });
    if (scope.signal.aborted) throw new Error('interrupted');
    if (errors) log(`feed errors: ${sampler.summary()}`);
    if (repeats) log(`feed: ${repeats} videos were shown twice within a session`);
    const { p50, p99 } = latencySummary(latencies);
    return {
      bench: 'feed',
      dialect: store.dialect,
      concurrency: CONCURRENCY,
      seconds,
      pages_per_s: Math.round((latencies.length / (elapsedMs / 1000)) * 10) / 10,
      p50_ms: p50,
      p99_ms: p99,
      errors: errors + repeats,
      repeats,
      pages: latencies.length,
      videos,
      videos_from: from,
    };
  } finally {
    await scope.close();
  }
}

/** The real demo seed with 100,000 videos; any shortfall is written as rows. Returns the published count. */
async function seedVideos(store: BenchStore): Promise<{ videos: number; from: string }> {
  const started = Date.now();
  const core = await openCore({ dataDir: store.dataDir, databaseUrl: store.databaseUrl });
  try {
    let lastLog = 0;
    await seedDemo(
      core,
      (stage, done, total) => {
        if (Date.now() - lastLog < 5000 && done < total) return;
        lastLog = Date.now();
        log(`seed: ${stage} ${done}/${total}`);
      },
      { videos: VIDEOS },
    );
    const seeded = await publishedVideos(core);
    log(`seed: ${seeded} published videos in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    let from = 'seed';
    if (seeded < VIDEOS) {
      const creators = await core.ctx.db
        .selectFrom('user_roles')
        .select('user_id')
        .where('role', '=', 'creator')
        .execute();
      const ownerIds = creators.length
        ? creators.map((c) => c.user_id)
        : (await core.ctx.db.selectFrom('users').select('id').limit(10).execute()).map((u) => u.id);
      const products = await core.ctx.db.selectFrom('products').select('id').where('status', '=', 'listed').execute();
      const ids = await insertBenchVideos(core, VIDEOS - seeded, {
        ownerIds,
        productIds: products.map((p) => p.id),
        spreadDays: 30,
      });
      await likeInLastDay(core, ids.slice(0, 400));
      from = seeded ? 'seed+fixture' : 'fixture';
    }
    return { videos: await publishedVideos(core), from };
  } finally {
    await core.close();
  }
}

async function publishedVideos(core: Core): Promise<number> {
  const row = await core.ctx.db
    .selectFrom('videos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Likes from the demo people on some videos, within the last day, so "popular in the last day" has something to rank. */
async function likeInLastDay(core: Core, videoIds: string[]): Promise<void> {
  const users = (await core.ctx.db.selectFrom('users').select('id').limit(20).execute()).map((u) => u.id);
  const now = Date.now();
  const rows = videoIds.flatMap((videoId, i) =>
    users.slice(0, 1 + (i % users.length)).map((userId, k) => ({
      video_id: videoId,
      user_id: userId,
      created_at: now - ((i * 7919 + k * 104_729) % 86_000_000),
    })),
  );
  for (let i = 0; i < rows.length; i += 500)
    await core.ctx.db
      .insertInto('video_likes')
      .values(rows.slice(i, i + 500))
      .execute();
}
