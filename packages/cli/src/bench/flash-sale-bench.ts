/**
 * `bench flash-sale`: a live room's flash sale of one SKU, 10,000 units, per-person limit 2;
 * 50,000 buyers send their orders over HTTP the moment it opens (one in ten sends three at once,
 * trying to get past the limit). Afterwards the database is read: units reserved (must be exactly
 * 10,000), units beyond the quantity (oversold, 0), buyers holding more than the limit (0).
 * reservations_per_s is the units reserved divided by the time from the opening to the last
 * successful reservation.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'undici';
import { openStorage } from '@zhongcao/core';
import { ErrorSampler, get, openPool, post } from './http-load.js';
import { makeLiveFixtures } from './live-fixtures.js';
import { latencySummary } from './percentiles.js';
import { freshStore, log, Scope, type BenchStore } from './resources.js';
import { startScriptChild, startServerChild } from './server-child.js';
import { cpuMsPer, serverCpuSeconds } from './server-metrics.js';

export interface FlashSaleResult {
  bench: 'flash-sale';
  dialect: 'sqlite' | 'postgres';
  buyers: number;
  requests: number;
  quantity: number;
  per_person_limit: number;
  reserved: number;
  oversold: number;
  over_limit: number;
  reservations_per_s: number;
  /**
   * The same requests from the same load generator to bare-sale-server.ts (Fastify keeping the
   * sale in memory: no sign-in, no database, nothing durable), computed the same way: the most this
   * benchmark can show on this machine, since the server and the load generator share its cores.
   */
  bare_server_reservations_per_s: number;
  p50_ms: number;
  p99_ms: number;
  /** The server's CPU time (all its threads) per order request, answered or refused, in ms. */
  server_cpu_ms_per_request: number | null;
  sold_out_rejections: number;
  limit_rejections: number;
  errors: number;
}

export const TARGET_RESERVATIONS_PER_S = 5_000;
const QUANTITY = 10_000;
const LIMIT = 2;
const CONNECTIONS = 1_000;

export async function benchFlashSale(opts: { buyers?: number; quantity?: number } = {}): Promise<FlashSaleResult> {
  const buyersCount = opts.buyers ?? 50_000;
  const quantity = opts.quantity ?? QUANTITY;
  const scope = new Scope();
  try {
    const store = await freshStore(scope);
    log(
      `flash-sale: ${store.dialect}, ${buyersCount} buyers for ${quantity} units (limit ${LIMIT} each), ${CONNECTIONS} connections`,
    );
    const fx = await makeLiveFixtures(store, { stock: quantity * 2, buyers: buyersCount });
    const secret = randomBytes(24).toString('hex');
    const server = await startServerChild(scope, store, secret);
    const pool = openPool(scope, server.origin, CONNECTIONS);

    const opensAt = Date.now() + 3000;
    const created = await post(
      pool,
      `/api/v1/live/rooms/${fx.roomId}/flash-sales`,
      { authorization: `Bearer ${fx.hostToken}` },
      JSON.stringify({
        skuId: fx.skuId,
        priceFen: 990,
        quantity,
        perPersonLimit: LIMIT,
        startsAt: opensAt,
        endsAt: opensAt + 3600_000,
      }),
    );
    if (created.status !== 201) throw new Error(`could not create the sale: ${created.status} ${created.body}`);
    const saleId = (JSON.parse(created.body) as { id: string }).id;
    // Warm the connections (and the server's session cache) with a read, then wait for the opening.
    await Promise.all(Array.from({ length: CONNECTIONS }, () => get(pool, `/api/v1/live/rooms/${fx.roomId}`)));
    const cpuBefore = await serverCpuSeconds(pool);
    await sleep(Math.max(0, opensAt - Date.now()));

    // Every buyer once; one in ten three times at once.
    const requests: Array<{ token: string; key: string }> = [];
    const run = randomBytes(3).toString('hex');
    fx.buyers.forEach((b, i) => {
      const copies = i % 10 === 0 ? 3 : 1;
      for (let c = 0; c < copies; c++) requests.push({ token: b.token, key: `fs-${run}-${i}-${c}` });
    });
    const sent = await sendOrders(pool, `/api/v1/live/flash-sales/${saleId}/orders`, requests);
    const cpuAfter = await serverCpuSeconds(pool);
    await pool.destroy();
    await server.stop();
    const final = await finalState(store, saleId);
    const { p50, p99 } = latencySummary(sent.latencies);

    // The same requests, from the same load generator, to a server that does nothing durable.
    const bare = await startScriptChild(scope, 'bare-sale-server.js', [String(quantity), String(LIMIT)]);
    const barePool = openPool(scope, bare.origin, CONNECTIONS);
    await Promise.all(Array.from({ length: CONNECTIONS }, () => get(barePool, '/warm')));
    const ceiling = await sendOrders(barePool, `/api/v1/live/flash-sales/${saleId}/orders`, requests);
    await barePool.destroy();
    await bare.stop();
    return {
      bench: 'flash-sale',
      dialect: store.dialect,
      buyers: buyersCount,
      requests: requests.length,
      quantity,
      per_person_limit: LIMIT,
      reserved: final.reserved,
      oversold: Math.max(0, final.reserved - quantity) + (final.remaining < 0 ? -final.remaining : 0),
      over_limit: final.overLimit,
      reservations_per_s: Math.round(final.reserved / sent.windowS),
      bare_server_reservations_per_s: Math.round(ceiling.reserved / ceiling.windowS),
      p50_ms: p50,
      p99_ms: p99,
      server_cpu_ms_per_request: cpuMsPer(cpuBefore, cpuAfter, requests.length),
      sold_out_rejections: sent.soldOut,
      limit_rejections: sent.limited,
      errors: sent.errors,
    };
  } finally {
    await scope.close();
  }
}

