import { sql } from 'kysely';
import { demoLogins } from '@zhongcao/core';
import { Type } from 'typebox';
import { sendError } from '../http/errors.js';
import { ok } from '../http/schemas.js';
import { DemoLoginSchema, ReadySchema, textAnswer } from './system-schemas.js';
import type { Metrics } from '../metrics.js';
import { typed, type App, type RouteDeps } from './types.js';

export function systemRoutes(app: App, deps: RouteDeps, metrics: Metrics): void {
  const r = typed(app);
  r.get(
    '/healthz',
    { schema: { tags: ['system'], summary: 'Liveness', response: ok(Type.Object({ status: Type.Literal('ok') })) } },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/readyz',
    { schema: { tags: ['system'], summary: 'Readiness: the database answers', response: ok(ReadySchema, 503) } },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(deps.core.ctx.db);
        return { status: 'ready' as const, database: deps.core.ctx.dialect, pid: process.pid };
      } catch {
        return sendError(reply, 'NOT_READY', 'the database does not answer');
      }
    },
  );
  r.get(
    '/metrics',
    {
      schema: {
        tags: ['system'],
        summary: 'Prometheus metrics',
        response: { 200: textAnswer('the Prometheus text exposition format') },
      },
    },
    async (_req, reply) => {
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  );
  r.get(
    '/api/v1/demo',
    {
      schema: {
        tags: ['system'],
        summary: 'Demo logins, when the demo data set is loaded',
        response: ok(Type.Object({ logins: Type.Array(DemoLoginSchema) }), 404),
      },
    },
    async (_req, reply) => {
      const logins = await demoLogins(deps.core);
      if (!logins) return sendError(reply, 'DEMO_DISABLED', 'this installation has no demo data');
      return { logins };
    },
  );
}
