/** A flash sale driven over HTTP against a running cluster, and the checks the fault tests make afterwards. */
import assert from 'node:assert/strict';
import { checkLedger, openStorage } from '@zhongcao/core';
import type { LiveFixtures } from '../packages/cli/src/bench/live-fixtures.ts';
import { call } from './cluster.ts';

export const QUANTITY = 150;
export const LIMIT = 1;
const CONCURRENCY = 40;

export interface SaleRun {
  saleId: string;
  attempts: number;
  /** Answered with an order: 201, or 200 when a retry found the order its broken first try had written. */
  accepted: number;
  brokenAndRetried: number;
  unanswered: number;
  /** What the retried answers were (0: the connection broke), by status. */
  retriedStatuses: Record<string, number>;
  /** The final answers, by status and error code. */
  answers: Record<string, number>;
}

/**
 * Opens a sale and sends every buyer's order twice (the second over the limit), 40 at a time, each
 * on a fresh connection; a broken connection or a 5xx is retried with the same Idempotency-Key, as
 * a client would, for up to 20 s (long enough for a replaced api process to start). `midway` runs once a
 * quarter of the attempts have been answered.
 */
export async function runSale(url: string, fx: LiveFixtures, midway: () => Promise<void> | void): Promise<SaleRun> {
  const opensAt = Date.now() + 1_000;
  const created = await call(
    url,
    'POST',
    `/api/v1/live/rooms/${fx.roomId}/flash-sales`,
    { authorization: `Bearer ${fx.hostToken}` },
    JSON.stringify({
      skuId: fx.skuId,
      priceFen: 990,
      quantity: QUANTITY,
      perPersonLimit: LIMIT,
      startsAt: opensAt,
      endsAt: opensAt + 3_600_000,
    }),
  );
  assert.equal(created.status, 201, created.body);
  const saleId = (JSON.parse(created.body) as { id: string }).id;
  await new Promise((r) => setTimeout(r, Math.max(0, opensAt - Date.now()) + 50));

  const attempts = fx.buyers.flatMap((b, i) =>
    [0, 1].map((k) => ({ token: b.token, key: `fault-${saleId}-${i}-${k}` })),
  );
  const path = `/api/v1/live/flash-sales/${saleId}/orders`;
  let answered = 0;
  let brokenAndRetried = 0;
  const retriedStatuses: Record<string, number> = {};
  let midwayRun: Promise<void> | null = null;
  const outcomes: number[] = [];
  const answers: Record<string, number> = {};
  const queue = [...attempts];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let a = queue.shift(); a; a = queue.shift()) {
        const send = () =>
          call(url, 'POST', path, { authorization: `Bearer ${a.token}`, 'idempotency-key': a.key }, '{"quantity":1}');
        let reply = await send();
        for (let retry = 0; (reply.status === 0 || reply.status >= 500) && retry < 80; retry++) {
          brokenAndRetried++;
          retriedStatuses[reply.status] = (retriedStatuses[reply.status] ?? 0) + 1;
          if (reply.status >= 500)
            assert.match(reply.body, /"code":"[A-Z_]+"/, `a failure is an error body with a code: ${reply.body}`);
          await new Promise((r) => setTimeout(r, 250));
          reply = await send();
        }
        outcomes.push(reply.status);
        const label = `${reply.status}${/"code":"([A-Z_]+)"/.exec(reply.body)?.[1] ? ` ${/"code":"([A-Z_]+)"/.exec(reply.body)![1]}` : ''}`;
        answers[label] = (answers[label] ?? 0) + 1;
        if (++answered === Math.floor(attempts.length / 4)) midwayRun = Promise.resolve(midway());
      }
    }),
  );
  assert.ok(midwayRun, 'the fault was injected');
  await midwayRun;
  return {
    saleId,
    attempts: attempts.length,
    accepted: outcomes.filter((s) => s === 201 || s === 200).length,
    brokenAndRetried,
    retriedStatuses,
    answers,
    unanswered: outcomes.filter((s) => s === 0 || s >= 500).length,
  };
}

/** Reads the store after the processes stopped: nothing oversold or over the limit, no half-written order, the ledger balances. */
export async function verifySale(dataDir: string, databaseUrl: string, run: SaleRun): Promise<void> {
  const storage = openStorage({ dataDir, databaseUrl, pgPoolSize: 1 });
  try {
    const db = storage.db;
    const perBuyer = await db
      .selectFrom('live_sale_orders')
      .innerJoin('order_lines', 'order_lines.order_id', 'live_sale_orders.order_id')
      .innerJoin('orders', 'orders.id', 'live_sale_orders.order_id')
      .select(['orders.buyer_id', (eb) => eb.fn.sum<number>('order_lines.quantity').as('units')])
      .where('live_sale_orders.sale_id', '=', run.saleId)
      .where('orders.status', '!=', 'cancelled')
      .groupBy('orders.buyer_id')
      .execute();
    const reserved = perBuyer.reduce((s, r) => s + Number(r.units), 0);
    const sale = await db
      .selectFrom('live_flash_sales')
      .select('remaining')
      .where('id', '=', run.saleId)
      .executeTakeFirstOrThrow();
    assert.ok(reserved <= QUANTITY, `oversold: ${reserved} reserved of ${QUANTITY}`);
    assert.equal(Number(sale.remaining), QUANTITY - reserved, 'the sale counter equals the orders');
    assert.equal(perBuyer.filter((r) => Number(r.units) > LIMIT).length, 0, 'nobody over the limit');
    assert.equal(reserved, run.accepted, 'every accepted answer is an order, and every order was answered');
    const orphans = await db
      .selectFrom('orders')
      .leftJoin('order_lines', 'order_lines.order_id', 'orders.id')
      .where('order_lines.order_id', 'is', null)
      .select('orders.id')
      .execute();
    assert.equal(orphans.length, 0, 'no order without its lines');
    const ledger = await checkLedger(db);
    assert.ok(ledger.ok, `ledger check: ${JSON.stringify(ledger).slice(0, 500)}`);
  } finally {
    await storage.close();
  }
}
