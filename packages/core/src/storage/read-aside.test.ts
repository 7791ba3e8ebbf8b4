import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestCore } from '../test-support/index.js';
import { openStorage } from './database.js';
import { readAside, readAsideAnswered, ReadAsideUnavailable, registerReadAside, startReadAside } from './read-aside.js';

test('a query sent aside reads what the store has committed, with the same rows as on the store', async () => {
  const core = await openTestCore();
  try {
    const db = core.ctx.db;
    const now = core.clock.now();
    await db
      .insertInto('users')
      .values(
        [0, 1, 2].map((i) => ({
          id: `usr_aside${i}`,
          login: `aside${i}`,
          display_name: `读者 ${i}`,
          password_hash: 'x',
          created_at: now + i,
        })),
      )
      .execute();
    const query = db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('login', 'like', 'aside%')
      .orderBy('created_at', 'desc');
    const aside = await readAside(db, query);
    assert.deepEqual(aside, await query.execute());
    // The background lane (long reads of background work) answers the same, on its own worker, counted apart.
    const counts = () => [readAsideAnswered(db, 'requests'), readAsideAnswered(db, 'background')];
    const before = counts();
    assert.deepEqual(await readAside(db, query, 'background'), aside);
    assert.deepEqual(
      counts(),
      core.ctx.dialect === 'sqlite' ? [before[0], before[1]! + 1] : [0, 0],
      'on SQLite the background worker answered it; on PostgreSQL the store did',
    );
    assert.deepEqual(
      aside.map((r) => r.id),
      ['usr_aside2', 'usr_aside1', 'usr_aside0'],
    );
    // A write committed just now is seen by the next query sent aside.
    await db.updateTable('users').set({ display_name: '改名' }).where('id', '=', 'usr_aside1').execute();
    const again = await readAside(db, db.selectFrom('users').select('display_name').where('id', '=', 'usr_aside1'));
    assert.deepEqual(again, [{ display_name: '改名' }]);
    // A query's own error is the caller's.
    await assert.rejects(
      readAside(
        db,
        db
          .selectFrom('users')
          .select('id')
          .where('no_such_column' as 'id', '=', 'x'),
      ),
      /no_such_column|column/,
    );
    assert.equal(
      (await readAside(db, db.selectFrom('users').select('id').where('id', '=', 'usr_aside0'))).length,
      1,
      'still served after a bad query',
    );
    // On SQLite the query really went to the worker's read-only connection; on PostgreSQL it runs on the store.
    const write = readAside(
      db,
      db
        .insertInto('users')
        .values({ id: 'usr_aside9', login: 'aside9', display_name: 'x', password_hash: 'x', created_at: now })
        .returning('id'),
    );
    if (core.ctx.dialect === 'sqlite') await assert.rejects(write, /readonly/);
    else assert.deepEqual(await write, [{ id: 'usr_aside9' }]);
  } finally {
    await core.dispose();
  }
});

// On SQLite whatever the suite's store: the worker is SQLite's.
test('a stopped worker refuses with ReadAsideUnavailable, and the store answers instead', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhongcao-aside-'));
  const storage = openStorage({ dataDir: dir });
  try {
    await storage.db.schema.createTable('users').addColumn('id', 'text').addColumn('login', 'text').execute();
    await storage.db
      .insertInto('users')
      .values({ id: 'usr_1', login: 'one' } as never)
      .execute();
    const worker = startReadAside(join(dir, 'zhongcao.db'), createRequire(import.meta.url).resolve('better-sqlite3'));
    assert.deepEqual(await worker.rows('select login from users', []), [{ login: 'one' }]);
    await worker.stop();
    await assert.rejects(worker.rows('select login from users', []), ReadAsideUnavailable);
    registerReadAside(storage.db, () => worker);
    assert.deepEqual(await readAside(storage.db, storage.db.selectFrom('users').select('login')), [{ login: 'one' }]);
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
