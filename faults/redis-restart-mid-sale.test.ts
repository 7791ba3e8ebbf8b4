/**
 * Fault: Redis is killed, comes back empty and is flushed in the middle of a flash sale. The rate
 * limits let requests through while it is away (they fail open), nothing is oversold, and sessions
 * (which live in PostgreSQL) resolve on every api process afterwards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './cluster.ts';
import { runSale, verifySale } from './flash-sale.ts';
import { startScaledCluster } from './scaled-cluster.ts';

test('flush and restart Redis mid flash sale: no oversell, sessions resolve again', { timeout: 600_000 }, async (t) => {
  const c = await startScaledCluster(t, 400);
  const run = await runSale(c.url, c.fx, async () => {
    await c.redis.stop(true);
    await new Promise((r) => setTimeout(r, 1_000)); // orders keep coming while Redis is away
    await c.redis.restart(); // it keeps nothing on disk, so it comes back flushed: no counters, no subscribers until they reconnect
  });
  t.diagnostic(
    `${run.attempts} attempts: ${run.accepted} accepted, ${run.brokenAndRetried} retried (${JSON.stringify(run.retriedStatuses)}), ${run.unanswered} never answered; answers ${JSON.stringify(run.answers)}`,
  );
  assert.equal(run.unanswered, 0);
  // Every api process resolves a buyer's session again (both are asked: each connection goes to the next).
  for (let i = 0; i < 6; i++) {
    const me = await call(c.url, 'GET', '/api/v1/me', { authorization: `Bearer ${c.fx.buyers[i]!.token}` });
    assert.equal(me.status, 200, me.body);
  }
  t.diagnostic(`api processes that ended and were replaced: ${c.apiDeaths()}`);
  assert.ok(c.workerAlive(), 'the worker-role process is still running');
  await c.stopRoles();
  await verifySale(c.dataDir, c.pg.url, run);
});
