import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStorage } from './database.js';

test('SQLite: one turn at a time in arrival order; a transaction keeps the connection across its awaits', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhongcao-fifo-'));
  const store = openStorage({ dataDir: dir });
  try {
    const db = store.db;
    await sql`create table t (k integer primary key, v text not null)`.execute(db);
    const seen: string[] = [];
    const tx = db.transaction().execute(async (trx) => {
      await sql`insert into t (k, v) values (1, 'a')`.execute(trx);
      seen.push('tx: inserted');
      // A timer turn: a statement let onto the connection here would run inside this transaction.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await sql`update t set v = 'b' where k = 1`.execute(trx);
      seen.push('tx: updated');
    });
    const read = sql<{ v: string }>`select v from t where k = 1`
      .execute(db)
      .then((r) => seen.push(`read: ${r.rows[0]?.v ?? 'none'}`));
    const write = sql`insert into t (k, v) values (2, 'c')`.execute(db).then(() => seen.push('write'));
    await Promise.all([tx, read, write]);
    assert.deepEqual(seen, ['tx: inserted', 'tx: updated', 'read: b', 'write']);
    // A transaction that fails gives the connection back after its rollback; the next turns run.
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await sql`insert into t (k, v) values (3, 'd')`.execute(trx);
        throw new Error('give up');
      }),
      /give up/,
    );
    const counts = await Promise.all(
      Array.from({ length: 50 }, () => sql<{ n: number }>`select count(*) as n from t`.execute(db)),
    );
    assert.deepEqual(new Set(counts.map((r) => Number(r.rows[0]!.n))), new Set([2]));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
