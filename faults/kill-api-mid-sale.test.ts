/**
 * Fault: an api process is killed with -9 in the middle of a flash sale on PostgreSQL. Buyers whose
 * connection broke retry with the same Idempotency-Key. Afterwards: nothing oversold, nobody over
 * the per-person limit, no order without its lines, the sale's counter equals the orders, and the
 * ledger check passes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSale, verifySale } from './flash-sale.ts';
import { startScaledCluster } from './scaled-cluster.ts';

test('kill -9 an api process mid flash sale: 0 oversold, no half-written order, the ledger balances', {
  timeout: 240_000,
}, async (t) => {
  const c = await startScaledCluster(t, 400);
  const run = await runSale(c.url, c.fx, () => {
    process.kill(c.apiPids[0]!, 'SIGKILL');
  });
  t.diagnostic(
    `${run.attempts} attempts: ${run.accepted} accepted, ${run.brokenAndRetried} broken and retried, ${run.unanswered} never answered`,
  );
  assert.equal(run.unanswered, 0, 'every buyer got an answer after retrying');
  assert.ok(c.workerAlive(), 'the worker-role process is still running');
  await c.stopRoles();
  await verifySale(c.dataDir, c.pg.url, run);
});
