/**
 * Runs a simulation against a running platform: reads the catalogue as an anonymous viewer,
 * signs up the shoppers (half switch personalisation off), then lets each one scroll, watch,
 * like, tap and buy through the HTTP API until it has seen its share of impressions or time is up.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ApiError, Pace, ShopApi, type SimEvent } from './shop-api.js';
import { drawShopper, drift, react, type Shopper } from './tastes.js';
import { buildCatalogue, type Catalogue, type ProductFacts, type VideoFacts } from './world.js';
import {
  HALVES,
  LearningCurve,
  lastBucketRatio,
  smoothedLastBucketRatio,
  type CurvePoint,
  type Half,
  type HalfSummary,
} from './curve.js';

export interface SimulationOptions {
  origin: string;
  users: number;
  /** Impressions per person; Infinity to run on time alone. */
  steps: number;
  /** Wall-clock limit for the scrolling (null: none). */
  minutes: number | null;
  /** Requests per second over all shoppers (0: as fast as the server answers). */
  rate: number;
  seed: number;
  bucket: number;
  /** Impressions per person left out of the after-warm-up summary. */
  warmup: number;
  progress: (stage: string, done: number, total: number) => void;
  log: (msg: string) => void;
}

export interface SimulationReport {
  bench: 'simulate';
  users: number;
  seed: number;
  steps: number | null;
  minutes: number | null;
  rate: number;
  bucket: number;
  warmup: number;
  seconds: number;
  impressions: number;
  events: number;
  likes: number;
  purchases: number;
  /** Requests while scrolling (reading the catalogue and signing up are not counted). */
  requests: number;
  requests_per_s: number;
  events_per_s: number;
  errors: number;
  catalogue: { videos_seen: number; categories: number };
  curve: Record<Half, CurvePoint[]>;
  /** Per half: the last bucket's purchases per 100 impressions over its peak bucket's (null: no purchase). */
  last_bucket_ratio: Record<Half, number | null>;
  /** The same on the curve smoothed over three buckets (see curve.ts smoothedPurchases): a peak less picked by noise. */
  last_bucket_ratio_smoothed: Record<Half, number | null>;
  after_warmup: Record<Half, HalfSummary> & { purchase_ratio: number | null };
}

const PAGE_SIZE = 10;
const SCAN_VIDEOS = 600;
const SIGN_UP_PARALLEL = 4;
const PASSWORD = 'simulated-shopper-1';
const MAX_CONSECUTIVE_ERRORS = 5;

