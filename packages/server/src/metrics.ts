import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { statementsExecuted } from '@zhongcao/core';

export interface Metrics {
  registry: Registry;
  events: Counter<'topic'>;
}

const UNCOLLECTED = [
  'nodejs_active_handles',
  'nodejs_active_handles_total',
  'nodejs_active_resources',
  'nodejs_active_resources_total',
];

/** What the metrics read off the interest engine at each scrape (null when none runs in this process). */
export interface EngineGauges {
  isWarm: boolean;
  restarts: number;
  /** The retrained model version serving (null: online learning only). */
  modelVersion?: string | null;
}

/** The engine's model version as a labelled gauge (one series, value 1; `online` before any retrained version serves). */
export function modelVersionGauge(registry: Registry, version: () => string | null | undefined): void {
  new Gauge({
    name: 'zhongcao_interest_engine_model',
    help: 'The retrained model version this process\'s interest engine serves (label version; "online" for online learning only)',
    labelNames: ['version'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.set({ version: version() ?? 'online' }, 1);
    },
  });
}

/** Prometheus metrics: process defaults (less the per-handle listings), request durations by route, domain events by topic, and the interest engine's state. */
export function installMetrics(app: FastifyInstance, engine: () => EngineGauges | null = () => null): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'zhongcao_' });
  // Not these: they list every active handle and resource on each scrape, which with a live room's
  // ten thousand sockets stalls the server for tens of milliseconds (open file descriptors, kept,
  // tell the same story for a fraction of the cost).
  for (const name of UNCOLLECTED) registry.removeSingleMetric(`zhongcao_${name}`);
  const duration = new Histogram({
    name: 'zhongcao_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const events = new Counter({
    name: 'zhongcao_domain_events_total',
    help: 'Domain events dispatched from the outbox, by topic',
    labelNames: ['topic'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'zhongcao_interest_engine_up',
    help: 'The interest engine is running and warm (1), or stopped or warming with the feed non-personalised (0)',
    registers: [registry],
    collect() {
      this.set(engine()?.isWarm ? 1 : 0);
    },
  });
  modelVersionGauge(registry, () => engine()?.modelVersion);
  new Counter({
    name: 'zhongcao_interest_engine_restarts_total',
    help: "Times the interest engine's thread stopped and was started again",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(engine()?.restarts ?? 0);
    },
  });
  new Counter({
    name: 'zhongcao_sql_statements_total',
    help: 'SQL statements this process has sent to its stores, transaction control included',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(statementsExecuted());
    },
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  return { registry, events };
}
