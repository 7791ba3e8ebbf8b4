/**
 * `bench recsys-feed`: personalised feed pages of 10 over HTTP from the real server (a child
 * process) on a store of 100,000 videos and 100,000 people with histories, while a separate
 * generator posts events at 5,000/s. 32 signed-in clients page through the recommend feed,
 * each starting a new feed session every 10 pages and rotating over 512 people. The same load
 * runs uncounted for a few seconds first: a freshly booted server compiles its hot paths and
 * grows its heaps then, which is not what a platform that has been up for a while looks like.
 */
import { performance } from 'node:perf_hooks';
import { ErrorSampler, get, openPool, runFor } from './http-load.js';
import { latencySummary } from './percentiles.js';
import { buildRecsysStore } from './recsys-fixtures.js';
import { childServer, itemsCarryReasons, streamEvents, type StartServer } from './recsys-load.js';
import { cpuMsPer, serverCpuSeconds, serverRssMb } from './server-metrics.js';
import { freshStore, log, Scope } from './resources.js';
import { retrainUnderLoad, type PageSpan, type SwapPhaseResult } from './recsys-swap-phase.js';
import { adsWindow, seedAdCampaigns, type AdsWindowResult } from './recsys-ads-phase.js';

export interface RecsysFeedResult extends SwapPhaseResult, Partial<AdsWindowResult> {
  bench: 'recsys-feed';
  dialect: 'sqlite' | 'postgres';
  videos: number;
  people: number;
  history_events: number;
  concurrency: number;
  /** Seconds of the same load, uncounted, before the measured window. */
  warmup_s: number;
  seconds: number;
  page_size: number;
  pages_per_s: number;
  p50_ms: number;
  p99_ms: number;
  /** Failed or empty pages plus repeats. */
  errors: number;
  /** Videos shown twice within one feed session (must be 0). */
  repeats: number;
  pages: number;
  /** Resident memory of the server process at the end, MB. */
  rss_mb: number | null;
  /**
   * The server's CPU time (all its threads) per page served during the run, event ingestion
   * included, in ms: what a page costs the server, apart from time spent waiting.
   */
  server_cpu_ms_per_page: number | null;
  events_target_per_s: number;
  /** Events the server accepted per second during the run. */
  events_per_s: number;
  event_errors: number;
  /** Whether the feed items carried a "why this" reason (the interest engine's feed does; the non-personalised one does not). */
  reasons_on_items: boolean;
  /**
   * Share of the items served whose reason only the interest engine gives (liked, similar taste,
   * a category or tag interest, trending, exploration): near 0 would mean the pages were the non-personalised
   * fallback (an engine not warm or stopped), which is cheaper and not what this measures.
   */
  engine_reasons_ratio: number;
  /** The main window's p99, which runs with every campaign paused (compare p99_with_ads_ms). */
  p99_without_ads_ms?: number;
}

export interface RecsysFeedOptions {
  seconds: number;
  /** Uncounted load before the measured window (default 5 s). */
  warmupSeconds?: number;
  videos?: number | undefined;
  people?: number | undefined;
  startServer?: StartServer;
  /** Time limit of the last phase, a retraining while the clients page (default 10 min). */
  retrainTimeoutSeconds?: number;
  /** A second window of the same load with ads on (default true; recsys-ads-phase.ts). */
  ads?: boolean;
}

const CONCURRENCY = 32;
const CLIENTS = 512;
const PAGE_SIZE = 10;
const PAGES_PER_SESSION = 10;
const HISTORY_PER_PERSON = 5;
export const RECSYS_VIDEOS = 100_000;
export const RECSYS_PEOPLE = 100_000;
export const EVENTS_PER_S = 5_000;
const ENGINE_REASONS = new Set([
  'because_you_liked',
  'similar_taste',
  'popular_in_category',
  'tag_interest',
  'trending',
  'explore',
]);

const WARMUP_SECONDS = 5;

export const TARGET_RECSYS_PAGES_PER_S = 1_000;
export const TARGET_RECSYS_P99_MS = 50;
export const TARGET_SWAP_PAUSE_MS = 50;
const RETRAIN_TIMEOUT_S = 600;

