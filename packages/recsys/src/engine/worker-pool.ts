/**
 * Runs embedding training jobs on worker threads, at most `concurrency` at a time (one per
 * core by default), and resolves with each job's parameters in job order.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SeqEmbeddingState } from './seq-embedding.js';
import type { TrainJob } from './train-embedding.js';
import type { WorkerMessage } from './train-worker.js';

function spawnWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./train-worker.js', import.meta.url));
  // Running from the TypeScript sources (development and tests): the worker registers the
  // same TypeScript loader before loading its entry, which a worker's entry cannot do itself.
  const loader = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./train-worker.ts', import.meta.url).href;
  return new Worker(
    `import(${JSON.stringify(loader)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
}

export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism());
}

export function trainInWorkers(
  jobs: TrainJob[],
  opts: { concurrency?: number; onEpoch?: () => void } = {},
): Promise<SeqEmbeddingState[]> {
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? defaultConcurrency(), jobs.length));
  const results: SeqEmbeddingState[] = new Array(jobs.length);
  let next = 0;
  return new Promise((resolve, reject) => {
    let running = 0;
    let failed = false;
    const launch = (): void => {
      if (failed) return;
      if (next >= jobs.length) {
        if (running === 0) resolve(results);
        return;
      }
      const index = next++;
      running++;
      const worker = spawnWorker();
      const fail = (err: Error): void => {
        if (failed) return;
        failed = true;
        void worker.terminate();
        reject(err);
      };
      worker.on('message', (msg: WorkerMessage) => {
        if (msg.type === 'epoch') opts.onEpoch?.();
        else if (msg.type === 'error') fail(new Error(`embedding training failed in a worker: ${msg.message}`));
        else {
          results[index] = msg.state;
          running--;
          void worker.terminate();
          launch();
        }
      });
      worker.on('error', fail);
      worker.postMessage(jobs[index]!);
    };
    for (let k = 0; k < concurrency; k++) launch();
  });
}
