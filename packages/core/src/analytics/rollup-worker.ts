/**
 * The rollup thread (rollup-thread.ts): a connection of its own to the store, taking the write
 * gate before it writes; each request runs the window consumer once, up to the time it was given.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStoreWriter, type StoreAccess } from '../storage/index.js';
import { consumeRollups } from './consumer.js';
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
      const result = await consumeRollups(ctx);
      port.postMessage({ id: m.id, result } satisfies RollupThreadReply);
    } catch (err) {
      port.postMessage({
        id: m.id,
        error: err instanceof Error ? err.message : String(err),
      } satisfies RollupThreadReply);
    }
  });
});
