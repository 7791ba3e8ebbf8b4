/**
 * Runs one retraining on a worker thread (retrain-worker.ts), so the engine's thread keeps
 * serving pages and the main thread keeps answering HTTP while it trains. The thread reads the
 * stored history itself, on a connection of its own (store-access.ts): the request thread
 * neither runs those queries nor turns their rows into signals nor copies them over.
 */
import { Worker } from 'node:worker_threads';
import type { ModelSnapshot, OfflineFigures, Signal } from '@zhongcao/recsys';
import type { StoreAccess } from '../storage/index.js';

/** Where the thread takes the history from: the store since a time (its own connection), or signals read already. */
export type RetrainHistory =
  | { kind: 'store'; access: StoreAccess; since: number }
  | { kind: 'signals'; signals: Signal[] };

export interface RetrainJob {
  history: RetrainHistory;
  /** The snapshot serving now (its figures on the new held-out items are the bar); null: one online pass is. */
  serving: ModelSnapshot | null;
  epochs: number;
  maxEvalPeople: number;
}

export type RetrainMessage =
  | { type: 'set'; people: number; events: number; videos: number }
  | { type: 'epoch'; epoch: number }
  | { type: 'done'; snapshot: ModelSnapshot; figures: OfflineFigures; baseline: OfflineFigures }
  | { type: 'error'; message: string };

export interface RetrainOutcome {
  snapshot: ModelSnapshot;
  figures: OfflineFigures;
  baseline: OfflineFigures;
  people: number;
  events: number;
  videos: number;
}

function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./retrain-worker.js', import.meta.url));
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./retrain-worker.ts', import.meta.url).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
}

/** `onStart` gets the means to stop the thread (the process is closing). */
export function retrainOnThread(
  job: RetrainJob,
  onEpoch: (epoch: number) => void,
  onStart?: (stop: () => void) => void,
): Promise<RetrainOutcome> {
  const worker = startWorker();
  onStart?.(() => void worker.terminate());
  let sizes = { people: 0, events: 0, videos: 0 };
  return new Promise<RetrainOutcome>((resolve, reject) => {
    worker.on('message', (m: RetrainMessage) => {
      if (m.type === 'set') sizes = { people: m.people, events: m.events, videos: m.videos };
      else if (m.type === 'epoch') onEpoch(m.epoch);
      else if (m.type === 'error') reject(new Error(m.message));
      else resolve({ snapshot: m.snapshot, figures: m.figures, baseline: m.baseline, ...sizes });
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the retraining thread exited with code ${code}`)));
    worker.postMessage(job);
  }).finally(() => void worker.terminate());
}
