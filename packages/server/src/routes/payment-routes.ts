import { Type } from 'typebox';
import { DomainError, isErrorCode, openCashier, paymentView, receiveNotification } from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { sendError } from '../http/errors.js';
import { Id, ok, OneOf } from '../http/schemas.js';
import { PaymentViewSchema } from './payment-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

/** `url` (absolute, or a path on this server) with one query parameter set. */
function withQuery(url: string, name: string, value: string): string {
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(url);
  const parsed = new URL(url, 'http://local.invalid');
  parsed.searchParams.set(name, value);
  return absolute ? parsed.toString() : `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

export function paymentRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['payments'];
  const params = Type.Object({ paymentId: Id('payment') });

  r.get(
    '/api/v1/payments/:paymentId',
    { schema: { tags, summary: 'A payment and its orders', params, response: ok(PaymentViewSchema, 400, 401, 404) } },
    async (req) => paymentView(ctx, actorOf(req), req.params.paymentId),
  );

  r.get(
    '/api/v1/payments/:paymentId/cashier',
    {
      schema: {
        tags,
        summary:
          'Go to the provider’s cashier (302), or its URL as JSON with ?format=json; lang asks the cashier for the payer’s language',
        params,
        querystring: Type.Object(
          {
            format: Type.Optional(Type.Literal('json')),
            lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
        response: ok(Type.Object({ cashierUrl: Type.String() }), 400, 401, 404, 409),
      },
    },
    async (req, reply) => {
      const opened = await openCashier(ctx, actorOf(req), req.params.paymentId);
      const cashierUrl = req.query.lang ? withQuery(opened.cashierUrl, 'lang', req.query.lang) : opened.cashierUrl;
      if (req.query.format === 'json') return { cashierUrl };
      return reply.redirect(cashierUrl, 302);
    },
  );

  // Providers sign the exact bytes they send, so this route reads the raw body.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    typed(scope).post(
      '/api/v1/payments/notify/:provider',
      {
        schema: {
          tags,
          summary: 'Asynchronous, HMAC-signed notification from a payment provider (idempotent by event id)',
          params: Type.Object({ provider: Type.String({ pattern: '^[a-z0-9-]{2,32}$' }) }),
          response: ok(
            Type.Object({ received: Type.Literal(true), outcome: OneOf(['applied', 'duplicate', 'ignored'] as const) }),
            400,
            401,
            404,
          ),
        },
      },
      async (req, reply) => {
        const raw = typeof req.body === 'string' ? req.body : '';
        if (!raw) throw new DomainError('INVALID_NOTIFICATION', 'empty notification');
        const result = await receiveNotification(ctx, req.params.provider, req.headers, raw);
        if (result.outcome === 'rejected')
          return sendError(
            reply,
            isErrorCode(result.reason) ? result.reason : 'NOTIFICATION_REJECTED',
            'the notification does not match our records',
            { outcome: result.outcome },
          );
        return { received: true as const, outcome: result.outcome };
      },
    );
  });
}
