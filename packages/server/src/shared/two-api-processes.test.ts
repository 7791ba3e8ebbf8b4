import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { openTestCore, makePerson, TEST_PASSWORD } from '@zhongcao/core/test-support';
import { buildServer } from '../app.js';
import { startPrivateRedis } from '../test-support/private-services.js';
import { connectRedisState } from './redis-state.js';

// Two api "processes": two servers over one store, each with its own session cache and Redis connections.
test('two api processes share rate limits and see a logout on the other within a moment', {
  timeout: 60_000,
}, async () => {
  const redis = await startPrivateRedis();
  const core = await openTestCore();
  const states = [connectRedisState(redis.url), connectRedisState(redis.url)];
  const apps: FastifyInstance[] = [];
  try {
    await Promise.all(states.map((s) => s.ready));
    for (const shared of states) apps.push(await buildServer({ core, logLevel: 'silent', shared }));
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    await makePerson(core, 'scaled-buyer');

    const login = await a.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'scaled-buyer', password: TEST_PASSWORD, mode: 'token' },
    });
    assert.equal(login.statusCode, 200, login.body);
    const auth = { authorization: `Bearer ${(login.json() as { token: string }).token}` };
    assert.equal(
      (await b.inject({ method: 'GET', url: '/api/v1/me', headers: auth })).statusCode,
      200,
      'B resolves the session from the database and caches it',
    );
    assert.equal((await a.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: auth })).statusCode, 204);
    const loggedOut = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - loggedOut < 2_000) {
      status = (await b.inject({ method: 'GET', url: '/api/v1/me', headers: auth })).statusCode;
      if (status === 200) await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(status, 401);
    assert.ok(
      Date.now() - loggedOut < 500,
      `B stopped accepting the session ${Date.now() - loggedOut} ms after the logout (its cache keeps entries 1000 ms)`,
    );

    // The login limit (30 a minute per client) counts across both processes.
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) {
      const app = i % 2 === 0 ? a : b;
      codes.push(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            remoteAddress: '127.0.0.9',
            payload: { login: 'scaled-buyer', password: 'wrong-password-1', mode: 'token' },
          })
        ).statusCode,
      );
    }
    assert.equal(codes.filter((c) => c === 429).length, 2, `codes: ${codes.join(',')}`);
    assert.deepEqual(codes.slice(30), [429, 429]);
  } finally {
    for (const app of apps) await app.close();
    for (const s of states) await s.close();
    await core.dispose();
    await redis.close();
  }
});
