/**
 * `bench events`: client events over HTTP against the real server in a child process — 32
 * signed-in clients each POST /api/v1/events batches of 50 (impressions, watch progress,
 * completions, product taps) for 10 s; every event has a fresh clientEventId, so all are stored.
 */
import { performance } from 'node:perf_hooks';
import { openCore } from '@zhongcao/core';
import { insertBenchVideos, makeFixtures } from './fixtures.js';
import { ErrorSampler, openPool, post, runFor } from './http-load.js';
import { latencySummary } from './percentiles.js';
import { freshStore, log, Scope } from './resources.js';
import { startServerChild } from './server-child.js';

export interface EventsResult {
  bench: 'events';
  dialect: 'sqlite' | 'postgres';
  concurrency: number;
  seconds: number;
  batch: number;
  events_per_s: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  accepted: number;
}

const CONCURRENCY = 32;
const BATCH = 50;
const SENDERS = 256;
const VIDEOS = 2_000;
export const EVENTS_SECONDS = 10;
export const TARGET_EVENTS_PER_S = 20_000;

export async function benchEvents(seconds = EVENTS_SECONDS): Promise<EventsResult> {
  const scope = new Scope();
  try {
    const store = await freshStore(scope);
    log(
      `events: ${store.dialect}, ${CONCURRENCY} clients × ${seconds} s, batches of ${BATCH}, ${SENDERS} signed-in senders`,
    );
    const fx = await makeFixtures(store, { stockPerSku: [1000], buyers: SENDERS });
    const core = await openCore({ dataDir: store.dataDir, databaseUrl: store.databaseUrl });
    let videoIds: string[];
    try {
      videoIds = await insertBenchVideos(core, VIDEOS, {
        ownerIds: [fx.buyers[0]!.userId],
        productIds: [fx.productId],
        spreadDays: 7,
      });
    } finally {
      await core.close();
    }
    const server = await startServerChild(scope, store, 'bench-events-secret');
    const pool = openPool(scope, server.origin, CONCURRENCY);

    const latencies: number[] = [];
    const sampler = new ErrorSampler();
    let errors = 0;
    let accepted = 0;
    let next = 0;
    const elapsedMs = await runFor(CONCURRENCY, seconds * 1000, scope.signal, async () => {
      const n = next++;
      const sender = fx.buyers[n % SENDERS]!;
      const now = Date.now();
      const events = Array.from({ length: BATCH }, (_, i) => {
        const videoId = videoIds[(n * 7 + i) % VIDEOS]!;
        const clientEventId = `b${n}-${i}`;
        switch (i % 5) {
          case 0:
          case 1:
            return { type: 'impression', videoId, at: now - 1000 + i, clientEventId };
          case 2:
            return {
              type: 'view_progress',
              videoId,
              watchMs: 3000 + i * 10,
              durationMs: 15_000,
              at: now - 800 + i,
              clientEventId,
            };
          case 3:
            return { type: 'complete', videoId, watchMs: 15_000, durationMs: 15_000, at: now - 500 + i, clientEventId };
          default:
            return { type: 'product_tap', videoId, productId: fx.productId, at: now - 200 + i, clientEventId };
        }
      });
      const t0 = performance.now();
      const reply = await post(
        pool,
        '/api/v1/events',
        { authorization: `Bearer ${sender.token}` },
        JSON.stringify({ events }),
      );
      if (scope.signal.aborted) return;
      if (reply.status !== 202) {
        errors++;
        return sampler.note('events batch', reply);
      }
      latencies.push(performance.now() - t0);
      accepted += (JSON.parse(reply.body) as { accepted: number }).accepted;
    });
    if (scope.signal.aborted) throw new Error('interrupted');
    if (errors) log(`events errors: ${sampler.summary()}`);
    const { p50, p99 } = latencySummary(latencies);
    return {
      bench: 'events',
      dialect: store.dialect,
      concurrency: CONCURRENCY,
      seconds,
      batch: BATCH,
      events_per_s: Math.round(accepted / (elapsedMs / 1000)),
      p50_ms: p50,
      p99_ms: p99,
      errors,
      accepted,
    };
  } finally {
    await scope.close();
  }
}
