/**
 * `bench checkout`: complete checkouts over HTTP against the real server in a child process —
 * POST /api/v1/checkout (201) and then the signed sandbox payment.succeeded notification (200),
 * 32 workers for 20 s, rotating over 2,000 buyers and 4 SKUs with plenty of stock. Then the same
 * load from the same generator against bare-checkout-server.ts (one durable write per request, on
 * the same storage stack): the yardstick of what this machine allows. The server's CPU time and SQL
 * statements per paid order (from its /metrics) are reported too: they hold on a busy machine,
 * where the rates do not.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';
import { makeFixtures } from './fixtures.js';
import { ErrorSampler, get, notifyPaid, openPool, placeCheckout, runFor } from './http-load.js';
import { latencySummary } from './percentiles.js';
import { freshStore, log, Scope } from './resources.js';
import { startScriptChild, startServerChild } from './server-child.js';
import { cpuMsPer, serverCpuSeconds } from './server-metrics.js';

export interface CheckoutResult {
  bench: 'checkout';
  dialect: 'sqlite' | 'postgres';
  concurrency: number;
  seconds: number;
  orders_per_s: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  completed: number;
  /** The server's CPU time (all its threads) per paid order (checkout and notification), in ms. */
  server_cpu_ms_per_order: number | null;
  /** SQL statements the server ran per paid order (transaction control included). */
  sql_statements_per_order: number | null;
  /** The same load against bare-checkout-server.ts (one durable write per request), in the same run. */
  bare_server_orders_per_s: number;
  bare_server_cpu_ms_per_order: number | null;
}

const CONCURRENCY = 32;
const BUYERS = 2_000;
const SKUS = 4;
const STOCK_PER_SKU = 1_000_000;
export const TARGET_ORDERS_PER_S = 1_000;

export async function benchCheckout(seconds: number): Promise<CheckoutResult> {
  const scope = new Scope();
  try {
    const store = await freshStore(scope);
    log(
      `checkout: ${store.dialect}, ${CONCURRENCY} workers × ${seconds} s, ${BUYERS} buyers, ${SKUS} SKUs × ${STOCK_PER_SKU}`,
    );
    const fx = await makeFixtures(store, { stockPerSku: Array<number>(SKUS).fill(STOCK_PER_SKU), buyers: BUYERS });
    const secret = randomBytes(24).toString('hex');
    const server = await startServerChild(scope, store, secret);
    const pool = openPool(scope, server.origin, CONCURRENCY);

    const run = randomBytes(4).toString('hex');
    const before = { cpu: await serverCpuSeconds(pool), statements: await serverStatements(pool) };
    const real = await drive(scope, pool, fx, secret, run, seconds);
    const after = { cpu: await serverCpuSeconds(pool), statements: await serverStatements(pool) };
    await pool.destroy();
    await server.stop();
    if (scope.signal.aborted) throw new Error('interrupted');
    if (real.errors) log(`checkout errors: ${real.sampler.summary()}`);

    // The yardstick: the same load against a server doing one durable write per request.
    const bareDir = mkdtempSync(join(tmpdir(), 'zhongcao-bench-bare-'));
    scope.defer("remove the bare server's temp dir", () => rmSync(bareDir, { recursive: true, force: true }));
    const bare = await startScriptChild(scope, 'bare-checkout-server.js', [bareDir]);
    const barePool = openPool(scope, bare.origin, CONCURRENCY);
    await Promise.all(Array.from({ length: CONCURRENCY }, () => get(barePool, '/warm')));
    const bareCpuBefore = await serverCpuSeconds(barePool);
    const yardstick = await drive(scope, barePool, fx, secret, `bare-${run}`, seconds);
    const bareCpuAfter = await serverCpuSeconds(barePool);
    await barePool.destroy();
    await bare.stop();
    if (scope.signal.aborted) throw new Error('interrupted');
    if (yardstick.errors) log(`bare checkout errors: ${yardstick.sampler.summary()}`);

    const { p50, p99 } = latencySummary(real.latencies);
    const rate = (d: Driven): number => Math.round((d.latencies.length / (d.elapsedMs / 1000)) * 10) / 10;
    return {
      bench: 'checkout',
      dialect: store.dialect,
      concurrency: CONCURRENCY,
      seconds,
      orders_per_s: rate(real),
      p50_ms: p50,
      p99_ms: p99,
      errors: real.errors,
      completed: real.latencies.length,
      server_cpu_ms_per_order: cpuMsPer(before.cpu, after.cpu, real.latencies.length),
      sql_statements_per_order:
        before.statements === null || after.statements === null || real.latencies.length === 0
          ? null
          : Math.round(((after.statements - before.statements) / real.latencies.length) * 10) / 10,
      bare_server_orders_per_s: rate(yardstick),
      bare_server_cpu_ms_per_order: cpuMsPer(bareCpuBefore, bareCpuAfter, yardstick.latencies.length),
    };
  } finally {
    await scope.close();
  }
}

interface Driven {
  latencies: number[];
  errors: number;
  elapsedMs: number;
  sampler: ErrorSampler;
}

/** The load: CONCURRENCY workers each placing a checkout and then sending its payment notification, for `seconds`. */
async function drive(
  scope: Scope,
  pool: Pool,
  fx: { buyers: Array<{ token: string }>; skuIds: string[] },
  secret: string,
  run: string,
  seconds: number,
): Promise<Driven> {
  const latencies: number[] = [];
  const sampler = new ErrorSampler();
  let next = 0;
  let errors = 0;
  const elapsedMs = await runFor(CONCURRENCY, seconds * 1000, scope.signal, async () => {
    const n = next++;
    const buyer = fx.buyers[n % BUYERS]!;
    const skuId = fx.skuIds[n % SKUS]!;
    const t0 = performance.now();
    const { reply, placed } = await placeCheckout(pool, buyer.token, skuId, `bench-${run}-${n}`);
    if (scope.signal.aborted) return;
    if (!placed) {
      errors++;
      return sampler.note('checkout', reply);
    }
    const paid = await notifyPaid(pool, secret, placed, `${run}_${n}`);
    if (scope.signal.aborted) return;
    if (paid.status < 200 || paid.status >= 300) {
      errors++;
      return sampler.note('payment notification', paid);
    }
    latencies.push(performance.now() - t0);
  });
  return { latencies, errors, elapsedMs, sampler };
}

/** SQL statements the server has run so far, from its /metrics (null if it does not say). */
async function serverStatements(pool: Pool): Promise<number | null> {
  const reply = await get(pool, '/metrics');
  const m = /^zhongcao_sql_statements_total\s+([0-9.e+]+)/m.exec(reply.body);
  return m ? Number(m[1]) : null;
}
