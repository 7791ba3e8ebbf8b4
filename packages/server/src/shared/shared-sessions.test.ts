import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthenticatedSession } from '@zhongcao/core';
import { SessionCache } from '../http/auth.js';
import { startPrivateRedis } from '../test-support/private-services.js';
import { decodeInvalidation, encodeInvalidation, sessionKey } from './invalidation.js';
import { connectRedisState } from './redis-state.js';

const session = { kind: 'bearer' } as unknown as AuthenticatedSession;

test('invalidation messages carry the token hash, and a process ignores its own', () => {
  const key = sessionKey('tok_secret');
  assert.notEqual(key, 'tok_secret');
  const raw = encodeInvalidation('me', { kind: 'forget', key });
  assert.ok(!raw.includes('tok_secret'));
  assert.equal(decodeInvalidation('me', raw), null);
  assert.deepEqual(decodeInvalidation('other', raw), { kind: 'forget', key });
  assert.deepEqual(decodeInvalidation('other', encodeInvalidation('me', { kind: 'clear' })), { kind: 'clear' });
  assert.equal(decodeInvalidation('other', 'not json'), null);
  assert.equal(decodeInvalidation('other', '{"kind":"forget"}'), null);
});

async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return check();
}

test('a logout or a role change in one process empties the other processes’ caches through Redis, also after Redis restarts', {
  timeout: 60_000,
}, async () => {
  const redis = await startPrivateRedis();
  const a = connectRedisState(redis.url);
  const b = connectRedisState(redis.url);
  try {
    await Promise.all([a.ready, b.ready]);
    const cacheA = new SessionCache();
    const cacheB = new SessionCache();
    cacheA.connect(a.invalidations);
    cacheB.connect(b.invalidations);
    cacheA.set('tok_1', session);
    cacheB.set('tok_1', session);
    cacheB.set('tok_2', session);
    cacheA.forget('tok_1'); // logout on process A
    assert.ok(await eventually(() => cacheB.get('tok_1') === undefined, 500), 'B forgot the logged-out session');
    assert.equal(cacheB.get('tok_2'), session, 'other sessions stay');
    cacheA.clear(); // a role change on process A
    assert.ok(await eventually(() => cacheB.get('tok_2') === undefined, 500));

    await redis.stop(true);
    await redis.restart();
    await Promise.all([
      eventually(() => a.redis.status === 'ready', 10_000),
      eventually(() => b.redis.status === 'ready', 10_000),
    ]);
    await new Promise((r) => setTimeout(r, 300)); // the subscriber re-subscribes after its reconnect
    cacheB.set('tok_3', session);
    cacheA.forget('tok_3');
    assert.ok(
      await eventually(() => cacheB.get('tok_3') === undefined, 1_000),
      'invalidations flow again after a restart',
    );
  } finally {
    await a.close();
    await b.close();
    await redis.close();
  }
});

test('without invalidations a cached session still expires within a second in scaled mode', async () => {
  const cache = new SessionCache();
  cache.connect({ publish: () => {}, subscribe: () => {} });
  cache.set('tok', session);
  assert.equal(cache.get('tok'), session);
  await new Promise((r) => setTimeout(r, 1_050));
  assert.equal(cache.get('tok'), undefined);
});
