/** Starts a platform process: core (migrated), HTTP server and, unless it is an api-role process, the background worker. */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import {
  liveRuntime,
  openCore,
  recommendService,
  sendEventsToOutbox,
  type Core,
  type CoreOptions,
  type RetrainOptions,
} from '@zhongcao/core';
import { buildServer } from './app.js';
import { startWorker, type Worker } from './worker.js';
import { connectRedisState } from './shared/redis-state.js';
import { connectNatsFanout } from './shared/nats-fanout.js';
import { startEngineService, type EngineService } from './shared/engine-service.js';
import { redisSaleCounter } from './shared/redis-sale-counter.js';

export interface PlatformOptions extends CoreOptions {
  port: number;
  /** Interface to listen on: loopback by default, so a fresh install is reachable only from its own machine. */
  host?: string;
  logLevel?: string;
  webDist?: string | null;
  rateLimits?: boolean;
  /** The interest engine on its own worker thread (default) or on the thread that answers HTTP. */
  engineThread?: boolean;
  /** all (default): HTTP and the background loop in one process; api: HTTP only, the loop runs in a worker-role process. */
  role?: 'all' | 'api';
  /** Scaled mode: Redis shared by the api processes (rate limits, session invalidations); REDIS_URL. */
  redisUrl?: string;
  /** Scaled mode: NATS, carrying live rooms' events and comments between api processes; NATS_URL. */
  natsUrl?: string;
  /** The engine's background retraining (on by default, with the default schedule); false turns it off. */
  retrain?: Partial<RetrainOptions> | false;
  /**
   * Scaled mode (an api-role process with NATS): signals go to the stream and pages come from the
   * engine role's replicas (ENGINE_REPLICAS of them) instead of an engine in this process.
   */
  engineService?: { replicas: number } | null;
  /** Called after migrations, before listening (e.g. to seed demo data). */
  beforeListen?: (core: Core) => Promise<void>;
}

export interface RunningPlatform {
  core: Core;
  app: FastifyInstance;
  /** The background loop, or null in an api-role process. */
  worker: Worker | null;
  url: string;
  stop(): Promise<void>;
}

export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  // The 罗盘's consumer on a thread of its own unless told otherwise (SQLite; PostgreSQL consumes in process).
  const core = await openCore({ rollupsThread: true, ...options });
  // Scaled mode: the events stored here reach the stream (through the outbox) for the worker's 罗盘 rollups.
  if (options.role === 'api' && options.natsUrl) sendEventsToOutbox(core.ctx.db);
  await options.beforeListen?.(core);
  let worker: Worker | null = null;
  let lastRedisError = 0;
  let log: FastifyBaseLogger | null = null;
  const remote: EngineService | null =
    options.engineService && options.natsUrl
      ? await startEngineService(core, options.natsUrl, options.engineService.replicas, (line, detail) =>
          log?.warn(detail, line),
        )
      : null;
  // Embedded: the interest engine runs on its own thread and warms from the stored history (bounded) before the first request.
  const engine = remote
    ? null
    : recommendService(core.ctx, { thread: options.engineThread ?? true, retrain: options.retrain ?? {} });
  await engine?.ready;
  const onRedisError = (err: Error): void => {
    if (Date.now() - lastRedisError < 5_000) return; // once per 5 s while it is away
    lastRedisError = Date.now();
    log?.error(
      { err: err.message },
      'redis unavailable: rate limits let requests through; sessions leave the cache within a second',
    );
  };
  const shared = options.redisUrl ? connectRedisState(options.redisUrl, onRedisError) : null;
  const liveFanout = options.natsUrl
    ? await connectNatsFanout(options.natsUrl, (err) =>
        log?.warn({ err: err.message }, 'nats: live frames from other processes wait for the reconnect'),
      )
    : null;
  if (shared) await Promise.race([shared.ready, new Promise((r) => setTimeout(r, 2_000).unref())]); // not blocking a start while Redis is away
  // Scaled mode: flash sales admit through one counter in Redis for every api process, the database still guarding each order.
  if (shared) liveRuntime(core.ctx).useHotCounter(redisSaleCounter(shared.redis));
  const app = await buildServer({
    core,
    logLevel: options.logLevel,
    webDist: options.webDist ?? null,
    rateLimits: options.rateLimits,
    kickWorker: () => worker?.kick(),
    shared,
    liveFanout,
    extraMetrics: remote?.metrics,
  });
  log = app.log;
  engine?.onLifecycle((e) => {
    if (e.kind === 'stopped')
      app.log.error(
        { reason: e.reason, restartInMs: e.restartInMs },
        'interest engine thread stopped; the feed is non-personalised until it restarts',
      );
    else if (e.kind === 'restart_failed')
      app.log.error({ reason: e.reason }, 'interest engine restart failed; trying again');
    else if (e.kind === 'model') {
      const { kind: _kind, ...decision } = e;
      if (e.status === 'serving') app.log.info(decision, 'interest engine: retrained model swapped in and serving');
      else app.log.warn(decision, `interest engine: retrained model not swapped in (${e.reason})`);
    } else if (e.kind === 'model_adopted')
      app.log.info(
        { version: e.version, loadMs: e.loadMs, swapMs: e.swapMs, videos: e.videos },
        'interest engine: model version serving loaded from the store and swapped in',
      );
    else
      app.log.warn(
        { restarts: e.restarts, videos: e.videos, signals: e.signals, warmMs: e.warmMs },
        'interest engine thread restarted and warm; personalised pages are back',
      );
  });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`;
  core.setBaseUrl(process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}`);
  if ((options.role ?? 'all') === 'all') worker = startWorker(core, app.log);
  return {
    core,
    app,
    worker,
    url,
    async stop() {
      await worker?.stop();
      await app.close();
      await shared?.close();
      await liveFanout?.close();
      await remote?.close();
      await core.close();
    },
  };
}
