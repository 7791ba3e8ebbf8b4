/**
 * The open-api benchmark's yardstick on this machine: a bare Fastify server answering the
 * gateway's requests with only what every call must do before any work — read the raw body, parse
 * the query, find the app's secret (in memory), check the signature on the exact bytes, parse
 * param_json — and an empty success envelope: no token, no database, no method. `bench open-api`
 * sends it the same signed requests from the same load generator right after the real run, so its
 * rate is the most the benchmark can show here for a server and a load generator sharing the
 * machine. Run as its own process: `node bare-open-server.js <apps.json>` ([{appKey, secret}]);
 * prints its URL when it listens.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import {
  errorEnvelope,
  OpenApiError,
  parseSignMethod,
  signatureMatches,
  signRequest,
  successEnvelope,
} from '@zhongcao/core';
import { readWireRequest } from '@zhongcao/server';

const secrets = new Map(
  (JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Array<{ appKey: string; secret: string }>).map((a) => [
    a.appKey,
    a.secret,
  ]),
);
const app = Fastify({ logger: false });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 512 * 1024 }, (_req, body, done) => done(null, body));
app.get('/warm', async () => ({ ok: true }));
app.post('/open/*', async (req, reply) => {
  const wire = readWireRequest(req.query as Record<string, unknown>, req.body as Buffer | undefined);
  const secret = wire.appKey ? secrets.get(wire.appKey) : undefined;
  const signMethod = parseSignMethod(wire.signMethod);
  let body: string;
  if (!secret || !signMethod || !wire.sign || !wire.method || !wire.timestamp)
    body = JSON.stringify(errorEnvelope(new OpenApiError(40003, 'isv.signature-invalid', 'bad request'), ''));
  else {
    const expected = signRequest(
      secret,
      {
        appKey: wire.appKey!,
        method: wire.method,
        paramJson: wire.paramJson,
        timestamp: wire.timestamp,
        v: wire.v ?? '',
      },
      signMethod,
    );
    const ok = signatureMatches(expected, wire.sign) && typeof JSON.parse(wire.paramJson) === 'object';
    body = JSON.stringify(
      ok
        ? successEnvelope({}, 'bare')
        : errorEnvelope(new OpenApiError(40003, 'isv.signature-invalid', 'bad signature'), 'bare'),
    );
  }
  return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(body);
});

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening at ${address}/\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
