/**
 * Moves SQLite's WAL checkpoints off the request path. The serving connection turns automatic
 * checkpoints off; a worker thread with its own connection copies committed pages back into the
 * database file (PASSIVE: it never blocks writers) twice a second, and pays the fsync there. If the
 * thread dies, the serving connection goes back to automatic checkpoints.
 */
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { /* busy: next round */ }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'stop') { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) {} db.close(); parentPort.close(); }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(
  sqlite: SQLite.Database,
  file: string,
  driverPath: string,
  intervalMs = 500,
): Checkpointer {
  sqlite.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath, intervalMs } });
  worker.unref();
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
