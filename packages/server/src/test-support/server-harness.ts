/** A real server (Fastify, routes, auth, validation) over a fresh test store, exercised with inject(). */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { issueSession, sign, SIGNATURE_HEADER } from '@zhongcao/core';
import { openTestCore, type TestCore } from '@zhongcao/core/test-support';
import { buildServer } from '../app.js';

export interface TestServer {
  app: FastifyInstance;
  core: TestCore;
  /** A bearer token for a user id. */
  tokenFor(userId: string): Promise<string>;
  /** inject with an optional bearer token. */
  call(
    method: InjectOptions['method'],
    url: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  /** Delivers the sandbox gateway's pending notifications to this server over inject(). */
  deliverNotifications(): Promise<void>;
  /** Signs a notification body as the sandbox gateway does. */
  signedNotification(body: Record<string, unknown>): { payload: string; headers: Record<string, string> };
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const core = await openTestCore();
  const app = await buildServer({ core, logLevel: 'silent', rateLimits: false, contractCheck: true });
  await app.ready();
  const call: TestServer['call'] = (method, url, opts = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.headers ?? {}) },
      ...(opts.body !== undefined ? { payload: opts.body as InjectOptions['payload'] } : {}),
    });
  return {
    app,
    core,
    call,
    tokenFor: async (userId) => (await issueSession(core.ctx, userId, 'bearer')).token,
    async deliverNotifications() {
      await core.sandbox.deliverDue(1000, async (url, body, headers) => {
        const res = await app.inject({ method: 'POST', url: new URL(url).pathname, payload: body, headers });
        return res.statusCode;
      });
    },
    signedNotification(body) {
      const payload = JSON.stringify(body);
      return {
        payload,
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: sign(core.sandboxSecret, payload, core.clock.now()),
        },
      };
    },
    async close() {
      await app.close();
      await core.dispose();
      const broken = app.contract.violations;
      if (broken.length > 0)
        throw new Error(
          `responses broke their route's schema:\n${broken.map((v) => `${v.method} ${v.url} ${v.status}: ${v.errors.join('; ')}`).join('\n')}`,
        );
    },
  };
}
