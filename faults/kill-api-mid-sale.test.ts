/**
 * Fault: an api process is killed with -9 in the middle of a flash sale on PostgreSQL. Buyers whose
 * connection broke retry with the same Idempotency-Key. Afterwards: nothing oversold, nobody over
 * the per-person limit, no order without its lines, the sale's counter equals the orders, and the
 * ledger check passes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLedger, openStorage } from '@zhongcao/core';
import { freePort, startPrivateNats, startPrivatePostgres, startPrivateRedis, type PrivateService } from '@zhongcao/server/test-support/services';
import { makeLiveFixtures } from '../packages/cli/src/bench/live-fixtures.ts';
import { call, startRole, waitForApis, type Role } from './cluster.ts';

const QUANTITY = 150;
const LIMIT = 1;
const BUYERS = 400;
const CONCURRENCY = 40;

test('kill -9 an api process mid flash sale: 0 oversold, no half-written order, the ledger balances', { timeout: 240_000 }, async (t) => {
  const services: PrivateService[] = [];
  const roles: Role[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'zc-fault-sale-'));
  t.after(async () => {
    for (const r of roles) await r.stop();
    for (const s of services) await s.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const [pg, redis, nats] = await Promise.all([startPrivatePostgres(), startPrivateRedis(), startPrivateNats()]);
  services.push(pg!, redis!, nats!);
  const store = { dialect: 'postgres' as const, dataDir, databaseUrl: pg!.url };
  await new Promise((r) => setTimeout(r, 500)); // the server accepts connections a moment after it listens
  const fx = await makeLiveFixtures(store, { stock: QUANTITY * 4, buyers: BUYERS });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { DATABASE_URL: pg!.url, REDIS_URL: redis!.url, NATS_URL: nats!.url, PORT: String(port), ZHONGCAO_DATA_DIR: dataDir, PUBLIC_URL: url };
  roles.push(startRole(['--role', 'api', '--workers', '2', '--no-demo'], env), startRole(['--role', 'worker', '--no-demo'], env));
  const pids = await waitForApis(url, 2, 180_000);

  const opensAt = Date.now() + 1_000;
  const created = await call(url, 'POST', `/api/v1/live/rooms/${fx.roomId}/flash-sales`, { authorization: `Bearer ${fx.hostToken}` }, JSON.stringify({ skuId: fx.skuId, priceFen: 990, quantity: QUANTITY, perPersonLimit: LIMIT, startsAt: opensAt, endsAt: opensAt + 3_600_000 }));
  assert.equal(created.status, 201, created.body);
  const saleId = (JSON.parse(created.body) as { id: string }).id;
  await new Promise((r) => setTimeout(r, Math.max(0, opensAt - Date.now()) + 50));

  // Each buyer tries twice (the second over the limit); one api process dies a quarter of the way in.
  const attempts = fx.buyers.flatMap((b, i) => [0, 1].map((k) => ({ token: b.token, key: `fault-${i}-${k}` })));
  let answered = 0;
  let killed = false;
  let broken = 0;
  const outcomes = new Map<string, number>();
  const queue = [...attempts];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let a = queue.shift(); a; a = queue.shift()) {
        let reply = await call(url, 'POST', `/api/v1/live/flash-sales/${saleId}/orders`, { authorization: `Bearer ${a.token}`, 'idempotency-key': a.key }, '{"quantity":1}');
        for (let retry = 0; (reply.status === 0 || reply.status >= 500) && retry < 5; retry++) {
          broken++;
          await new Promise((r) => setTimeout(r, 200));
          reply = await call(url, 'POST', `/api/v1/live/flash-sales/${saleId}/orders`, { authorization: `Bearer ${a.token}`, 'idempotency-key': a.key }, '{"quantity":1}');
        }
        outcomes.set(a.key, reply.status);
        if (++answered === Math.floor(attempts.length / 4) && !killed) {
          killed = true;
          process.kill(pids[0]!, 'SIGKILL');
        }
      }
    }),
  );
  assert.ok(killed);
  const statuses = [...outcomes.values()];
  const accepted = statuses.filter((s) => s === 201).length;
  const unanswered = statuses.filter((s) => s === 0 || s >= 500).length;
  t.diagnostic(`${attempts.length} attempts: ${accepted} accepted, ${broken} broken and retried, ${unanswered} never answered`);
  assert.equal(unanswered, 0, 'every buyer got an answer after retrying');

  for (const r of roles.splice(0)) await r.stop();
  const storage = openStorage({ dataDir, databaseUrl: pg!.url, pgPoolSize: 1 });
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
    const reserved = perBuyer.reduce((s, r) => s + Number(r.units), 0);
    const sale = await db.selectFrom('live_flash_sales').select('remaining').where('id', '=', saleId).executeTakeFirstOrThrow();
    assert.ok(reserved <= QUANTITY, `oversold: ${reserved} reserved of ${QUANTITY}`);
    assert.equal(Number(sale.remaining), QUANTITY - reserved, 'the sale counter equals the orders');
    assert.equal(perBuyer.filter((r) => Number(r.units) > LIMIT).length, 0, 'nobody over the limit');
    assert.equal(reserved, accepted, 'every accepted answer is an order, and every order was answered');
    const orphans = await db.selectFrom('orders').leftJoin('order_lines', 'order_lines.order_id', 'orders.id').where('order_lines.order_id', 'is', null).select('orders.id').execute();
    assert.equal(orphans.length, 0, 'no order without its lines');
    const ledger = await checkLedger(db);
    assert.ok(ledger.ok, `ledger check: ${JSON.stringify(ledger).slice(0, 500)}`);
  } finally {
    await storage.close();
  }
});