export async function benchRecsysFeed(opts: RecsysFeedOptions): Promise<RecsysFeedResult> {
  const videos = opts.videos ?? RECSYS_VIDEOS;
  const people = opts.people ?? RECSYS_PEOPLE;
  const warmupSeconds = opts.warmupSeconds ?? WARMUP_SECONDS;
  const scope = new Scope();
  try {
    const store = await freshStore(scope);
    log(
      `recsys-feed: ${store.dialect}, ${videos} videos, ${people} people, ${CONCURRENCY} clients × ${opts.seconds} s, events at ${EVENTS_PER_S}/s`,
    );
    const data = await buildRecsysStore(store, {
      videos,
      people,
      historyPerPerson: HISTORY_PER_PERSON,
      clients: CLIENTS,
    });
    const adsFixture = opts.ads === false ? null : await seedAdCampaigns(store, data);
    const server = await (opts.startServer ?? childServer)(scope, store);
    const pool = openPool(scope, server.origin, CONCURRENCY);
    const eventPool = openPool(scope, server.origin, 8);
    const auth = (w: number): Record<string, string> => ({
      authorization: `Bearer ${data.clients[w % data.clients.length]!.token}`,
    });
    const warm = await get(pool, `/api/v1/feed?tab=recommend&limit=${PAGE_SIZE}`, auth(0));
    if (warm.status !== 200) throw new Error(`the feed does not answer: ${warm.status} ${warm.body.slice(0, 300)}`);
    const reasons = itemsCarryReasons((JSON.parse(warm.body) as { items: Array<Record<string, unknown>> }).items);

    const events = streamEvents(eventPool, data, EVENTS_PER_S, scope.signal);
    const person = Array.from({ length: CONCURRENCY }, (_, w) => w);
    const cursors: Array<string | null> = Array<string | null>(CONCURRENCY).fill(null);
    const pagesInSession: number[] = Array<number>(CONCURRENCY).fill(0);
    const seenInSession = Array.from({ length: CONCURRENCY }, () => new Set<string>());
    const newSession = (w: number): void => {
      cursors[w] = null;
      pagesInSession[w] = 0;
      seenInSession[w]!.clear();
      person[w] = (person[w]! + CONCURRENCY) % data.clients.length;
    };
    let repeats = 0;
    let errors = 0;
    const latencies: number[] = [];
    const sampler = new ErrorSampler();
    let items = 0;
    let engineItems = 0;
    let counting = false;
    /** Spans of the pages served during the retraining phase (the swap's pause is read from them). */
    const spans: PageSpan[] = [];
    let watching = false;
    const page = async (w: number): Promise<void> => {
      if (pagesInSession[w]! >= PAGES_PER_SESSION) newSession(w);
      const cursor = cursors[w];
      const wallStart = Date.now();
      const t0 = performance.now();
      const reply = await get(
        pool,
        `/api/v1/feed?tab=recommend&limit=${PAGE_SIZE}${cursor ? `&cursor=${cursor}` : ''}`,
        auth(person[w]!),
      );
      if (scope.signal.aborted) return;
      const ms = performance.now() - t0;
      if (reply.status !== 200) {
        if (counting) errors++;
        newSession(w);
        return sampler.note('feed page', reply);
      }
      const body = JSON.parse(reply.body) as {
        items: Array<{ id: string; reason?: { code?: string } }>;
        nextCursor: string | null;
      };
      if (body.items.length === 0) {
        if (counting) errors++;
        newSession(w);
        return sampler.note('feed page', { status: 200, body: `empty page: ${reply.body.slice(0, 200)}` });
      }
      for (const { id, reason } of body.items) {
        if (counting) {
          items++;
          if (reason?.code && ENGINE_REASONS.has(reason.code)) engineItems++;
          if (seenInSession[w]!.has(id)) repeats++;
        }
        seenInSession[w]!.add(id);
      }
      if (counting) latencies.push(ms);
      if (watching) spans.push({ start: wallStart, end: wallStart + ms });
      cursors[w] = body.nextCursor;
      pagesInSession[w] = body.nextCursor ? pagesInSession[w]! + 1 : PAGES_PER_SESSION;
    };
    if (warmupSeconds > 0) await runFor(CONCURRENCY, warmupSeconds * 1000, scope.signal, page);
    const cpuBefore = await serverCpuSeconds(pool);
    counting = true;
    const elapsedMs = await runFor(CONCURRENCY, opts.seconds * 1000, scope.signal, page);
    const achieved = await events.stop();
    const cpuAfter = await serverCpuSeconds(pool);
    if (scope.signal.aborted) throw new Error('interrupted');
    const rss = await serverRssMb(pool);
    counting = false;
    const adsPhase = adsFixture
      ? await adsWindow({
          pool,
          fixture: adsFixture,
          tokens: data.clients.map((c) => c.token),
          concurrency: CONCURRENCY,
          pageSize: PAGE_SIZE,
          pagesPerSession: PAGES_PER_SESSION,
          seconds: opts.seconds,
          signal: scope.signal,
        })
      : null;
    watching = true;
    log("recsys-feed: retraining the engine's model while the clients page");
    const swap = await retrainUnderLoad({
      pool,
      adminToken: data.admin.token,
      concurrency: CONCURRENCY,
      timeoutMs: (opts.retrainTimeoutSeconds ?? RETRAIN_TIMEOUT_S) * 1000,
      signal: scope.signal,
      page,
      spans,
    });
    if (errors) log(`recsys-feed errors: ${sampler.summary()}`);
    if (repeats) log(`recsys-feed: ${repeats} videos were shown twice within a session`);
    const { p50, p99 } = latencySummary(latencies);
    return {
      bench: 'recsys-feed',
      dialect: store.dialect,
      videos,
      people: data.rows.people,
      history_events: data.rows.events,
      concurrency: CONCURRENCY,
      warmup_s: warmupSeconds,
      seconds: opts.seconds,
      page_size: PAGE_SIZE,
      pages_per_s: Math.round((latencies.length / (elapsedMs / 1000)) * 10) / 10,
      p50_ms: p50,
      p99_ms: p99,
      errors: errors + repeats,
      repeats,
      pages: latencies.length,
      rss_mb: rss,
      server_cpu_ms_per_page: cpuMsPer(cpuBefore, cpuAfter, latencies.length),
      events_target_per_s: EVENTS_PER_S,
      events_per_s: achieved.events_per_s,
      event_errors: achieved.errors,
      reasons_on_items: reasons,
      engine_reasons_ratio: items ? Math.round((engineItems / items) * 1000) / 1000 : 0,
      ...(adsPhase ? { p99_without_ads_ms: p99, ...adsPhase } : {}),
      ...swap,
    };
  } finally {
    await scope.close();
  }
}

