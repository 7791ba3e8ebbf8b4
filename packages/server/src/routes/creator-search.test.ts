import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';

test('creators are found by handle prefix, display name or id, for shops, MCNs and colonels only; wildcards are literal', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'cs-shop');
    const mcn = await makePerson(s.core, 'cs-mcn', ['mcn']);
    const shopper = await makePerson(s.core, 'cs-shopper');
    const a = await makePerson(s.core, 'lily_fruit', ['creator']);
    await s.core.ctx.db.updateTable('users').set({ display_name: '莉莉爱水果' }).where('id', '=', a.userId).execute();
    const b = await makePerson(s.core, 'lily', ['creator']);
    const c = await makePerson(s.core, 'tom', ['creator']);
    await makePerson(s.core, 'lily_shopper'); // not a creator
    await s.core.ctx.db
      .insertInto('follows')
      .values([{ follower_id: shopper.userId, followee_id: a.userId, created_at: 1 }])
      .execute();
    const ownerToken = await s.tokenFor(shop.owner.userId);
    const find = async (q: string, token = ownerToken) =>
      s.call('GET', `/api/v1/affiliate/creators?q=${encodeURIComponent(q)}`, { token });
    const ids = async (q: string, token?: string) =>
      ((await find(q, token)).json() as { items: Array<{ id: string }> }).items.map((i) => i.id);

    const res = await find('LILY');
    assert.equal(res.statusCode, 200, res.body);
    const items = (
      res.json() as { items: Array<{ id: string; login: string; displayName: string; followers: number }> }
    ).items;
    assert.deepEqual(
      items.map((i) => i.login),
      ['lily', 'lily_fruit'],
      'the exact handle first; non-creators never',
    );
    assert.deepEqual(Object.keys(items[0]!).sort(), ['displayName', 'followers', 'id', 'login']);
    assert.equal(items[1]!.followers, 1);
    assert.deepEqual(await ids('爱水果'), [a.userId], 'by display name');
    assert.deepEqual(await ids(c.userId), [c.userId], 'by id');
    assert.deepEqual(await ids('%'), [], 'a wildcard is a literal character');
    assert.deepEqual(await ids('_'), [], 'so is an underscore at the start');
    assert.deepEqual(await ids('lily_'), [a.userId]);
    assert.deepEqual(await ids('lily', await s.tokenFor(mcn.userId)), [b.userId, a.userId], 'MCNs search too');
    assert.equal((await find('lily', await s.tokenFor(shopper.userId))).statusCode, 403);
    assert.equal((await s.call('GET', '/api/v1/affiliate/creators?q=lily')).statusCode, 401);
    assert.equal((await find('')).statusCode, 400);
    assert.equal((await find('x'.repeat(41))).statusCode, 400);
  } finally {
    await s.close();
  }
});
