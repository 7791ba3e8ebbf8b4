/**
 * `bench oversell`: 5,000 buyers each try to buy 1 unit of a SKU with stock 1,000, all at once over
 * HTTP; every 201 is paid through the signed sandbox notification. The final state is then read
 * from the database: exactly 1,000 paid orders, stock 0, nothing oversold, stock never negative.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStorage } from '@zhongcao/core';
import { makeFixtures } from './fixtures.js';
import { ErrorSampler, notifyPaid, openPool, placeCheckout } from './http-load.js';
import { freshStore, log, Scope, type BenchStore } from './resources.js';
import { startServerChild } from './server-child.js';

export interface OversellResult {
  bench: 'oversell';
  dialect: 'sqlite' | 'postgres';
  buyers: number;
  initial_stock: number;
  paid_orders: number;
  final_stock: number;
  oversold: number;
  rejected_out_of_stock: number;
  errors: number;
  seconds: number;
  /** Lowest stock seen while the run was going, the final stock, and stock + live reservations = initial stock. */
  stock_never_negative: boolean;
}

const BUYERS = 5_000;
const INITIAL_STOCK = 1_000;
const CONNECTIONS = 1_000;

export async function benchOversell(): Promise<OversellResult> {
  const scope = new Scope();
  try {
    const store = await freshStore(scope);
    log(
      `oversell: ${store.dialect}, ${BUYERS} buyers at once for a SKU with stock ${INITIAL_STOCK}, ${CONNECTIONS} connections`,
    );
    const fx = await makeFixtures(store, { stockPerSku: [INITIAL_STOCK], buyers: BUYERS });
    const skuId = fx.skuIds[0]!;
    const secret = randomBytes(24).toString('hex');
    const server = await startServerChild(scope, store, secret);
    const pool = openPool(scope, server.origin, CONNECTIONS);
    const watcher = watchStock(scope, store, skuId);

    const run = randomBytes(4).toString('hex');
    const sampler = new ErrorSampler();
    let rejected = 0;
    let errors = 0;
    let paid = 0;
    const t0 = performance.now();
    await Promise.all(
      fx.buyers.map(async (buyer, n) => {
        const { reply, placed } = await placeCheckout(pool, buyer.token, skuId, `oversell-${run}-${n}`);
        if (!placed) {
          if (reply.status === 409 && errorCode(reply.body) === 'OUT_OF_STOCK') rejected++;
          else {
            errors++;
            sampler.note('checkout', reply);
          }
          return;
        }
        const res = await notifyPaid(pool, secret, placed, `${run}_${n}`);
        if (res.status >= 200 && res.status < 300) paid++;
        else {
          errors++;
          sampler.note('payment notification', res);
        }
      }),
    );
    const seconds = Math.round((performance.now() - t0) / 10) / 100;
    const minSeen = await watcher.stop();
    log(
      `oversell: ${paid} payments accepted, ${rejected} rejected OUT_OF_STOCK, ${errors} errors in ${seconds} s${errors ? ` (${sampler.summary()})` : ''}`,
    );
    await pool.destroy();
    await server.stop();

    const final = await finalState(store, skuId);
    return {
      bench: 'oversell',
      dialect: store.dialect,
      buyers: BUYERS,
      initial_stock: INITIAL_STOCK,
      paid_orders: final.paidOrders,
      final_stock: final.stock,
      oversold: Math.max(0, final.unitsOrdered - INITIAL_STOCK),
      rejected_out_of_stock: rejected,
      errors,
      seconds,
      stock_never_negative: minSeen >= 0 && final.stock >= 0 && final.stock + final.unitsReserved === INITIAL_STOCK,
    };
  } finally {
    await scope.close();
  }
}

function errorCode(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** Polls the SKU's stock from a second connection while the load runs; returns the lowest value seen. */
function watchStock(scope: Scope, store: BenchStore, skuId: string): { stop(): Promise<number> } {
  const storage = openStorage({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, pgPoolSize: 1 });
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => (closing ??= storage.close());
  scope.defer('close stock watcher', close);
  let min = Number.POSITIVE_INFINITY;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const row = await storage.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirst();
        if (row) min = Math.min(min, Number(row.stock));
      } catch (err) {
        log(`stock watcher: ${err instanceof Error ? err.message : String(err)}`);
      }
      await sleep(10);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await close();
      return min;
    },
  };
}

/** Reads the outcome from the database after the server has stopped. */
async function finalState(
  store: BenchStore,
  skuId: string,
): Promise<{ paidOrders: number; stock: number; unitsOrdered: number; unitsReserved: number }> {
  const storage = openStorage({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, pgPoolSize: 1 });
  try {
    const db = storage.db;
    const paid = await db
      .selectFrom('orders')
      .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
      .where('order_lines.sku_id', '=', skuId)
      .where('orders.status', '=', 'paid')
      .select((eb) => eb.fn.count<number>('orders.id').distinct().as('n'))
      .executeTakeFirstOrThrow();
    const units = await db
      .selectFrom('orders')
      .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
      .where('order_lines.sku_id', '=', skuId)
      .where('orders.status', 'in', ['paid', 'unpaid'])
      .select((eb) => eb.fn.sum<number>('order_lines.quantity').as('n'))
      .executeTakeFirstOrThrow();
    const reserved = await db
      .selectFrom('stock_reservations')
      .where('sku_id', '=', skuId)
      .where('status', 'in', ['reserved', 'committed'])
      .select((eb) => eb.fn.sum<number>('quantity').as('n'))
      .executeTakeFirstOrThrow();
    const sku = await db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow();
    return {
      paidOrders: Number(paid.n),
      stock: Number(sku.stock),
      unitsOrdered: Number(units.n ?? 0),
      unitsReserved: Number(reserved.n ?? 0),
    };
  } finally {
    await storage.close();
  }
}
