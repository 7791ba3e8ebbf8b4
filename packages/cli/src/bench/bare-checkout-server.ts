/**
 * The checkout benchmark's yardstick on this machine: a bare Fastify server answering the same two
 * requests (POST /api/v1/checkout, then the payment notification) with the minimum durable work,
 * one committed statement each on the same storage stack as the real server (the store's SQLite
 * settings and driver): the order is inserted, then marked paid. No sign-in, no pricing, no stock,
 * no signature check. `bench checkout` sends it the same load from the same generator right after
 * the real run, so its rate is the most that benchmark can show here: the HTTP exchanges and one
 * durable write per request, for a server and a load generator sharing the machine. Run as its own
 * process: `node bare-checkout-server.js <dataDir>`; prints its URL when it listens, and its CPU
 * time on /metrics as the real server does.
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { openStorage } from '@zhongcao/core';

type BareTables = {
  bench_bare_orders: {
    id: string;
    buyer: string;
    sku_id: string;
    idem_key: string;
    amount_fen: number;
    status: string;
  };
};

const storage = openStorage({ dataDir: process.argv[2] ?? 'data-bare-checkout' });
const db = storage.db.withTables<BareTables>();
await db.schema
  .createTable('bench_bare_orders')
  .ifNotExists()
  .addColumn('id', 'text', (c) => c.primaryKey())
  .addColumn('buyer', 'text', (c) => c.notNull())
  .addColumn('sku_id', 'text', (c) => c.notNull())
  .addColumn('idem_key', 'text', (c) => c.notNull().unique())
  .addColumn('amount_fen', 'integer', (c) => c.notNull())
  .addColumn('status', 'text', (c) => c.notNull())
  .execute();

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
app.get('/warm', async () => ({ ok: true }));
app.get('/metrics', async (_req, reply) => {
  const cpu = process.cpuUsage();
  return reply.type('text/plain').send(`zhongcao_process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}\n`);
});
app.post<{ Body: { items?: Array<{ skuId?: unknown }> } }>('/api/v1/checkout', async (req, reply) => {
  const buyer = req.headers.authorization;
  const key = req.headers['idempotency-key'];
  const skuId = req.body?.items?.[0]?.skuId;
  if (typeof buyer !== 'string' || typeof key !== 'string' || typeof skuId !== 'string')
    return reply.code(400).send({ error: { code: 'BAD_REQUEST' } });
  const id = `pay_${randomBytes(10).toString('hex')}`;
  await db
    .insertInto('bench_bare_orders')
    .values({ id, buyer, sku_id: skuId, idem_key: key, amount_fen: 1990, status: 'unpaid' })
    .execute();
  return reply.code(201).send({ payment: { id, amountFen: 1990 } });
});
app.post<{ Body: { merchantRef?: unknown } }>('/api/v1/payments/notify/sandbox', async (req, reply) => {
  const ref = req.body?.merchantRef;
  if (typeof ref !== 'string') return reply.code(400).send({ error: { code: 'BAD_REQUEST' } });
  const res = await db
    .updateTable('bench_bare_orders')
    .set({ status: 'paid' })
    .where('id', '=', ref)
    .where('status', '=', 'unpaid')
    .executeTakeFirst();
  return reply.code(Number(res.numUpdatedRows) === 1 ? 200 : 409).send({ ok: true });
});

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening at ${address}/\n`);
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => storage.close())
      .then(() => process.exit(0)),
);