interface Sent {
  latencies: number[];
  reserved: number;
  soldOut: number;
  limited: number;
  errors: number;
  /** From the first request to the answer of the last successful reservation, in seconds. */
  windowS: number;
}

/** Sends every order request at once and sorts the answers. */
async function sendOrders(
  pool: Pool,
  path: string,
  requests: ReadonlyArray<{ token: string; key: string }>,
): Promise<Sent> {
  const sampler = new ErrorSampler();
  const sent: Sent = { latencies: [], reserved: 0, soldOut: 0, limited: 0, errors: 0, windowS: 0 };
  let lastReservedAt = 0;
  let answered = 0;
  let answeredByLastReservation = 0;
  const t0 = performance.now();
  await Promise.all(
    requests.map(async (r) => {
      const started = performance.now();
      const reply = await post(
        pool,
        path,
        { authorization: `Bearer ${r.token}`, 'idempotency-key': r.key },
        '{"quantity":1}',
      );
      const ended = performance.now();
      sent.latencies.push(ended - started);
      answered++;
      if (reply.status === 201) {
        sent.reserved++;
        lastReservedAt = Math.max(lastReservedAt, ended);
        answeredByLastReservation = answered;
      } else if (reply.status === 409 && reply.body.includes('SALE_SOLD_OUT')) sent.soldOut++;
      else if (reply.status === 409 && reply.body.includes('SALE_LIMIT_REACHED')) sent.limited++;
      else {
        sent.errors++;
        sampler.note('flash-sale order', reply);
      }
    }),
  );
  const totalS = (performance.now() - t0) / 1000;
  sent.windowS = Math.max(0.001, (lastReservedAt - t0) / 1000);
  log(
    `flash-sale: the last reservation was answered after ${sent.windowS.toFixed(2)} s, as request ${answeredByLastReservation} of ${requests.length}`,
  );
  log(
    `flash-sale: ${requests.length} requests answered in ${totalS.toFixed(2)} s; ${sent.soldOut} sold out, ${sent.limited} over the limit, ${sent.errors} errors${sent.errors ? ` (${sampler.summary()})` : ''}`,
  );
  return sent;
}

/** The outcome, read from the orders themselves after the server stopped. */
async function finalState(
  store: BenchStore,
  saleId: string,
): Promise<{ reserved: number; remaining: number; overLimit: number }> {
  const storage = openStorage({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, pgPoolSize: 1 });
  try {
    const db = storage.db;
    const perBuyer = await db
      .selectFrom('live_sale_orders')
      .innerJoin('order_lines', 'order_lines.order_id', 'live_sale_orders.order_id')
      .innerJoin('orders', 'orders.id', 'live_sale_orders.order_id')
      .select(['orders.buyer_id', (eb) => eb.fn.sum<number>('order_lines.quantity').as('units')])
      .where('live_sale_orders.sale_id', '=', saleId)
      .where('orders.status', '!=', 'cancelled')
      .groupBy('orders.buyer_id')
      .execute();
    const sale = await db
      .selectFrom('live_flash_sales')
      .select('remaining')
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    return {
      reserved: perBuyer.reduce((s, r) => s + Number(r.units), 0),
      remaining: Number(sale.remaining),
      overLimit: perBuyer.filter((r) => Number(r.units) > LIMIT).length,
    };
  } finally {
    await storage.close();
  }
}

export function flashSaleSummary(r: FlashSaleResult): string {
  const ok = r.reserved === r.quantity && r.oversold === 0 && r.over_limit === 0 && r.errors === 0;
  const fast = r.reservations_per_s >= TARGET_RESERVATIONS_PER_S;
  return `flash-sale (${r.dialect}): ${r.buyers} buyers (${r.requests} requests) for ${r.quantity} units → reserved ${r.reserved}, oversold ${r.oversold}, over the limit ${r.over_limit}, ${r.errors} errors; ${r.reservations_per_s} reservations/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, server CPU ${r.server_cpu_ms_per_request ?? '?'} ms per request; a bare server under the same load ${r.bare_server_reservations_per_s}/s — ${ok ? 'correct' : 'WRONG'}, ${fast ? 'meets' : 'MISSES'} the target of ≥ ${TARGET_RESERVATIONS_PER_S}/s`;
}
