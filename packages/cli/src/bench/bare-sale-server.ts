/**
 * The flash-sale benchmark's ceiling on this machine: a bare Fastify server that keeps one sale
 * in memory and answers order requests by the same rules as the real one (units left, a limit per
 * person, one answer per idempotency key) with no sign-in, no database and nothing durable.
 * `bench flash-sale` sends it the same requests from the same load generator, so its rate is the
 * most that benchmark can show here: the cost of the HTTP exchanges alone, for a server and a
 * load generator sharing the machine. Run as its own process: `node bare-sale-server.js <quantity>
 * <limit>`; prints its URL when it listens.
 */
import Fastify from 'fastify';
import { InMemorySale } from './bare-sale.js';

const sale = new InMemorySale(Number(process.argv[2] ?? 10_000), Number(process.argv[3] ?? 2));
const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
app.get('/warm', async () => ({ ok: true }));
app.post<{ Body: { quantity?: unknown }; Params: { id: string } }>(
  '/api/v1/live/flash-sales/:id/orders',
  async (req, reply) => {
    const buyer = req.headers.authorization;
    const key = req.headers['idempotency-key'];
    const units = req.body?.quantity;
    if (
      typeof buyer !== 'string' ||
      typeof key !== 'string' ||
      typeof units !== 'number' ||
      !Number.isInteger(units) ||
      units < 1
    ) {
      return reply.code(400).send({ error: { code: 'BAD_REQUEST' } });
    }
    const answer = sale.order(req.params.id, buyer, key, units);
    return reply.code(answer.status).send(answer.body);
  },
);

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening at ${address}/\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
