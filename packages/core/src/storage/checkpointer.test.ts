import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { startCheckpointer } from './checkpointer.js';

const MiB = 1024 * 1024;
const walSize = (file: string): number => {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
};

/**
 * Writes that never pause (as a seed or a rebuild does: a transaction, a few microtasks, the next) against the background checkpoints; returns the largest WAL seen and the bytes
 * of pages the transactions wrote.
 */
async function writeBusily(maxWalBytes: number) {
  const dir = mkdtempSync(join(tmpdir(), 'zhongcao-wal-'));
  const file = join(dir, 'store.db');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.exec('create table t (k integer primary key, v blob not null); create index t_v on t (v)');
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const checkpointer = startCheckpointer(sqlite, file, driver, { intervalMs: 10, maxWalBytes, lockWaitMs: 2000 });
  const insert = sqlite.prepare('insert or replace into t (k, v) values (?, randomblob(300))');
  const batch = sqlite.transaction((from: number) => {
    for (let i = 0; i < 60; i++) insert.run((from + i * 7919) % 20_000);
  });
  let largest = 0;
  let txs = 0;
  try {
    const until = Date.now() + 2500;
    while (Date.now() < until) {
      batch(txs * 60);
      txs++;
      // As the store's driver does between its turns.
      const pause = checkpointer.pauseIfDue();
      if (pause) await pause;
      if (txs % 10 === 0) largest = Math.max(largest, walSize(file));
      // Only microtasks between transactions, as a seed's awaits on a synchronous driver: the
      // event loop never turns, so no message from the thread could arrive meanwhile.
      await Promise.resolve();
    }
    // Each row goes to a page of the table and one of the index, written whole into the WAL.
    const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
    return { largest, written: pageSize * txs * 60 * 2, truncations: { ...checkpointer.truncations } };
  } finally {
    await checkpointer.stop();
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('under writes that never pause, the WAL is truncated once it passes its bound instead of growing without end', async () => {
  const bound = 2 * MiB;
  const { largest, written, truncations } = await writeBusily(bound);
  const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;
  assert.ok(written > 40 * MiB, `the writes dirtied ${mib(written)} of pages`);
  assert.ok(truncations.done > 0, `truncating checkpoints went through (${truncations.done} of ${truncations.tried})`);
  // Unbounded (no truncation), the WAL outgrows the pages written (about 1.7 times, measured: every
  // frame appended, index pages counted once here); bounded, it holds a few rounds of writes between
  // the thread's looks at it: every 10 ms quiet (about a sixth of the writes), far fewer on two busy
  // cores (a quarter and more seen under a full test run). Half keeps a threefold margin on both sides.
  assert.ok(largest < written / 2, `the WAL stayed near its bound: largest ${mib(largest)} of ${mib(written)} written`);
});
