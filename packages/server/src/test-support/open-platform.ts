/** Test helpers: a listening server, a self-use app registered, approved and authorised through the REST API, and a push receiver. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import type { TestServer } from './server-harness.js';
import { OpenApiClient } from '../open-gateway/erp-client.js';

export async function listen(s: TestServer): Promise<string> {
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`;
}

export interface OpenApp {
  appId: string;
  appKey: string;
  secret: string;
  client: OpenApiClient;
}

/** Registers a self-use app of the owner's shop, has the admin approve it and the owner authorise it. */
export async function selfUseApp(
  s: TestServer,
  baseUrl: string,
  ownerToken: string,
  adminToken: string,
  shopId: string,
  settings: Record<string, unknown> = {},
): Promise<OpenApp> {
  const reg = await s.call('POST', '/api/v1/open/apps', {
    token: ownerToken,
    body: {
      name: '我的ERP',
      kind: 'self',
      shopId,
      groups: ['orders', 'products', 'stock', 'logistics', 'aftersales'],
      ...settings,
    },
  });
  assert.equal(reg.statusCode, 201, reg.body);
  const { app, secret } = reg.json() as { app: { id: string; appKey: string }; secret: string };
  const ok = await s.call('POST', `/api/v1/admin/open/apps/${app.id}/review`, {
    token: adminToken,
    body: { decision: 'approve' },
  });
  assert.equal(ok.statusCode, 200, ok.body);
  const auth = await s.call('POST', `/api/v1/open/apps/${app.id}/self-authorization`, { token: ownerToken });
  assert.equal(auth.statusCode, 200, auth.body);
  return {
    appId: app.id,
    appKey: app.appKey,
    secret,
    client: new OpenApiClient({ baseUrl, appKey: app.appKey, appSecret: secret, now: () => s.core.clock.now() }),
  };
}

export interface Receiver {
  url: string;
  /** Every message received with a valid signature, in arrival order. */
  messages: Array<{ tag: string; msg_id: string; data: Record<string, unknown>; raw: string }>;
  badSignatures: number;
  /** Answer failures while true. */
  failing: boolean;
  close(): Promise<void>;
}

/** A local push receiver that checks `event-sign` as the wire format documents it. */
export async function pushReceiver(appKey: () => string, secret: () => string): Promise<Receiver> {
  const r: Receiver = { url: '', messages: [], badSignatures: 0, failing: false, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const expected = createHash('md5').update(`${appKey()}${body}${secret()}`).digest('hex');
      if (req.headers['event-sign'] !== expected || req.headers['app-id'] !== appKey()) {
        r.badSignatures++;
        res.writeHead(401).end('{"code":1,"msg":"fail"}');
        return;
      }
      if (r.failing) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":1,"msg":"fail"}');
        return;
      }
      for (const m of JSON.parse(body) as Array<{ tag: string; msg_id: string; data: string }>)
        r.messages.push({
          tag: m.tag,
          msg_id: m.msg_id,
          data: JSON.parse(m.data) as Record<string, unknown>,
          raw: m.data,
        });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":0,"msg":"success"}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`;
  r.close = () => new Promise<void>((ok) => server.close(() => ok()));
  return r;
}
