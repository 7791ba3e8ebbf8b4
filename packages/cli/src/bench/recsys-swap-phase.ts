/**
 * The hot swap under load (`bench recsys-feed`'s last phase): an admin asks the server to
 * retrain the interest engine's model while the clients keep paging; the phase ends when the
 * server has decided (or after a time limit). It reports the version serving, how long the
 * retraining took, the pages' p99 while it trained, and the longest page in flight around the
 * swap (the server records when the swap ended and how long it held the engine).
 */
import type { Pool } from 'undici';
import { get, post, runFor } from './http-load.js';
import { latencySummary } from './percentiles.js';

export interface SwapPhaseResult {
  /** The retrained version serving at the end (null: none swapped in). */
  model_version: string | null;
  /** The server's decision: serving, rejected (with why), failed, or still training at the time limit. */
  model_decision: string;
  retrain_s: number | null;
  /** The longest page in flight from SWAP_MARGIN_MS before the swap started until it was recorded (null: no swap). */
  swap_pause_ms: number | null;
  /** How long the swap held the engine's thread, as the server measured it. */
  swap_engine_ms: number | null;
  pages_during_retrain: number;
  retrain_p99_ms: number | null;
}

/** A page's wall-clock span (epoch ms) and latency. */
export interface PageSpan {
  start: number;
  end: number;
}

const POLL_MS = 500;
/**
 * Pages that ended this long before the swap's start (decision time less the engine's hold) count
 * as around the swap. The engine prepares a swap in slices between pages for a few hundred ms
 * before the switch (the hold reported is the longest slice, not that span): the window covers it.
 */
const SWAP_MARGIN_MS = 1500;

interface VersionView {
  id: string;
  status: string;
  reason: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  swapMs: number | null;
}

export async function retrainUnderLoad(opts: {
  pool: Pool;
  adminToken: string;
  concurrency: number;
  timeoutMs: number;
  signal: AbortSignal;
  /** One page by worker w; its span is pushed into `spans` when it succeeds. */
  page: (w: number) => Promise<void>;
  spans: PageSpan[];
}): Promise<SwapPhaseResult> {
  const auth = { authorization: `Bearer ${opts.adminToken}` };
  opts.spans.length = 0;
  const asked = await post(opts.pool, '/api/v1/admin/recsys/retrain', auth, '{}');
  if (asked.status !== 202) throw new Error(`retraining was refused: ${asked.status} ${asked.body.slice(0, 300)}`);
  const id = (JSON.parse(asked.body) as VersionView).id;
  const stop = new AbortController();
  const signal = AbortSignal.any([opts.signal, stop.signal]);
  const paging = runFor(opts.concurrency, opts.timeoutMs, signal, opts.page);
  let decided: VersionView | null = null;
  const deadline = Date.now() + opts.timeoutMs;
  while (!decided && Date.now() < deadline && !opts.signal.aborted) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    const list = await get(opts.pool, '/api/v1/admin/recsys/models', auth);
    if (list.status !== 200) continue;
    const v = (JSON.parse(list.body) as { versions: VersionView[] }).versions.find((x) => x.id === id);
    if (v && v.status !== 'requested' && v.status !== 'training') decided = v;
  }
  stop.abort();
  await paging;
  const spans = opts.spans;
  const { p99 } = latencySummary(spans.map((s) => s.end - s.start));
  let pause: number | null = null;
  if (decided?.status === 'serving' && decided.finishedAt !== null) {
    const from = decided.finishedAt - (decided.swapMs ?? 0) - SWAP_MARGIN_MS;
    for (const s of spans)
      if (s.end >= from && s.start <= decided.finishedAt) pause = Math.max(pause ?? 0, s.end - s.start);
  }
  return {
    model_version: decided?.status === 'serving' ? decided.id : null,
    model_decision: decided
      ? `${decided.status}${decided.reason ? ` (${decided.reason})` : ''}`
      : `not decided within ${Math.round(opts.timeoutMs / 1000)} s`,
    retrain_s:
      decided?.startedAt && decided.finishedAt ? Math.round((decided.finishedAt - decided.startedAt) / 100) / 10 : null,
    swap_pause_ms: pause === null ? null : Math.round(pause * 10) / 10,
    swap_engine_ms: decided?.swapMs ?? null,
    pages_during_retrain: spans.length,
    retrain_p99_ms: spans.length ? p99 : null,
  };
}
