/**
 * Long read-only queries off the request path. On SQLite a query runs on the event loop's thread
 * and blocks every request while it runs; the few heavy aggregates (the feed's popular list counts
 * a day of likes, comments, shares and completions) are sent instead to a worker thread with its
 * own read-only connection, which reads the same committed data (WAL). If the thread fails, or the
 * store is PostgreSQL (whose queries never block the thread), the query runs on the store itself;
 * a query's own error (bad SQL) is the caller's, wherever it ran.
 *
 * Two lanes, each its own worker and connection: `requests` for what a request waits on (the
 * feed's snapshot), `background` for the long reads of background work (the experience score's
 * month of counts), so one of those never queues ahead of a request's.
 */
import { Worker } from 'node:worker_threads';
import type { Compilable, Kysely } from 'kysely';
import type { Database } from './schema.js';
import { runtimePart, runtimeOf } from '../platform/index.js';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', (m) => {
  if (m === 'stop') { db.close(); parentPort.close(); return; }
  try {
    let stmt = statements.get(m.sql);
    if (!stmt) { stmt = db.prepare(m.sql); if (statements.size > 100) statements.clear(); statements.set(m.sql, stmt); }
    parentPort.postMessage({ id: m.id, rows: stmt.all(...m.parameters) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.message || e) });
  }
});
`;

/** The worker is gone (it failed or was stopped): the query was not run. */
export class ReadAsideUnavailable extends Error {}

interface Pending {
  resolve(rows: unknown[]): void;
  reject(err: Error): void;
}

export interface ReadAside {
  /** The rows of a read-only query, read on the worker's connection. */
  rows(sql: string, parameters: readonly unknown[]): Promise<unknown[]>;
  stop(): Promise<void>;
}

export function startReadAside(file: string, driverPath: string): ReadAside {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath } });
  worker.unref();
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failed: Error | null = null;
  const failAll = (err: Error): void => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (m: { id: number; rows?: unknown[]; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.rows ?? []);
  });
  worker.on('error', (err) => failAll(new ReadAsideUnavailable(`the read-aside worker failed: ${err.message}`)));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      failAll(failed ?? new ReadAsideUnavailable('the read-aside worker has stopped'));
      resolve();
    }),
  );
  return {
    rows(sql, parameters) {
      if (failed) return Promise.reject(failed);
      const id = ++nextId;
      return new Promise<unknown[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // While a query is out, the worker keeps the process alive until it answers.
        worker.ref();
        worker.postMessage({ id, sql, parameters });
      }).finally(() => {
        if (pending.size === 0) worker.unref();
      });
    },
    async stop() {
      if (failed) return;
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}

/** Which of the store's read-aside workers a query goes to (see the top of this file). */
export type ReadAsideLane = 'requests' | 'background';

/** How to reach the store's read-aside workers: a part of its runtime (null: queries run on the store). */
const asidePart = runtimePart<((lane: ReadAsideLane) => ReadAside) | null, Kysely<Database>>(
  'storage.read-aside',
  () => null,
);
/** Queries each lane's worker has answered in this process. */
const answeredPart = runtimePart<Record<ReadAsideLane, number>, Kysely<Database>>(
  'storage.read-aside-answered',
  () => ({
    requests: 0,
    background: 0,
  }),
);

/** Registers how to reach the store's read-aside workers (SQLite stores do when opened; each worker starts on first use). */
export function registerReadAside(db: Kysely<Database>, aside: (lane: ReadAsideLane) => ReadAside): void {
  runtimeOf(db).set(asidePart, aside);
}

/**
 * The rows of a read-only query, off the request path where the store allows it: on the
 * store's read-aside worker of that lane (SQLite), else on the store itself. A worker that fails
 * is not asked again; its query, and later ones, run on the store.
 */
export async function readAside<R>(
  db: Kysely<Database>,
  query: Compilable<R>,
  lane: ReadAsideLane = 'requests',
): Promise<R[]> {
  const compiled = query.compile();
  const aside = runtimeOf(db).peek(asidePart);
  if (aside) {
    try {
      const rows = (await aside(lane).rows(compiled.sql, compiled.parameters)) as R[];
      runtimeOf(db).use(answeredPart)[lane]++;
      return rows;
    } catch (err) {
      if (!(err instanceof ReadAsideUnavailable)) throw err;
      runtimeOf(db).set(asidePart, null);
    }
  }
  return (await db.executeQuery(compiled)).rows;
}

/** How many queries the store's read-aside worker of a lane has answered in this process (0 on PostgreSQL, where they run on the store). */
export function readAsideAnswered(db: Kysely<Database>, lane: ReadAsideLane): number {
  return runtimeOf(db).peek(answeredPart)?.[lane] ?? 0;
}
