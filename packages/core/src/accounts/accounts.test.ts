import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore, TEST_PASSWORD } from '../test-support/index.js';
import { statementsExecuted } from '../storage/index.js';
import { authenticate, loadActor, logIn, logOut, register, SESSION_TTL_MS } from './accounts.js';
import { authenticateMany } from './session-lookup.js';

test('register, log in with argon2id, authenticate, log out', async () => {
  const core = await openTestCore();
  try {
    const user = await register(core.ctx, {
      login: 'Xiao-Hong',
      password: 'correct horse',
      displayName: '小红',
      roles: ['creator'],
    });
    assert.equal(user.login, 'xiao-hong');
    assert.deepEqual(
      user.roles.map((r) => r.role),
      ['creator', 'shopper'],
      'one person may hold several roles',
    );
    const hash = await core.ctx.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    assert.match(hash.password_hash, /^\$argon2id\$/);
    await assert.rejects(register(core.ctx, { login: 'xiao-hong', password: 'another pass', displayName: 'x' }), {
      code: 'LOGIN_TAKEN',
    });
    await assert.rejects(logIn(core.ctx, { login: 'xiao-hong', password: 'wrong password' }, 'cookie'), {
      code: 'INVALID_CREDENTIALS',
    });
    await assert.rejects(logIn(core.ctx, { login: 'nobody', password: 'wrong password' }, 'cookie'), {
      code: 'INVALID_CREDENTIALS',
    });
    const session = await logIn(core.ctx, { login: 'XIAO-HONG', password: 'correct horse' }, 'bearer');
    const auth = await authenticate(core.ctx, session.token);
    assert.equal(auth?.actor.userId, user.id);
    assert.equal(auth?.kind, 'bearer');
    await logOut(core.ctx, session.token);
    assert.equal(await authenticate(core.ctx, session.token), null);
    const later = await logIn(core.ctx, { login: 'xiao-hong', password: 'correct horse' }, 'cookie');
    core.clock.advance(SESSION_TTL_MS + 1);
    assert.equal(await authenticate(core.ctx, later.token), null, 'sessions expire');
  } finally {
    await core.dispose();
  }
});

test('weak or malformed credentials are refused before anything is stored', async () => {
  const core = await openTestCore();
  try {
    await assert.rejects(register(core.ctx, { login: 'ab', password: 'long enough', displayName: 'x' }), {
      code: 'INVALID_INPUT',
    });
    await assert.rejects(register(core.ctx, { login: 'okay-name', password: 'short', displayName: 'x' }), {
      code: 'INVALID_INPUT',
    });
    await assert.rejects(register(core.ctx, { login: 'has space', password: 'long enough', displayName: 'x' }), {
      code: 'INVALID_INPUT',
    });
    const n = await core.ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0);
  } finally {
    await core.dispose();
  }
});

test('a session resolves, in one statement, to its person with the roles and shops loadActor gives', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'auth-owner');
    const creator = await makePerson(core, 'auth-creator', ['creator']);
    for (const [person, kind] of [
      [shop.owner, 'cookie'],
      [creator, 'bearer'],
    ] as const) {
      const session = await logIn(core.ctx, { login: person.login, password: TEST_PASSWORD }, kind);
      const before = statementsExecuted();
      const auth = await authenticate(core.ctx, session.token);
      assert.equal(statementsExecuted() - before, 1, 'one statement per session resolved');
      const actor = await loadActor(core.ctx.db, person.userId);
      assert.deepEqual(auth?.actor, actor);
      assert.equal(auth?.kind, kind);
      assert.equal(auth?.csrfToken, session.csrfToken);
    }
    assert.deepEqual([...(await loadActor(core.ctx.db, shop.owner.userId)).shops], [[shop.shopId, 'owner']]);
    assert.equal(await authenticate(core.ctx, 'no-such-token'), null);
  } finally {
    await core.dispose();
  }
});

test('many sessions resolve in one statement, each to what authenticate gives it alone', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'many-owner');
    const creator = await makePerson(core, 'many-creator', ['creator']);
    const shopper = await makePerson(core, 'many-shopper');
    const owner = await logIn(core.ctx, { login: shop.owner.login, password: TEST_PASSWORD }, 'cookie');
    const made = await logIn(core.ctx, { login: creator.login, password: TEST_PASSWORD }, 'bearer');
    const second = await logIn(core.ctx, { login: creator.login, password: TEST_PASSWORD }, 'cookie');
    const gone = await logIn(core.ctx, { login: shopper.login, password: TEST_PASSWORD }, 'bearer');
    await logOut(core.ctx, gone.token);
    const tokens = [owner.token, made.token, second.token, gone.token, 'no-such-token'];
    const before = statementsExecuted();
    const many = await authenticateMany(core.ctx, tokens);
    assert.equal(statementsExecuted() - before, 1, 'one statement for all of them');
    assert.equal(many.size, tokens.length);
    for (const t of tokens) assert.deepEqual(many.get(t), await authenticate(core.ctx, t), 'the same answer as alone');
    assert.deepEqual([...many.get(owner.token)!.actor.shops], [[shop.shopId, 'owner']]);
    assert.equal(many.get(made.token)?.kind, 'bearer');
    assert.equal(many.get(gone.token), null, 'a revoked session');
    assert.equal(many.get('no-such-token'), null);
    core.clock.advance(SESSION_TTL_MS + 1);
    const later = await authenticateMany(core.ctx, [owner.token]);
    assert.equal(later.get(owner.token), null, 'sessions expire');
  } finally {
    await core.dispose();
  }
});
