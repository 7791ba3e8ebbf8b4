/**
 * The ads wiring of `bench recsys-feed`: the bench shop tops up its ad account through the
 * sandbox provider and creates campaigns on its creators' videos (paused, so the main window
 * measures the feed without ads); then a second window of the same load runs with them active —
 * every recommend page holding its auctions, writing its served ads — and reports the ad load
 * and the latency with ads next to the main window's without. Fast pacing and budgets that never
 * run out inside the window, so the ads are on for the whole of it; the frequency cap (3 a person
 * a campaign a day) is real, hence many campaigns.
 */
import { performance } from 'node:perf_hooks';
import {
  createCampaign,
  issueSession,
  loadActor,
  openCore,
  receiveTopupNotification,
  setCampaignStatus,
  shopOwner,
  startTopup,
} from '@zhongcao/core';
import type { Pool } from 'undici';
import { get, post, runFor } from './http-load.js';
import { latencySummary } from './percentiles.js';
import type { RecsysStore } from './recsys-fixtures.js';
import { log, type BenchStore } from './resources.js';

export const BENCH_CAMPAIGNS = 24;

export interface AdsFixture {
  ownerToken: string;
  campaignIds: string[];
}

export interface AdsWindowResult {
  /** Ads ÷ items over the window with ads on. */
  ads_ratio: number;
  pages_with_ads: number;
  p50_with_ads_ms: number;
  p99_with_ads_ms: number;
  ads_errors: number;
}

/** Tops up the bench shop's ad account and creates its campaigns, paused. */
export async function seedAdCampaigns(store: BenchStore, data: RecsysStore, n = BENCH_CAMPAIGNS): Promise<AdsFixture> {
  const core = await openCore({ dataDir: store.dataDir, databaseUrl: store.databaseUrl });
  try {
    const ctx = core.ctx;
    const shop = await ctx.db.selectFrom('shops').select(['id', 'owner_id']).orderBy('id').executeTakeFirstOrThrow();
    const owner = await loadActor(ctx.db, shop.owner_id);
    const { cashierUrl } = await startTopup(ctx, owner, shopOwner(shop.id), 1_000_000_00);
    await core.sandbox.complete(cashierUrl.split('/').pop()!, 'paid');
    await core.sandbox.deliverDue(10, async (_url, body, headers) => {
      await receiveTopupNotification(ctx, 'sandbox', headers, body);
      return 200;
    });
    const campaignIds: string[] = [];
    const step = Math.max(1, Math.floor(data.videoIds.length / n));
    for (let k = 0; k < n; k++) {
      const videoId = data.videoIds[(k * step + 7) % data.videoIds.length]!;
      const c = await createCampaign(ctx, owner, shopOwner(shop.id), {
        name: `压测推广 ${k + 1}`,
        promote: 'video',
        videoId,
        goal: 'orders',
        bidKind: 'cost_cap',
        costCapFen: 50_00 + k * 5_00,
        dailyBudgetFen: 100_000_00,
        pacing: 'fast',
      });
      await setCampaignStatus(ctx, owner, c.id, 'paused');
      campaignIds.push(c.id);
    }
    log(`recsys-feed: ${n} campaigns of the bench shop, paused until the ads window`);
    return { ownerToken: (await issueSession(ctx, owner.userId, 'bearer')).token, campaignIds };
  } finally {
    await core.close();
  }
}

async function setAll(pool: Pool, f: AdsFixture, status: 'active' | 'paused'): Promise<void> {
  for (const id of f.campaignIds) {
    const r = await post(
      pool,
      `/api/v1/merchant/ads/campaigns/${id}/status`,
      { authorization: `Bearer ${f.ownerToken}`, 'content-type': 'application/json' },
      JSON.stringify({ status }),
    );
    if (r.status !== 200) throw new Error(`campaign ${id} → ${status}: ${r.status} ${r.body.slice(0, 200)}`);
  }
}

/** The same paging load for `seconds` with the campaigns active; they are paused again after. */
export async function adsWindow(o: {
  pool: Pool;
  fixture: AdsFixture;
  tokens: readonly string[];
  concurrency: number;
  pageSize: number;
  pagesPerSession: number;
  seconds: number;
  signal: AbortSignal;
}): Promise<AdsWindowResult> {
  await setAll(o.pool, o.fixture, 'active');
  const person = Array.from({ length: o.concurrency }, (_, w) => w);
  const cursors: Array<string | null> = Array<string | null>(o.concurrency).fill(null);
  const pages = Array<number>(o.concurrency).fill(0);
  const latencies: number[] = [];
  let items = 0;
  let ads = 0;
  let errors = 0;
  const page = async (w: number): Promise<void> => {
    if (pages[w]! >= o.pagesPerSession) {
      cursors[w] = null;
      pages[w] = 0;
      person[w] = (person[w]! + o.concurrency) % o.tokens.length;
    }
    const t0 = performance.now();
    const reply = await get(
      o.pool,
      `/api/v1/feed?tab=recommend&limit=${o.pageSize}${cursors[w] ? `&cursor=${cursors[w]}` : ''}`,
      { authorization: `Bearer ${o.tokens[person[w]!]}` },
    );
    if (o.signal.aborted) return;
    const ms = performance.now() - t0;
    if (reply.status !== 200) {
      errors++;
      pages[w] = o.pagesPerSession;
      return;
    }
    const body = JSON.parse(reply.body) as { items: Array<{ ad?: unknown }>; nextCursor: string | null };
    latencies.push(ms);
    items += body.items.length;
    ads += body.items.filter((i) => i.ad).length;
    cursors[w] = body.nextCursor;
    pages[w] = body.nextCursor ? pages[w]! + 1 : o.pagesPerSession;
  };
  await runFor(o.concurrency, o.seconds * 1000, o.signal, page);
  await setAll(o.pool, o.fixture, 'paused');
  const { p50, p99 } = latencySummary(latencies);
  return {
    ads_ratio: items ? Math.round((ads / items) * 1000) / 1000 : 0,
    pages_with_ads: latencies.length,
    p50_with_ads_ms: p50,
    p99_with_ads_ms: p99,
    ads_errors: errors,
  };
}
