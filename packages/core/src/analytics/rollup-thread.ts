/**
 * The window consumer on a thread of its own (embedded SQLite). At thousands of events a second
 * the rollups' writes were most of what the request thread did (docs/PERFORMANCE.md, "The window
 * consumer at 5,000 events a second"): on this thread they run beside it, on a connection of
 * their own to the same file (store-access.ts `openStoreWriter`). The two connections take turns
 * to write through the store's write gate (storage/write-gate.ts): while the thread commits a
 * window the request thread goes on reading and answering, and its own writes wait without
 * blocking the event loop.
 *
 * Each round of the background loop asks the thread for one run (`consumeRollups`, the same code,
 * up to the caller's clock), so what a round sees is what it would have seen in process. If the
 * thread fails or exits, the rounds go back to consuming in process; the cursor, moved only with
 * the rows it covers, makes the hand-over exact either way.
 */
import { Worker } from 'node:worker_threads';
import type { CoreContext } from '../context.js';
import { runtimePart, runtimeOf } from '../platform/index.js';
import { GATE_THREAD, WriteGate, storeAccessOf, type StoreAccess } from '../storage/index.js';
import { consumeRollups, exclusive, type ConsumeResult } from './consumer.js';
import { rollupsFedByStream } from './stream-consumer.js';

export type RollupThreadRequest = { type: 'run'; id: number; now: number } | { type: 'stop' };
export type RollupThreadReply = { id: number; result: ConsumeResult } | { id: number; error: string };

/**
 * The thread's young generation: a window's facts and keys live only for the window, so a small
 * one is enough (V8's default, or a server command line's larger semi-spaces, would hold tens of
 * megabytes more resident for nothing).
 */
const YOUNG_GENERATION_MB = 16;

function startWorker(access: StoreAccess): Worker {
  const options = { workerData: access, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./rollup-worker.js', import.meta.url), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./rollup-worker.ts', import.meta.url).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, ...options },
  );
}

export class RollupThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(r: ConsumeResult): void; reject(e: Error): void }>();
  private nextId = 1;
  /** Why the thread is gone, once it is. */
  gone: Error | null = null;
  readonly exited: Promise<void>;

  constructor(access: StoreAccess & { dialect: 'sqlite'; gate: SharedArrayBuffer }) {
    this.worker = startWorker(access);
    this.worker.unref();
    const gate = new WriteGate(access.gate);
    this.worker.on('message', (m: RollupThreadReply) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if ('error' in m) w.reject(new Error(m.error));
      else w.resolve(m.result);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        gate.releaseFor(GATE_THREAD); // a thread that died mid-commit must not keep the request thread from writing
        this.fail(new Error(`the rollup thread exited (code ${code})`));
        resolve();
      }),
    );
  }

  private fail(err: Error): void {
    this.gone ??= err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  /** One run of the consumer on the thread, up to `now` (the caller's clock). */
  run(now: number): Promise<ConsumeResult> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise<ConsumeResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref(); // a run in flight keeps the process up
      this.worker.postMessage({ type: 'run', id, now } satisfies RollupThreadRequest);
    }).finally(() => {
      if (this.waiting.size === 0) this.worker.unref();
    });
  }

  async stop(): Promise<void> {
    if (this.gone) return;
    this.worker.postMessage({ type: 'stop' } satisfies RollupThreadRequest);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise((r) => (timer = setTimeout(r, 5_000)))]);
    clearTimeout(timer);
    if (!this.gone) await this.worker.terminate();
  }
}

/** Whether this store's rounds run the consumer on a thread, and the thread once started. */
const threadPart = runtimePart<{ wanted: boolean; thread: RollupThread | null }, object>(
  'analytics.rollup-thread',
  () => ({ wanted: false, thread: null }),
  (part) => part.thread?.stop(),
);

/** Asks for the consumer on a thread of its own (embedded SQLite only; elsewhere nothing changes). Started on the first round. */
export function useRollupThread(ctx: Pick<CoreContext, 'db'>): void {
  runtimeOf(ctx.db as object).use(threadPart).wanted = true;
}

/** The thread of this store, started if asked for and possible; null: consume in process. */
export function rollupThreadOf(ctx: Pick<CoreContext, 'db'>): RollupThread | null {
  const part = runtimeOf(ctx.db as object).peek(threadPart);
  if (!part?.wanted) return null;
  if (part.thread) return part.thread.gone ? null : part.thread;
  const access = storeAccessOf(ctx.db);
  if (access?.dialect !== 'sqlite' || !access.gate) return null;
  part.thread = new RollupThread({ ...access, gate: access.gate });
  return part.thread;
}

/**
 * One round of the 罗盘's consumer for the background loop: nothing when the stream feeds the
 * rollups (scaled mode), on the thread when there is one, else in process.
 */
export async function runRollups(ctx: CoreContext): Promise<ConsumeResult | null> {
  if (rollupsFedByStream(ctx)) return null;
  const thread = rollupThreadOf(ctx);
  if (!thread) return consumeRollups(ctx);
  // Taking turns with a rebuild in this process, as the consumer in process does.
  return exclusive(ctx.db, () => thread.run(ctx.clock.now())).catch((err: unknown) => {
    if (thread.gone) return consumeRollups(ctx); // the thread is gone: this round in process, and the next ones
    throw err;
  });
}
