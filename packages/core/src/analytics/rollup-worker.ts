/**
 * The rollup thread (rollup-thread.ts): a connection of its own to the store, taking the write
 * gate before it writes; each request runs the window consumer once, up to the time it was given.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStoreWriter, type StoreAccess } from '../storage/index.js';
import { consumeRollups } from './consumer.js';

/**
 * Facts per transaction on the thread: while a window commits, the serving connection's writes
 * (a batch of events, an order) wait for the write gate, so the thread's windows are kept to a
 * quarter of the in-process consumer's. On two busy cores a 250-fact window held the gate for
 * 150–400 ms (the thread is descheduled mid-commit as often as not).
 */
const THREAD_FACTS_PER_COMMIT = 64;
/** Windows per run: enough for a run's one-second budget at the smaller size. */
const THREAD_MAX_WINDOWS = 1_000;
import type { RollupThreadReply, RollupThreadRequest } from './rollup-thread.js';

const port = parentPort;
if (!port) throw new Error('rollup-worker runs as a worker thread');
const store = openStoreWriter(workerData as StoreAccess);
let now = 0;
const ctx = { db: store.db, clock: { now: () => now } };
let queue: Promise<unknown> = Promise.resolve();

port.on('message', (m: RollupThreadRequest) => {
  if (m.type === 'stop') {
    queue = queue.then(async () => {
      await store.close();
      port.close();
    });
    return;
  }
  queue = queue.then(async () => {
    now = m.now;
    try {
      const result = await consumeRollups(ctx, undefined, THREAD_MAX_WINDOWS, THREAD_FACTS_PER_COMMIT);
      port.postMessage({ id: m.id, result } satisfies RollupThreadReply);
    } catch (err) {
      port.postMessage({
        id: m.id,
        error: err instanceof Error ? err.message : String(err),
      } satisfies RollupThreadReply);
    }
  });
});
