import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compiledOnce } from './compiled-once.js';
import { allByList, SHAPED_LIST_MAX } from './query-shapes.js';
import { makePerson, openTestCore } from '../test-support/index.js';

test('a query compiled once answers each call with its own values, in either dialect', async () => {
  const core = await openTestCore();
  try {
    const a = await makePerson(core, 'compiled-a');
    const b = await makePerson(core, 'compiled-b');
    const byLogin = compiledOnce((db, v) =>
      db.selectFrom('users').select(['id', 'login']).where('login', '=', v('login')).where('id', '!=', v('notId')),
    );
    assert.equal((await byLogin.takeFirst(core.ctx.db, { login: 'compiled-a', notId: 'x' }))?.id, a.userId);
    assert.equal((await byLogin.takeFirst(core.ctx.db, { login: 'compiled-b', notId: 'x' }))?.id, b.userId);
    assert.equal(
      await byLogin.takeFirst(core.ctx.db, { login: 'compiled-b', notId: b.userId }),
      undefined,
      'the second value is filled in too',
    );
    // A value that merely looks like a stand-in is passed through as data, never as SQL.
    assert.deepEqual(await byLogin.all(core.ctx.db, { login: "x' or 1=1 --", notId: 'x' }), []);
    await assert.rejects(byLogin.all(core.ctx.db, { login: 'compiled-a' }), /no value for notId/);
  } finally {
    await core.dispose();
  }
});

test('rows as arrays: the selected columns in order, with constants and values filled, in a transaction too', async () => {
  const core = await openTestCore();
  try {
    const a = await makePerson(core, 'arrays-a');
    const q = compiledOnce((db, v) =>
      db
        .selectFrom('users')
        .select(['login', 'id', 'created_at'])
        .where('login', '=', v('login'))
        .where('id', '!=', 'never-an-id'),
    );
    const [row] = await q.all(core.ctx.db, { login: 'arrays-a' });
    assert.equal(row?.id, a.userId);
    assert.equal(typeof row?.created_at, 'number');
    assert.deepEqual(await q.arrays(core.ctx.db, { login: 'arrays-a' }), [['arrays-a', a.userId, row.created_at]]);
    // The same statement as objects still answers objects (its SQL is not the marked one).
    assert.deepEqual(await q.all(core.ctx.db, { login: 'arrays-a' }), [row]);
    const inTx = await core.ctx.db.transaction().execute((tx) => q.arrays(tx, { login: 'arrays-a' }));
    assert.deepEqual(inTx, [['arrays-a', a.userId, row.created_at]]);
    assert.deepEqual(await q.arrays(core.ctx.db, { login: 'nobody' }), []);
    await assert.rejects(q.arrays(core.ctx.db, {}), /no value for login/);
  } finally {
    await core.dispose();
  }
});

test('a list longer than one shape holds is read in chunks: the same rows as one query, other values filled in each chunk', async () => {
  const core = await openTestCore();
  try {
    const people = [];
    for (let i = 0; i < SHAPED_LIST_MAX + 30; i++) people.push(await makePerson(core, `listed-${i}`));
    const ids = [...people.map((p) => p.userId), 'usr_none'];
    const byIds = (notLogin: string) =>
      allByList(
        core.ctx.db,
        'test.users',
        ids,
        (d, v, list) =>
          d.selectFrom('users').select(['id', 'login']).where('id', 'in', list).where('login', '!=', v('not')),
        { not: notLogin },
      );
    const plain = await core.ctx.db
      .selectFrom('users')
      .select(['id', 'login'])
      .where('id', 'in', ids)
      .where('login', '!=', 'listed-0')
      .execute();
    const chunked = await byIds('listed-0');
    assert.equal(chunked.length, SHAPED_LIST_MAX + 29, 'every listed person but the excluded one');
    assert.deepEqual(chunked.map((r) => r.id).sort(), plain.map((r) => r.id).sort());
    assert.equal(
      (await byIds('listed-5')).find((r) => r.login === 'listed-0')?.login,
      'listed-0',
      'each call its own values',
    );
    assert.deepEqual(
      await allByList(core.ctx.db, 'test.users', [], () => core.ctx.db.selectFrom('users').select('id')),
      [],
    );
  } finally {
    await core.dispose();
  }
});
