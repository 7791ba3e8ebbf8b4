/**
 * The retraining thread: reads the stored history on its own connection (or takes the signals it
 * is sent), builds the training set, trains the feed's embedding for several epochs (reporting
 * each), rebuilds the co-occurrence table and fits the ranker's choice weights (recsys
 * retrain.ts), scores the new model and the baseline (the serving snapshot, or one online pass
 * when none serves) on the held-out items, and posts the snapshot (its buffers transferred) and
 * the figures back. One job per thread; the thread then exits.
 */
import { parentPort } from 'node:worker_threads';
import {
  evaluateSnapshot,
  interestWeight,
  onePass,
  retrain,
  RETRAIN_DEFAULTS,
  snapshotBuffers,
  trainingSet,
  type ModelSnapshot,
  type Signal,
} from '@zhongcao/recsys';
import { openStoreReader } from '../storage/index.js';
import type { RetrainHistory, RetrainJob, RetrainMessage } from './retrain-thread.js';
import { storedSignals } from './warm.js';

const port = parentPort;
if (!port) throw new Error('retrain-worker runs as a worker thread');

/** The choices the embedding learns from (a video, interest weight ≥ 1). */
async function historyOf(h: RetrainHistory): Promise<Signal[]> {
  if (h.kind === 'signals') return h.signals;
  const store = await openStoreReader(h.access);
  try {
    return await storedSignals(store, h.since, (s) => !!s.videoId && interestWeight(s) >= 1);
  } finally {
    await store.close();
  }
}

port.once('message', (job: RetrainJob) => {
  void (async () => {
    try {
      const set = trainingSet(await historyOf(job.history));
      const people = set.heldOut.length;
      port.postMessage({ type: 'set', people, events: set.events, videos: set.items.length } satisfies RetrainMessage);
      const opts = { ...RETRAIN_DEFAULTS, epochs: job.epochs, maxEvalPeople: job.maxEvalPeople };
      const snapshot = retrain(set, opts, (epoch) =>
        port.postMessage({ type: 'epoch', epoch } satisfies RetrainMessage),
      );
      const figures = evaluateSnapshot(snapshot, set, opts.maxEvalPeople);
      const base: ModelSnapshot = job.serving ?? onePass(set);
      const baseline = evaluateSnapshot(base, set, opts.maxEvalPeople);
      port.postMessage(
        { type: 'done', snapshot, figures, baseline } satisfies RetrainMessage,
        snapshotBuffers(snapshot),
      );
    } catch (err) {
      port.postMessage({
        type: 'error',
        message: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies RetrainMessage);
    }
  })();
});
