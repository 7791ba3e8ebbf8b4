/**
 * Fault: PostgreSQL restarts (fast shutdown: open transactions are aborted, connections dropped)
 * in the middle of a flash sale. Clients see 503 DATABASE_UNAVAILABLE (Retry-After: 1) or a broken connection,
 * retry with the same Idempotency-Key once it is back, and no order is half-written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSale, verifySale } from './flash-sale.ts';
import { startScaledCluster } from './scaled-cluster.ts';

test('restart PostgreSQL mid flash sale: retriable errors, never a half-written order', {
  timeout: 240_000,
}, async (t) => {
  const c = await startScaledCluster(t, 400);
  const run = await runSale(c.url, c.fx, async () => {
    await c.pg.stop('SIGINT');
    await new Promise((r) => setTimeout(r, 1_000));
    await c.pg.restart();
  });
  t.diagnostic(
    `${run.attempts} attempts: ${run.accepted} accepted, ${run.brokenAndRetried} retried (${JSON.stringify(run.retriedStatuses)}), ${run.unanswered} never answered`,
  );
  assert.ok(run.brokenAndRetried > 0, 'the restart was felt');
  assert.deepEqual(
    Object.keys(run.retriedStatuses).filter((s) => s !== '0' && s !== '503'),
    [],
    'the failures were broken connections or 503 DATABASE_UNAVAILABLE, never a 500',
  );
  assert.equal(run.unanswered, 0, 'every buyer got an answer once PostgreSQL was back');
  t.diagnostic(`api processes that ended and were replaced: ${c.apiDeaths()}`);
  assert.ok(c.workerAlive(), 'the worker-role process is still running');
  await c.stopRoles();
  await verifySale(c.dataDir, c.pg.url, run);
});
