/** Worker entry: trains one embedding model (see train-embedding.ts) and posts its parameters back. */
import { parentPort } from 'node:worker_threads';
import { SeqEmbedding } from './seq-embedding.js';
import { trainEpochs, type TrainJob } from './train-embedding.js';

export type WorkerMessage =
  | { type: 'epoch'; epoch: number }
  | { type: 'done'; state: ReturnType<SeqEmbedding['exportState']> }
  | { type: 'error'; message: string };

parentPort?.on('message', (job: TrainJob) => {
  try {
    const model = new SeqEmbedding(job.opts);
    for (let i = 0; i < job.data.itemRows; i++) model.itemRow(i);
    for (let u = 0; u < job.userRowCount; u++) model.userRow(u);
    trainEpochs(model, job.data, job.epochs, job.seed, (epoch) =>
      parentPort!.postMessage({ type: 'epoch', epoch } satisfies WorkerMessage),
    );
    const state = model.exportState();
    parentPort!.postMessage({ type: 'done', state } satisfies WorkerMessage, [
      state.E.buffer,
      state.B.buffer,
      state.U.buffer,
      state.A.buffer,
      ...(state.N ? [state.N.buffer] : []),
    ] as ArrayBuffer[]);
  } catch (err) {
    parentPort!.postMessage({
      type: 'error',
      message: err instanceof Error ? (err.stack ?? err.message) : String(err),
    } satisfies WorkerMessage);
  }
});
