/** Shared parts of the recsys benchmarks: the server under test and events at a steady rate. */
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';
import { ErrorSampler, post } from './http-load.js';
import type { BenchStore, Scope } from './resources.js';
import type { RecsysStore } from './recsys-fixtures.js';
import { startServerChild } from './server-child.js';

/** How the server is started: a child process by default; tests may start one in-process. */
export type StartServer = (scope: Scope, store: BenchStore) => Promise<{ origin: string }>;
export const childServer: StartServer = (scope, store) => startServerChild(scope, store, 'bench-recsys-secret');

/** Whether feed items carry a reason ("why this"), as the interest engine's items do. */
export function itemsCarryReasons(items: ReadonlyArray<Record<string, unknown>>): boolean {
  return (
    items.length > 0 &&
    items.every((i) => typeof i.reason === 'string' || (typeof i.reason === 'object' && i.reason !== null))
  );
}

export interface EventStream {
  /** Stops the generator and reports what it achieved. */
  stop(): Promise<{ accepted: number; seconds: number; errors: number; events_per_s: number }>;
}

/**
 * Posts events at `perSecond` in batches of 100 (each batch scheduled at its slot; a few in
 * flight at once), as the load clients' people watching videos of their favourite categories.
 */
export function streamEvents(pool: Pool, data: RecsysStore, perSecond: number, signal: AbortSignal): EventStream {
  const BATCH = 100;
  const IN_FLIGHT = 8;
  const started = performance.now();
  const slotMs = (BATCH / perSecond) * 1000;
  let stopped = false;
  let next = 0;
  let accepted = 0;
  let errors = 0;
  const sampler = new ErrorSampler();
  const worker = async (): Promise<void> => {
    while (!stopped && !signal.aborted) {
      const n = next++;
      const wait = started + n * slotMs - performance.now();
      if (wait > 0) await sleep(wait);
      if (stopped || signal.aborted) return;
      const person = data.clients[n % data.clients.length]!;
      const now = Date.now();
      const events = Array.from({ length: BATCH }, (_, i) => {
        const vi = (n * 7919 + i * 104_729) % data.videoIds.length;
        const videoId = data.videoIds[vi]!;
        const clientEventId = `g${n}-${i}`;
        switch (i % 5) {
          case 0:
          case 1:
            return { type: 'impression', videoId, at: now, clientEventId };
          case 2:
            return {
              type: 'view_progress',
              videoId,
              watchMs: 4000 + (i % 7) * 1000,
              durationMs: 15_000,
              at: now,
              clientEventId,
            };
          case 3:
            return { type: 'complete', videoId, watchMs: 15_000, durationMs: 15_000, at: now, clientEventId };
          default:
            return { type: 'product_tap', videoId, productId: data.productOfVideo[vi]!, at: now, clientEventId };
        }
      });
      const reply = await post(
        pool,
        '/api/v1/events',
        { authorization: `Bearer ${person.token}` },
        JSON.stringify({ events }),
      );
      if (reply.status === 202) accepted += (JSON.parse(reply.body) as { accepted: number }).accepted;
      else if (!signal.aborted) {
        errors++;
        sampler.note('events batch', reply);
      }
    }
  };
  const workers = Array.from({ length: IN_FLIGHT }, worker);
  return {
    async stop() {
      stopped = true;
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(workers);
      return { accepted, seconds, errors, events_per_s: Math.round(accepted / seconds) };
    },
  };
}
