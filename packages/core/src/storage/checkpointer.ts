/**
 * Moves SQLite's WAL checkpoints off the request path. The serving connection turns automatic
 * checkpoints off; a worker thread with its own connection copies committed pages back into the
 * database file (PASSIVE: it never blocks writers) twice a second, and pays the fsync there. If the
 * thread dies, the serving connection goes back to automatic checkpoints.
 *
 * A PASSIVE checkpoint never resets the WAL by itself: the file starts over only when a writer
 * finds every frame copied back, and under writes that never pause the copy is always a few
 * transactions behind, so the file grows without end (a demo seed of 100,000 videos wrote 78 GB of
 * WAL and filled the disk). So once the file passes `maxWalBytes` the thread raises a flag, and the
 * serving connection's driver, at its next turn between transactions, holds its queue while the
 * thread runs a TRUNCATE checkpoint (the frames left, the readers on old frames waited for, the
 * file cut to zero), then goes on: writers wait only for that tail, and the event loop never
 * blocks on the fsync. (The thread cannot find a gap on its own: between two transactions the
 * write lock is free for microseconds, and SQLite's busy handler polls in milliseconds.) The same
 * bound as Litestream's "max checkpoint page count".
 */
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = ' + workerData.lockWaitMs);
const walFile = workerData.file + '-wal';
const flag = new Int32Array(workerData.flag);
function walBytes() { try { return statSync(walFile).size; } catch (e) { return 0; } }
const timer = setInterval(() => {
  if (Atomics.load(flag, 0) !== 0) return;
  // Past the bound: no copy now (while it ran the writers would add more), the truncation copies.
  if (walBytes() > workerData.maxWalBytes) { Atomics.store(flag, 0, 1); return; }
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { /* busy: next round */ }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'go') {
    let done = false;
    try { done = db.pragma('wal_checkpoint(TRUNCATE)')[0].busy === 0; } catch (e) { /* busy */ }
    Atomics.store(flag, 0, 0);
    parentPort.postMessage(done ? 'truncated' : 'busy');
  }
  if (m === 'stop') { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) {} db.close(); parentPort.close(); }
});
`;

export interface CheckpointerOptions {
  /** How often the thread copies pages back, ms. */
  intervalMs?: number;
  /** The WAL size past which the thread truncates it, bytes. */
  maxWalBytes?: number;
  /** How long a truncating checkpoint waits for readers still on old frames, ms. */
  lockWaitMs?: number;
}

export interface Checkpointer {
  /** Truncating checkpoints run and how many got through (the rest wait for the bound again). */
  readonly truncations: { tried: number; done: number };
  /**
   * Called by the serving connection's driver between transactions: when the WAL has passed its
   * bound, a promise that settles once the thread has truncated it (or given up); else null.
   */
  pauseIfDue(): Promise<void> | null;
  stop(): Promise<void>;
}

/** The longest the serving connection waits for a truncating checkpoint, ms. */
const PAUSE_CAP_MS = 5000;

/** 256 MiB: four times the size the WAL is cut back to after an ordinary reset. */
export const DEFAULT_MAX_WAL_BYTES = 256 * 1024 * 1024;

export function startCheckpointer(
  sqlite: SQLite.Database,
  file: string,
  driverPath: string,
  options: CheckpointerOptions = {},
): Checkpointer {
  const { intervalMs = 500, maxWalBytes = DEFAULT_MAX_WAL_BYTES, lockWaitMs = 2000 } = options;
  sqlite.pragma('wal_autocheckpoint = 0');
  // 0: nothing asked; 1: the WAL is past its bound; 2: a truncation is running. Shared memory, not
  // a message: a writer whose awaits all settle at once (a seed, a rebuild) never lets the event
  // loop deliver one until it is done.
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver: driverPath, intervalMs, maxWalBytes, lockWaitMs, flag: flag.buffer },
  });
  worker.unref();
  const truncations = { tried: 0, done: 0 };
  let settle: (() => void) | null = null;
  worker.on('message', (m: 'truncated' | 'busy') => {
    truncations.tried++;
    if (m === 'truncated') truncations.done++;
    settle?.();
  });
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  worker.on('error', () => {
    // Fall back to checkpoints on the serving connection.
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  });
  return {
    truncations,
    pauseIfDue() {
      if (exited || Atomics.compareExchange(flag, 0, 1, 2) !== 1) return null;
      worker.postMessage('go');
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, PAUSE_CAP_MS);
        function done() {
          clearTimeout(timer);
          settle = null;
          resolve();
        }
        settle = done;
      });
    },
    async stop() {
      if (exited) return;
      worker.ref(); // keep the process alive until the last checkpoint is done
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)));
      await Promise.race([exitedPromise, timeout]);
      clearTimeout(timer);
      if (!exited) await worker.terminate();
    },
  };
}
