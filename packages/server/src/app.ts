/** Builds the HTTP server: the API under /api/v1, its OpenAPI document and reference, media, the sandbox cashier and the web app. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { DomainError, mediaDir, MAX_IMAGE_BYTES, runningRecommendService, type Core } from '@zhongcao/core';
import { installAuth, SessionCache } from './http/auth.js';
import type { RedisState } from './shared/redis-state.js';
import type { Fanout } from './shared/nats-fanout.js';
import { installInputGuards } from './http/input.js';
import { frameworkErrors, installErrorHandling, sendError } from './http/errors.js';
import { CategorySchema, ErrorBody } from './http/schemas.js';
import { installContract } from './http/contract.js';
import { installMetrics } from './metrics.js';
import type { Registry } from 'prom-client';
import { adminRoutes } from './routes/admin-routes.js';
import { consoleRoutes } from './routes/console-routes.js';
import { contentRoutes } from './routes/content-routes.js';
import { feedRoutes } from './routes/feed-routes.js';
import { ledgerRoutes } from './routes/ledger-routes.js';
import { searchRoutes } from './routes/search-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { merchantRoutes } from './routes/merchant-routes.js';
import { paymentRoutes } from './routes/payment-routes.js';
import { sandboxRoutes } from './routes/sandbox-routes.js';
import { shoppingRoutes } from './routes/shopping-routes.js';
import { systemRoutes } from './routes/system-routes.js';
import { rulesRoutes } from './routes/rules-routes.js';
import { governanceRoutes } from './routes/governance-routes.js';
import { moderationRoutes } from './routes/moderation-routes.js';
import { violationsRoutes } from './routes/violations-routes.js';
import { experienceRoutes } from './routes/experience-routes.js';
import { adsRoutes } from './routes/ads-routes.js';
import { logisticsRoutes } from './routes/logistics-routes.js';
import { capacityRoutes } from './routes/capacity-routes.js';
import { aftersalesRoutes } from './routes/aftersales-routes.js';
import { supplyRoutes } from './routes/supply-routes.js';
import { affiliateRoutes } from './routes/affiliate-routes.js';
import type { RouteDeps } from './routes/types.js';
import { liveRoutes } from './routes/live-routes.js';
import { favouriteRoutes } from './routes/favourite-routes.js';
import { reviewRoutes } from './routes/review-routes.js';
import { serviceRoutes } from './routes/service-routes.js';
import { analyticsRoutes } from './routes/analytics-routes.js';
import { liveSocketRoute } from './live/ws-route.js';
import { MAX_FRAME_BYTES } from './live/protocol.js';
import { openGateway, type GatewayOptions } from './open-gateway/gateway.js';
import { openPlatformRoutes } from './routes/openplatform-routes.js';

export interface ServerOptions {
  core: Core;
  /** pino level; 'silent' turns logging off. */
  logLevel?: string;
  /** Folder of the built web app (index.html and assets); the SPA is served when it exists. */
  webDist?: string | null;
  secureCookies?: boolean;
  /** Rate limits on login and ordering (off in benchmarks that hammer one account). */
  rateLimits?: boolean;
  kickWorker?: () => void;
  /** The open gateway's rate limits (tests lower them). */
  openGateway?: GatewayOptions;
  /** Scaled mode: Redis for the rate limits' counters and session invalidations shared by every api process. */
  shared?: RedisState | null;
  /** Scaled mode: NATS, on which each live room's events and comments are published once for every api process. */
  liveFanout?: Fanout | null;
  /** More metrics on the same registry (scaled mode's stream and engine service). */
  extraMetrics?: ((registry: Registry) => void) | undefined;
  /** Validate every 2xx answer strictly against its route's response schema (on under NODE_ENV=test; the test servers turn it on). */
  contractCheck?: boolean;
}

