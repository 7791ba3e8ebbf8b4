/**
 * The write gate of a SQLite store (write-gate.ts): while the writing thread holds it, the serving
 * connection's writes wait without blocking the event loop and its reads go on; a transaction
 * holds it from begin to commit or rollback; SQLite tells which statements write.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openStorage } from './database.js';
import { storeAccessOf } from './store-access.js';
import { GATE_SERVING, GATE_THREAD, WriteGate, writeClassifier } from './write-gate.js';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withSqlite(fn: (s: ReturnType<typeof openStorage>, gate: WriteGate) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zhongcao-gate-'));
  const storage = openStorage({ dataDir: dir });
  try {
    await sql`create table t (id integer primary key, v text)`.execute(storage.db);
    const access = storeAccessOf(storage.db);
    assert.ok(access?.dialect === 'sqlite' && access.gate, 'a SQLite store has a gate');
    await fn(storage, new WriteGate(access.gate, GATE_THREAD));
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('while the thread holds the gate, a write waits off the event loop and reads go on', async () => {
  await withSqlite(async ({ db }, thread) => {
    assert.equal(thread.enter(), null, 'free: taken at once');
    let written = false;
    const write = sql`insert into t (v) values ('a')`.execute(db).then(() => (written = true));
    const ticks = await new Promise<number>((resolve) => {
      let n = 0;
      const timer = setInterval(() => {
        if (++n === 5) {
          clearInterval(timer);
          resolve(n);
        }
      }, 5);
    });
    assert.equal(ticks, 5, 'the event loop turned while the write waited');
    const read = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
    assert.equal(Number(read.rows[0]!.n), 0, 'a read went ahead of the waiting write');
    assert.equal(written, false);
    thread.leave();
    await write;
    assert.equal(written, true);
    assert.equal(thread.holder(), 0, 'the write gave the gate back');
  });
});

test('whoever leaves hands the gate to the side waiting: the serving writes that waited all go, then the thread', async () => {
  await withSqlite(async ({ db }, thread) => {
    assert.equal(thread.enter(), null);
    const order: string[] = [];
    const w1 = sql`insert into t (v) values ('a')`.execute(db).then(() => order.push('a'));
    const w2 = sql`insert into t (v) values ('b')`.execute(db).then(() => order.push('b'));
    await delay(20);
    assert.deepEqual(order, [], 'both wait for the thread');
    thread.leave();
    assert.equal(thread.holder(), GATE_SERVING, 'handed to the waiting serving side as the thread left');
    // The thread waits for the gate again (the flag its blocking wait raises).
    Atomics.store(thread.word, 2, 1);
    await Promise.all([w1, w2]);
    assert.deepEqual(order, ['a', 'b']);
    assert.equal(thread.holder(), GATE_THREAD, 'both waiting writes went, then the gate was handed to the thread');
    Atomics.store(thread.word, 2, 0); // taken: the thread's wait ends
    let done = false;
    const w3 = sql`insert into t (v) values ('c')`.execute(db).then(() => (done = true));
    await delay(20);
    assert.equal(done, false, 'a write that came after waits for the thread');
    thread.leave();
    await w3;
    assert.equal(thread.holder(), 0, 'nobody waits: the gate is free');
    const rows = await sql<{ v: string }>`select v from t order by id`.execute(db);
    assert.deepEqual(
      rows.rows.map((r) => r.v),
      ['a', 'b', 'c'],
    );
  });
});

test('a transaction holds the gate from begin to commit, and a rollback gives it back', async () => {
  await withSqlite(async ({ db }, thread) => {
    await db.transaction().execute(async (trx) => {
      await sql`insert into t (v) values ('b')`.execute(trx);
      assert.equal(thread.holder(), GATE_SERVING);
      await delay(5);
      assert.equal(thread.holder(), GATE_SERVING, 'held across the awaits of the transaction');
    });
    assert.equal(thread.holder(), 0);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await sql`insert into t (v) values ('c')`.execute(trx);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.equal(thread.holder(), 0, 'the rollback gave it back');
    const rows = await sql<{ v: string }>`select v from t order by id`.execute(db);
    assert.deepEqual(
      rows.rows.map((r) => r.v),
      ['b'],
    );
    // The thread side takes it when free, and a holder's thread that died is released by its owner.
    assert.equal(thread.enter(), null);
    thread.releaseFor(GATE_THREAD);
    assert.equal(thread.holder(), 0);
  });
});

test('SQLite tells which statements write', () => {
  const sqlite = new SQLite(':memory:');
  try {
    sqlite.exec('create table t (id integer primary key, v text)');
    const writes = writeClassifier((s) => sqlite.prepare(s));
    assert.equal(writes('select * from t'), false);
    assert.equal(writes('with x as (select 1 as a) select a from x'), false);
    assert.equal(writes('insert into t (v) values (?)'), true);
    assert.equal(writes('insert into t (v) values (?) returning id'), true);
    assert.equal(writes('update t set v = ? where id = ?'), true);
    assert.equal(writes('delete from t'), true);
    assert.equal(writes('select * from no_such_table'), true, 'one that does not prepare fails on its own');
  } finally {
    sqlite.close();
  }
});
