import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compiledOnce } from './compiled-once.js';
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
