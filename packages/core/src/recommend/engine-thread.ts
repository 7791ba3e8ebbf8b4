/**
 * The interest engine on its own worker thread (engine-worker.ts). Messages on one port arrive
 * in order, so a signal sent before a page request is learnt before that page is made. If the
 * thread fails, every waiting and later request is refused with EngineStopped and the feed falls
 * back to its non-personalised pages. A request that throws on the thread is answered with its
 * error (or, unanswered ones, counted) and the engine goes on, as it does in this thread.
 */
import { Worker } from 'node:worker_threads';
import { snapshotBuffers, type ModelSnapshot, type PoolStep } from '@zhongcao/recsys';
import type { EngineRequest } from './engine-desk.js';
import { MessageEngineHost } from './engine-host.js';

export class EngineStopped extends Error {
  constructor(why: string) {
    super(`the interest engine's thread stopped: ${why}`);
    this.name = 'EngineStopped';
  }
}

/**
 * The engine allocates briskly per page (candidates, features) while holding a large, long-lived
 * heap; a young generation larger than V8's default means fewer scavenges, each no longer. In
 * alternating `bench recsys-feed` runs: 929, 1,184 and 1,174 pages/s with 64 MB against 478–1,036
 * without, for about 120 MB more resident memory. A process started with `--max-semi-space-size`
 * (the server's command line) overrides this limit for every thread unless that flag is cleared
 * before the thread starts, as the CLI does once its main thread runs: the thread then holds 64 MB
 * of young generation, not the command line's two 64 MB semi-spaces (126 MB resident measured).
 */
const YOUNG_GENERATION_MB = 64;

/**
 * Compiled, the worker is engine-worker.js beside this file. From source (the tests), it is the
 * .ts, which a worker can only load after registering tsx itself.
 */
function startWorker(): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./engine-worker.js', import.meta.url), { resourceLimits });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./engine-worker.ts', import.meta.url).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, resourceLimits },
  );
}

export class ThreadEngineHost extends MessageEngineHost {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private stopped: EngineStopped | null = null;
  /** Requests sent without waiting (signals, upserts…) that threw on the engine's thread. */
  requestErrors = 0;
  lastRequestError: string | null = null;

  constructor(
    onSteps: (steps: PoolStep[]) => void,
    private readonly onFailure: (err: Error) => void,
  ) {
    super();
    this.worker = startWorker();
    this.worker.unref();
    this.worker.on(
      'message',
      (m: { id?: number; value?: unknown; error?: string; steps?: PoolStep[]; failed?: string }) => {
        if (m.steps) return onSteps(m.steps);
        if (m.failed !== undefined) {
          // As in this thread, a signal or upsert that throws is dropped and the engine goes on.
          this.requestErrors++;
          this.lastRequestError = m.failed;
          return;
        }
        const w = m.id === undefined ? undefined : this.waiting.get(m.id);
        if (!w) return;
        this.waiting.delete(m.id!);
        if (this.waiting.size === 0) this.worker.unref();
        if (m.error !== undefined) w.reject(new Error(m.error));
        else w.resolve(m.value);
      },
    );
    this.worker.on('error', (err) => this.stop(err.message));
    this.worker.on('exit', (code) => this.stop(`exited with code ${code}`));
  }

  private stop(why: string): void {
    if (this.stopped) return;
    this.stopped = new EngineStopped(why);
    for (const w of this.waiting.values()) w.reject(this.stopped);
    this.waiting.clear();
    this.onFailure(this.stopped);
  }

  protected send(req: EngineRequest): void {
    if (!this.stopped) this.worker.postMessage({ id: 0, req });
  }

  protected ask(req: EngineRequest): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    // An awaited answer keeps the process alive; an idle engine thread does not.
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (req.op !== 'swap') return this.worker.postMessage({ id, req });
      // The snapshot's arrays are copied here and handed over (moved, not copied again on the engine's thread).
      const snapshot = movableCopy(req.snapshot);
      this.worker.postMessage({ id, req: { ...req, snapshot } }, snapshotBuffers(snapshot));
    });
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    this.stopped = new EngineStopped('closed');
    for (const w of this.waiting.values()) w.reject(this.stopped);
    this.waiting.clear();
    await this.worker.terminate();
  }
}

/** The snapshot with its typed arrays copied, so they can be transferred while the caller keeps its own. */
function movableCopy(s: ModelSnapshot): ModelSnapshot {
  const copy: ModelSnapshot = { ...s, vectors: s.vectors.slice(), bias: s.bias.slice(), recency: s.recency.slice() };
  if (s.covisit)
    copy.covisit = {
      ...s.covisit,
      owners: s.covisit.owners.slice(),
      counts: s.covisit.counts.slice(),
      ids: s.covisit.ids.slice(),
      w: s.covisit.w.slice(),
    };
  if (s.choice) copy.choice = s.choice.slice();
  return copy;
}
