/**
 * `bench checkout`: complete checkouts over HTTP against the real server in a child process —
 * POST /api/v1/checkout (201) and then the signed sandbox payment.succeeded notification (200),
 * 32 workers for 20 s, rotating over 2,000 buyers and 4 SKUs with plenty of stock.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { makeFixtures } from './fixtures.js';
import { ErrorSampler, notifyPaid, openPool, placeCheckout, runFor } from './http-load.js';
import { latencySummary } from './percentiles.js';
import { freshStore, log, Scope } from './resources.js';
import { startServerChild } from './server-child.js';

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
    log(`checkout: ${store.dialect}, ${CONCURRENCY} workers × ${seconds} s, ${BUYERS} buyers, ${SKUS} SKUs × ${STOCK_PER_SKU}`);
    const fx = await makeFixtures(store, { stockPerSku: Array<number>(SKUS).fill(STOCK_PER_SKU), buyers: BUYERS });
    const secret = randomBytes(24).toString('hex');
    const server = await startServerChild(scope, store, secret);
    const pool = openPool(scope, server.origin, CONCURRENCY);

    const run = randomBytes(4).toString('hex');
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
    if (scope.signal.aborted) throw new Error('interrupted');
    if (errors) log(`checkout errors: ${sampler.summary()}`);
    const { p50, p99 } = latencySummary(latencies);
    return {
      bench: 'checkout',
      dialect: store.dialect,
      concurrency: CONCURRENCY,
      seconds,
      orders_per_s: Math.round((latencies.length / (elapsedMs / 1000)) * 10) / 10,
      p50_ms: p50,
      p99_ms: p99,
      errors,
      completed: latencies.length,
    };
  } finally {
    await scope.close();
  }
}
