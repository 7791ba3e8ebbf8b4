import { Type } from 'typebox';
import { DomainError, installLogistics, orderTracking, receiveTrackingCallback, WAYBILL_FORMATS, type ParcelTracking } from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { describe, Id, ok } from '../http/schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

export function logisticsRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const carriers = installLogistics(deps.core);

  r.get('/api/v1/orders/:orderId/tracking', {
    schema: { tags: ['orders'], summary: 'Tracking timeline of every parcel of an order (buyer, shop staff or admin)', params: Type.Object({ orderId: Id('order') }), response: ok(describe<{ parcels: ParcelTracking[] }>()(Type.Object({ parcels: Type.Array(Type.Object({ shipmentId: Type.String(), carrier: Type.String(), trackingNo: Type.String(), status: Type.String(), events: Type.Array(Type.Object({ status: Type.String(), at: Type.Integer(), location: Type.String(), description: Type.String() })) })) })), 400, 401, 404) },
  }, async (req) => orderTracking(ctx.db, actorOf(req), req.params.orderId));

  r.get('/api/v1/logistics/carriers', {
    schema: { tags: ['orders'], summary: 'The express carriers merchants ship with and what their waybill numbers look like (pattern and example)', response: ok(Type.Object({ items: Type.Array(Type.Object({ carrier: Type.String(), code: Type.String(), pattern: Type.String({ description: 'a regular expression' }), example: Type.String() })) })) },
  }, async () => ({ items: WAYBILL_FORMATS.map((f) => ({ carrier: f.carrier, code: f.code, pattern: f.pattern.source, example: f.example })) }));

  // Carriers sign the exact bytes they send, so this route reads the raw body.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    typed(scope).post('/api/v1/logistics/notify/:carrier', {
      schema: { tags: ['logistics'], summary: 'HMAC-signed tracking callback from a carrier (idempotent by event id; never moves a parcel backwards)', params: Type.Object({ carrier: Type.String({ pattern: '^[a-z0-9-]{2,32}$' }) }), response: ok(Type.Object({ received: Type.Literal(true), applied: Type.Integer(), stale: Type.Integer(), duplicate: Type.Integer() }), 400, 401, 404) },
    }, async (req) => {
      const raw = typeof req.body === 'string' ? req.body : '';
      if (!raw) throw new DomainError('INVALID_NOTIFICATION', 'empty notification', 400);
      const counts = await receiveTrackingCallback(ctx, carriers, req.params.carrier, req.headers, raw);
      return { received: true as const, ...counts };
    });
  });
}
