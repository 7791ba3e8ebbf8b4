import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { openStorage } from './database.js';

const url = process.env.DATABASE_URL;

async function admin<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Runs `n` queries at once so the pool opens `n` connections; returns their server pids. */
async function openConnections(db: ReturnType<typeof openStorage>['db'], n: number): Promise<number[]> {
  const rows = await Promise.all(
    Array.from({ length: n }, () => sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(db)),
  );
  return [...new Set(rows.map((r) => Number(r.rows[0]!.pid)))];
}

test('PostgreSQL: an idle connection the server drops is replaced; closing leaves no connection open', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-db-'));
  try {
    if (!url) {
      // The embedded store has no connections to lose; closing it twice is harmless.
      const storage = openStorage({ dataDir });
      assert.equal(storage.dialect, 'sqlite');
      await storage.close();
      return;
    }
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await admin(`create schema ${schema}`);
    const lost: Error[] = [];
    const storage = openStorage({
      dataDir,
      databaseUrl: url,
      pgSchema: schema,
      pgPoolSize: 4,
      onConnectionLost: (err) => lost.push(err),
    });
    try {
      const pids = await openConnections(storage.db, 4);
      assert.ok(pids.length >= 2, `several connections are open (${pids.length})`);
      // The server ends them while they sit idle in the pool (a restart or a proxy's idle timeout).
      await admin('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [pids]);
      for (let i = 0; i < 50 && lost.length < pids.length; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(lost.length, pids.length, 'each lost connection is reported, none crashes the process');
      assert.match(lost[0]!.message, /terminat/);
      const again = await openConnections(storage.db, 2);
      assert.ok(
        again.every((pid) => !pids.includes(pid)),
        'new connections replace the lost ones',
      );

      const last = await openConnections(storage.db, 4);
      const watcher = new pg.Client({ connectionString: url });
      await watcher.connect();
      try {
        await storage.close();
        const left = await watcher.query('select pid from pg_stat_activity where pid = any($1::int[])', [last]);
        assert.deepEqual(left.rows, [], 'every connection has closed once close() resolves');
      } finally {
        await watcher.end();
      }
    } finally {
      await admin(`drop schema if exists ${schema} cascade`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
