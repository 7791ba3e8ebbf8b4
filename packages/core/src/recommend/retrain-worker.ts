/**
 * The retraining thread: builds the training set from the stored signals it is sent, trains
 * the feed's embedding for several epochs (reporting each), scores the new model and the
 * baseline (the serving snapshot, or one online pass when none serves) on the held-out items,
 * and posts the snapshot and the figures back. One job per thread; the thread then exits.
 */
import { parentPort } from 'node:worker_threads';
import { evaluateSnapshot, onePass, retrain, RETRAIN_DEFAULTS, trainingSet, type ModelSnapshot, type Signal } from '@zhongcao/recsys';
import type { RetrainJob, RetrainMessage } from './retrain-thread.js';

const port = parentPort;
if (!port) throw new Error('retrain-worker runs as a worker thread');
port.once('message', (job: RetrainJob) => {
  try {
    const set = trainingSet(job.signals as Signal[]);
    const people = set.heldOut.length;
    port.postMessage({ type: 'set', people, events: set.events, videos: set.items.length } satisfies RetrainMessage);
    const opts = { ...RETRAIN_DEFAULTS, epochs: job.epochs, maxEvalPeople: job.maxEvalPeople };
    const snapshot = retrain(set, opts, (epoch) => port.postMessage({ type: 'epoch', epoch } satisfies RetrainMessage));
    const figures = evaluateSnapshot(snapshot, set, opts.maxEvalPeople);
    const base: ModelSnapshot = job.serving ?? onePass(set);
    const baseline = evaluateSnapshot(base, set, opts.maxEvalPeople);
    port.postMessage({ type: 'done', snapshot, figures, baseline } satisfies RetrainMessage, [snapshot.vectors.buffer, snapshot.bias.buffer, snapshot.recency.buffer] as ArrayBuffer[]);
  } catch (err) {
    port.postMessage({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies RetrainMessage);
  }
});