/** Two validators: request bodies are never coerced (a string is not a number); query strings and params are. */
function validators(): { body: Ajv; coercing: Ajv } {
  const make = (coerceTypes: boolean | 'array'): Ajv => {
    const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
    (formatsPlugin as unknown as (a: Ajv) => Ajv)(ajv);
    return ajv;
  };
  return { body: make(false), coercing: make('array') };
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    // Per-request lines only at debug level: at info, a busy shop would log thousands of lines a second.
    logController: new LogController({
      disableRequestLogging: options.logLevel !== 'debug' && options.logLevel !== 'trace',
    }),
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    frameworkErrors,
  });
  const ajv = validators();
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? ajv.body : ajv.coercing).compile(schema));
  app.addSchema(ErrorBody);
  app.addSchema(CategorySchema);
  installContract(app, options.contractCheck ?? process.env.NODE_ENV === 'test');
  installErrorHandling(app);
  const metrics = installMetrics(app, () => runningRecommendService(options.core.ctx));
  options.extraMetrics?.(metrics.registry);

  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES } });
  await app.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5, parts: 6 } });
  // Limits count per session (bearer token or session cookie), falling back to the client address.
  // Turned off by not registering the plugin: it has no on/off option, and routes' own limits would still apply.
  if (options.rateLimits !== false) {
    await app.register(rateLimit, {
      global: false,
      keyGenerator: (req: FastifyRequest) => req.headers.authorization ?? req.cookies?.zc_session ?? req.ip,
      // Scaled: one count for all api processes; while Redis is away the limits let requests through rather than fail them.
      ...(options.shared ? { redis: options.shared.redis, nameSpace: 'zhongcao:rl:', skipOnError: true } : {}),
      errorResponseBuilder: (_req, context) =>
        new DomainError('RATE_LIMITED', `too many requests; retry in ${context.after}`, { retryAfter: context.after }),
    });
  }
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Zhongcao API',
        version: '1',
        description:
          'Interest e-commerce platform. Money is integer fen; times are epoch milliseconds (UTC); ids are prefixed sortable strings. Errors are `{"error":{"code","message","details"}}` with stable codes.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'zc_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installInputGuards(app);
  const sessions = new SessionCache();
  if (options.shared) sessions.connect(options.shared.invalidations);
  installAuth(app, options.core.ctx, sessions);
  const gateway = openGateway(app, options.core, options.openGateway);
  const deps: RouteDeps = {
    core: options.core,
    secureCookies: options.secureCookies ?? false,
    kickWorker: options.kickWorker ?? (() => {}),
    sessions,
    forgetOpenCallers: gateway.forgetCallers,
  };
  systemRoutes(app, deps, metrics);
  authRoutes(app, deps);
  catalogRoutes(app, deps);
  merchantRoutes(app, deps);
  shoppingRoutes(app, deps);
  paymentRoutes(app, deps);
  adminRoutes(app, deps);
  sandboxRoutes(app, deps);
  contentRoutes(app, deps);
  feedRoutes(app, deps);
  searchRoutes(app, deps);
  ledgerRoutes(app, deps);
  consoleRoutes(app, deps);
  rulesRoutes(app, deps);
  logisticsRoutes(app, deps);
  capacityRoutes(app, deps);
  aftersalesRoutes(app, deps);
  supplyRoutes(app, deps);
  affiliateRoutes(app, deps);
  liveRoutes(app, deps);
  favouriteRoutes(app, deps);
  governanceRoutes(app, deps);
  reviewRoutes(app, deps);
  moderationRoutes(app, deps);
  violationsRoutes(app, deps);
  experienceRoutes(app, deps);
  serviceRoutes(app, deps);
  openPlatformRoutes(app, deps);
  adsRoutes(app, deps);
  analyticsRoutes(app, deps);
  liveSocketRoute(app, deps, options.liveFanout ?? null);
  options.core.outbox.subscribe('', (e: { topic: string }) => metrics.events.inc({ topic: e.topic }));

  await app.register(fastifyStatic, {
    root: mediaDir(options.core.ctx.dataDir),
    prefix: '/media/',
    decorateReply: false,
    maxAge: '7d',
    immutable: true,
  });
  const web = options.webDist && existsSync(join(options.webDist, 'index.html')) ? options.webDist : null;
  if (web) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, {
      root: web,
      prefix: '/',
      wildcard: true,
      decorateReply: true,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (res, path) =>
        res.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApp =
      request.method === 'GET' &&
      web &&
      !/^\/(api|media|sandbox|metrics|healthz|readyz)(\/|$)/.test(path) &&
      !/\.[a-z0-9]{1,5}$/i.test(path);
    if (isApp)
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html', web);
    return sendError(reply, 'ROUTE_NOT_FOUND', `no route ${request.method} ${path}`);
  });
  return app;
}
