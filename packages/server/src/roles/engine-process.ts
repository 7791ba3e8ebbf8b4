/**
 * The engine role: the interest engine as a service. It warms from the stored history, then
 * learns from the whole stream as its own durable consumer (every api process's signals, the
 * purchases and refunds of the outbox, new videos), and answers page requests for the people
 * hashed to it over NATS request/reply (with a page, the heads of the paid-traffic creatives the
 * request names, for that person). It serves the retrained model version serving (the worker
 * role trains it): loaded at its warm-up, on the stream's `model.serving` and on a look at the
 * table every few seconds. A small HTTP listener serves /readyz and /metrics.
 */
import Fastify from 'fastify';
import { JSONCodec } from 'nats';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import {
  feedEngineFromStream,
  headRows,
  MAX_PAGE_CREATIVES,
  openCore,
  recommendService,
  ShownFilter,
  syncExperienceMultipliers,
  syncFeedThrottle,
  type Core,
  type CoreOptions,
  type EngineIntake,
  type RetrainOptions,
} from '@zhongcao/core';
import { connectJetStream, type JetStream } from '../shared/jetstream-stream.js';
import {
  infoSubject,
  pageSubject,
  type InfoReply,
  type PageReply,
  type PageRequest,
} from '../shared/engine-protocol.js';
import { modelVersionGauge } from '../metrics.js';

export interface EngineRoleOptions extends CoreOptions {
  natsUrl: string;
  replica: number;
  replicas: number;
  /** Port of /readyz and /metrics (0: any free one). */
  port: number;
  host?: string;
  logLevel?: string;
  /**
   * How the replica follows the model version serving (the worker role retrains it); `claim: true`
   * makes this replica claim and train requested retrainings itself.
   */
  retrain?: Partial<RetrainOptions>;
}

export interface RunningEngineRole {
  core: Core;
  stream: JetStream;
  intake: EngineIntake;
  url: string;
  stop(): Promise<void>;
}

const requests = JSONCodec<PageRequest>();
const replies = JSONCodec<PageReply>();
const infos = JSONCodec<InfoReply>();
const MULTIPLIERS_EVERY_MS = 5_000;
const ReadyBody = {
  type: 'object',
  properties: { status: { type: 'string' }, pid: { type: 'number' }, replica: { type: 'number' } },
} as const;

export async function startEngineRole(options: EngineRoleOptions): Promise<RunningEngineRole> {
  const core = await openCore(options);
  const app = Fastify({ logger: { level: options.logLevel ?? 'info' } });
  const log = app.log.child({ role: 'engine', replica: options.replica });
  const stream = await connectJetStream(options.natsUrl, `zhongcao-engine-${options.replica}-${process.pid}`, (err) =>
    log.warn({ err: err.message }, 'stream: waiting for NATS'),
  );
  const warmedFrom = Date.now();
  const service = recommendService(core.ctx, { thread: true, retrain: { claim: false, ...options.retrain } });
  service.onLifecycle((e) => {
    if (e.kind === 'model_adopted')
      log.info(
        { version: e.version, loadMs: e.loadMs, swapMs: e.swapMs, videos: e.videos },
        'model version serving loaded from the store and swapped in',
      );
    else if (e.kind === 'model') {
      const { kind: _kind, ...decision } = e;
      if (e.status === 'serving') log.info(decision, 'retrained model stored, swapped in and announced');
      else log.warn(decision, `retrained model not swapped in (${e.reason})`);
    } else if (e.kind === 'stopped')
      log.error({ reason: e.reason, restartInMs: e.restartInMs }, 'engine thread stopped');
  });
  const report = await service.ready;
  log.info(
    { videos: report.videos, signals: report.signals, warmMs: report.ms },
    'engine replica warm from the stored history',
  );
  const intake = await feedEngineFromStream(core.ctx, stream, `engine-${options.replica}`, warmedFrom);
  let pages = 0;

  const sub = stream.nats.subscribe(pageSubject(options.replica), {
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        let reply: PageReply = { status: 'warming' };
        try {
          const req = requests.decode(msg.data);
          const shown = ShownFilter.decode(req.shown) ?? ShownFilter.empty();
          if (service.isWarm) {
            const creatives = Array.isArray(req.creatives)
              ? req.creatives.filter((id): id is string => typeof id === 'string').slice(0, MAX_PAGE_CREATIVES)
              : [];
            const page = await service.page(req.actor, Math.min(Math.max(1, req.limit), 100), shown, creatives);
            reply = { status: 'ok', recs: page.recs, ...(creatives.length ? { heads: headRows(page.heads) } : {}) };
            pages++;
          }
        } catch (e) {
          log.warn({ err: (e as Error).message }, 'engine page request failed');
        }
        msg.respond(replies.encode(reply));
      })();
    },
  });

  // The admins' model page asks each replica which version it serves.
  const infoSub = stream.nats.subscribe(infoSubject(options.replica), {
    callback: (err, msg) => {
      if (!err)
        msg.respond(infos.encode({ replica: options.replica, version: service.modelVersion, warm: service.isWarm }));
    },
  });

  // Penalties' throttles and the experience score's boosts reach this engine as they reach an embedded one.
  const syncMultipliers = async (): Promise<void> => {
    await syncFeedThrottle(core.ctx, service).catch(() => {});
    await syncExperienceMultipliers(core.ctx, service).catch(() => {});
  };
  await syncMultipliers();
  const multipliersTimer = setInterval(() => void syncMultipliers(), MULTIPLIERS_EVERY_MS);

  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'zhongcao_' });
  const counter = (name: string, help: string, read: () => number): void => {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  };
  counter(
    'zhongcao_engine_stream_messages_total',
    'Stream messages this engine replica handled (repeats excluded)',
    () => intake.figures.messages,
  );
  counter(
    'zhongcao_engine_stream_duplicates_total',
    'Stream deliveries dropped as repeats of a handled message id',
    () => intake.figures.duplicates,
  );
  counter(
    'zhongcao_engine_signals_learned_total',
    'Interest signals this engine replica learned from the stream',
    () => intake.figures.signalsLearned,
  );
  counter('zhongcao_engine_pages_total', 'Pages this engine replica answered', () => pages);
  counter(
    'zhongcao_engine_model_announcements_total',
    'Announcements of a retrained version serving taken from the stream',
    () => intake.figures.modelAnnouncements,
  );
  modelVersionGauge(registry, () => service.modelVersion);
  new Gauge({
    name: 'zhongcao_interest_engine_up',
    help: 'The engine is running and warm (1) or not (0)',
    registers: [registry],
    collect() {
      this.set(service.isWarm ? 1 : 0);
    },
  });
  app.get('/readyz', { schema: { response: { 200: ReadyBody, 503: ReadyBody } } }, async (_req, reply) => {
    if (!service.isWarm) return reply.code(503).send({ status: 'warming', pid: process.pid, replica: options.replica });
    return { status: 'ok', pid: process.pid, replica: options.replica };
  });
  app.get('/metrics', { schema: {} }, async (_req, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port, host });
  const address = app.server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : options.port}`;

  return {
    core,
    stream,
    intake,
    url,
    async stop() {
      clearInterval(multipliersTimer);
      sub.unsubscribe();
      infoSub.unsubscribe();
      await intake.consumer.stop();
      await app.close();
      await stream.close();
      await core.close();
    },
  };
}