export function recsysFeedSummary(r: RecsysFeedResult): string {
  const verdict =
    r.pages_per_s >= TARGET_RECSYS_PAGES_PER_S && r.p99_ms <= TARGET_RECSYS_P99_MS && r.errors === 0
      ? 'meets'
      : 'MISSES';
  return `recsys-feed (${r.dialect}): ${r.pages_per_s} personalised pages/s of ${r.page_size} over ${r.seconds} s (after ${r.warmup_s} s of uncounted warm-up) with ${r.concurrency} clients on ${r.videos} videos and ${r.people} people (${r.history_events} history events); p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms; server RSS ${r.rss_mb ?? '?'} MB, server CPU ${r.server_cpu_ms_per_page ?? '?'} ms per page; events ${r.events_per_s}/s of ${r.events_target_per_s}/s (${r.event_errors} failed batches); ${r.errors} errors; reasons on items: ${r.reasons_on_items}, ${Math.round(r.engine_reasons_ratio * 100)} % with the engine's own reasons${r.ads_ratio !== undefined ? `; with ads on: ad load ${Math.round(r.ads_ratio * 1000) / 10} %, p99 ${r.p99_with_ads_ms} ms (without ${r.p99_without_ads_ms} ms)` : ''} — ${verdict} the target of ≥ ${TARGET_RECSYS_PAGES_PER_S}/s, p99 ≤ ${TARGET_RECSYS_P99_MS} ms. Retraining under load: ${r.model_decision} in ${r.retrain_s ?? '?'} s, model ${r.model_version ?? 'none'}; ${r.pages_during_retrain} pages meanwhile, p99 ${r.retrain_p99_ms ?? '?'} ms; longest page around the swap ${r.swap_pause_ms ?? '?'} ms (engine held ${r.swap_engine_ms ?? '?'} ms) — ${r.swap_pause_ms !== null && r.swap_pause_ms <= TARGET_SWAP_PAUSE_MS ? 'meets' : 'MISSES'} the target of ≤ ${TARGET_SWAP_PAUSE_MS} ms`;
}