export async function runSimulation(opts: SimulationOptions): Promise<SimulationReport> {
  const api = new ShopApi(opts.origin, Math.min(64, opts.users + 2), new Pace(opts.rate));
  try {
    const { catalogue, videosSeen } = await scanCatalogue(api, opts);
    const shoppers = Array.from({ length: opts.users }, (_, i) => drawShopper(opts.seed, i, catalogue));
    const tokens = await signUpAll(api, shoppers, opts);
    const curve = new LearningCurve(opts.bucket);
    const totals = { impressions: 0, events: 0, likes: 0, purchases: 0, errors: 0 };
    const started = performance.now();
    const requestsBefore = api.requests;
    const deadline = opts.minutes === null ? Infinity : started + opts.minutes * 60_000;
    const runTag = randomBytes(4).toString('hex');
    const tick = progressTicker(opts, started, () => totals.impressions);
    await Promise.all(
      shoppers.map((s, i) =>
        scroll({ api, shopper: s, token: tokens[i]!, catalogue, curve, totals, opts, deadline, runTag, tick }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    tick(true);
    const after = Object.fromEntries(HALVES.map((h) => [h, curve.summary(h, opts.warmup)])) as Record<
      Half,
      HalfSummary
    >;
    const off = after.non_personalised.purchases_per_100;
    return {
      bench: 'simulate',
      users: opts.users,
      seed: opts.seed,
      steps: Number.isFinite(opts.steps) ? opts.steps : null,
      minutes: opts.minutes,
      rate: opts.rate,
      bucket: opts.bucket,
      warmup: opts.warmup,
      seconds: Math.round(seconds * 10) / 10,
      ...totals,
      requests: api.requests - requestsBefore,
      requests_per_s: Math.round((api.requests - requestsBefore) / seconds),
      events_per_s: Math.round(totals.events / seconds),
      catalogue: { videos_seen: videosSeen, categories: catalogue.categories.length },
      curve: { personalised: curve.points('personalised'), non_personalised: curve.points('non_personalised') },
      last_bucket_ratio: {
        personalised: lastBucketRatio(curve.points('personalised')),
        non_personalised: lastBucketRatio(curve.points('non_personalised')),
      },
      last_bucket_ratio_smoothed: {
        personalised: smoothedLastBucketRatio(curve.points('personalised')),
        non_personalised: smoothedLastBucketRatio(curve.points('non_personalised')),
      },
      after_warmup: {
        ...after,
        purchase_ratio: off > 0 ? Math.round((after.personalised.purchases_per_100 / off) * 100) / 100 : null,
      },
    };
  } finally {
    await api.close();
  }
}

/** Pages through the anonymous recommend feed (one session) to learn which categories, creators and tags exist. */
async function scanCatalogue(
  api: ShopApi,
  opts: SimulationOptions,
): Promise<{ catalogue: Catalogue; videosSeen: number }> {
  const seen = new Map<string, VideoFacts>();
  let cursor: string | null = null;
  do {
    const page = await api.feedPage(null, cursor, 20);
    for (const v of page.videos) seen.set(v.id, v);
    cursor = page.nextCursor;
    opts.progress('catalogue', Math.min(seen.size, SCAN_VIDEOS), SCAN_VIDEOS);
  } while (cursor && seen.size < SCAN_VIDEOS);
  opts.progress('catalogue', SCAN_VIDEOS, SCAN_VIDEOS);
  const catalogue = buildCatalogue(seen.values());
  opts.log(`catalogue: ${seen.size} videos over ${catalogue.categories.length} product categories`);
  return { catalogue, videosSeen: seen.size };
}

async function signUpAll(api: ShopApi, shoppers: Shopper[], opts: SimulationOptions): Promise<string[]> {
  const runTag = randomBytes(3).toString('hex');
  const tokens: string[] = new Array<string>(shoppers.length);
  let next = 0;
  let done = 0;
  let warned = false;
  const worker = async (): Promise<void> => {
    while (next < shoppers.length) {
      const s = shoppers[next++]!;
      tokens[s.index] = await api.signUp(`sim-${runTag}-${s.index}`, PASSWORD, (seconds) => {
        if (!warned)
          opts.log(
            `sign-up is rate-limited for this client address; waiting ${seconds} s at a time (start the platform with the simulator to avoid it)`,
          );
        warned = true;
      });
      await api.setPersonalised(tokens[s.index]!, s.personalised);
      opts.progress('sign-up', ++done, shoppers.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SIGN_UP_PARALLEL, shoppers.length) }, worker));
  return tokens;
}

interface ScrollRun {
  api: ShopApi;
  shopper: Shopper;
  token: string;
  catalogue: Catalogue;
  curve: LearningCurve;
  totals: { impressions: number; events: number; likes: number; purchases: number; errors: number };
  opts: SimulationOptions;
  deadline: number;
  runTag: string;
  tick: (final?: boolean) => void;
}

/** One shopper's session: page after page, reacting to each video, reporting events before asking for the next page. */
async function scroll(run: ScrollRun): Promise<void> {
  const { api, shopper, token, curve, totals, opts } = run;
  const half: Half = shopper.personalised ? 'personalised' : 'non_personalised';
  let cursor: string | null = null;
  let seen = 0;
  let consecutiveErrors = 0;
  let eventNo = 0;
  const id = (): string => `sim-${run.runTag}-${shopper.index}-${eventNo++}`;
  while (seen < opts.steps && performance.now() < run.deadline) {
    try {
      const page = await api.feedPage(token, cursor, PAGE_SIZE);
      if (page.videos.length === 0 && cursor === null) throw new Error('the feed is empty');
      const events: SimEvent[] = [];
      const purchases: Array<{ product: ProductFacts; video: VideoFacts; impression: number }> = [];
      for (const video of page.videos) {
        if (seen >= opts.steps) break;
        const r = react(shopper, video);
        drift(shopper, run.catalogue);
        const now = Date.now();
        events.push({ type: 'impression', videoId: video.id, at: now, clientEventId: id() });
        events.push({
          type: 'view_progress',
          videoId: video.id,
          watchMs: r.watchMs,
          durationMs: video.durationMs,
          at: now,
          clientEventId: id(),
        });
        if (r.completed)
          events.push({
            type: 'complete',
            videoId: video.id,
            watchMs: r.watchMs,
            durationMs: video.durationMs,
            at: now,
            clientEventId: id(),
          });
        if (r.liked) {
          await api.like(token, video.id);
          events.push({ type: 'like', videoId: video.id, at: now, clientEventId: id() });
          totals.likes++;
        }
        if (r.tapped)
          events.push({ type: 'product_tap', videoId: video.id, productId: r.tapped.id, at: now, clientEventId: id() });
        if (r.tapped && r.buys) purchases.push({ product: r.tapped, video, impression: seen });
        curve.record(half, seen, { completed: r.completed, tapped: r.tapped !== null, purchased: false });
        seen++;
        totals.impressions++;
      }
      await api.postEvents(token, events);
      totals.events += events.length;
      for (const p of purchases) {
        if (await api.buy(token, p.product, p.video, `sim-${run.runTag}-${shopper.index}-${p.impression}`)) {
          curve.recordPurchase(half, p.impression);
          totals.purchases++;
        }
      }
      cursor = page.nextCursor;
      consecutiveErrors = 0;
    } catch (err) {
      totals.errors++;
      if (totals.errors <= 3)
        opts.log(
          `shopper ${shopper.index}: ${err instanceof ApiError || err instanceof Error ? err.message : String(err)}`,
        );
      if (++consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
        opts.log(`shopper ${shopper.index} stops after ${MAX_CONSECUTIVE_ERRORS} failures in a row`);
        return;
      }
      cursor = null;
    }
    run.tick();
  }
}

/** Progress as impressions of the planned total, or as seconds of the time limit. */
function progressTicker(
  opts: SimulationOptions,
  started: number,
  impressions: () => number,
): (final?: boolean) => void {
  let last = 0;
  return (final = false) => {
    const now = performance.now();
    if (!final && now - last < 250) return;
    last = now;
    if (Number.isFinite(opts.steps) && opts.minutes === null) {
      const total = opts.steps * opts.users;
      opts.progress('impressions', final ? total : Math.min(impressions(), total), total);
    } else {
      const total = Math.round((opts.minutes ?? 0) * 60);
      opts.progress('seconds', final ? total : Math.min(total, Math.floor((now - started) / 1000)), total);
    }
  };
}
