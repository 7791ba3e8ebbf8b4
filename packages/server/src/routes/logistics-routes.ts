import { Type } from 'typebox';
import { DomainError, orderTracking, receiveTrackingCallback, WAYBILL_FORMATS } from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { Id, ok } from '../http/schemas.js';
import { CarrierListSchema, OrderTrackingResultSchema } from './logistics-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

export function logisticsRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const carriers = deps.core.carriers;

  r.get(
    '/api/v1/orders/:orderId/tracking',
    {
      schema: {
        tags: ['orders'],
        summary: 'Tracking timeline of every parcel of an order (buyer, shop staff or admin)',
        params: Type.Object({ orderId: Id('order') }),
        response: ok(OrderTrackingResultSchema, 400, 401, 404),
      },
    },
    async (req) => orderTracking(ctx.db, actorOf(req), req.params.orderId),
  );

  r.get(
    '/api/v1/logistics/carriers',
    {
      schema: {
        tags: ['orders'],
        summary:
          'The express carriers merchants ship with and what their waybill numbers look like (pattern and example)',
        response: ok(CarrierListSchema),
      },
    },
    async () => ({
      items: WAYBILL_FORMATS.map((f) => ({
        carrier: f.carrier,
        code: f.code,
        pattern: f.pattern.source,
        example: f.example,
      })),
    }),
  );

  // Carriers sign the exact bytes they send, so this route reads the raw body.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    typed(scope).post(
      '/api/v1/logistics/notify/:carrier',
      {
        schema: {
          tags: ['logistics'],
          summary:
            'HMAC-signed tracking callback from a carrier (idempotent by event id; never moves a parcel backwards)',
          params: Type.Object({ carrier: Type.String({ pattern: '^[a-z0-9-]{2,32}$' }) }),
          response: ok(
            Type.Object({
              applied: Type.Integer(),
              stale: Type.Integer(),
              duplicate: Type.Integer(),
              received: Type.Literal(true),
            }),
            400,
            401,
            404,
          ),
        },
      },
      async (req) => {
        const raw = typeof req.body === 'string' ? req.body : '';
        if (!raw) throw new DomainError('INVALID_NOTIFICATION', 'empty notification');
        const counts = await receiveTrackingCallback(ctx, carriers, req.params.carrier, req.headers, raw);
        return { received: true as const, ...counts };
      },
    );
  });
}
