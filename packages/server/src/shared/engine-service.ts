/**
 * Scaled mode in an api process: the signals this process commits go to the stream, and the
 * personalised feed asks the engine role's replicas for its pages (engine-client.ts), falling back
 * to non-personalised pages when none answers in time. Its figures join the process's /metrics.
 */
import { onSignals, relaySignals, useRemoteEngine, type Core } from '@zhongcao/core';
import { Counter, Gauge, type Registry } from 'prom-client';
import { engineClient, type FallbackReason } from './engine-client.js';
import { connectJetStream } from './jetstream-stream.js';
import { parseDeadline } from './engine-protocol.js';

export interface EngineService {
  metrics(registry: Registry): void;
  close(): Promise<void>;
}

export async function startEngineService(
  core: Core,
  natsUrl: string,
  replicas: number,
  log: (line: string, detail: Record<string, unknown>) => void,
): Promise<EngineService> {
  const stream = await connectJetStream(natsUrl, `zhongcao-api-${process.pid}`, (err) =>
    log('stream: signals wait for NATS (kept and sent again)', { err: err.message }),
  );
  const unrelay = relaySignals((listener) => onSignals(core.ctx.db, listener), stream);
  const client = engineClient(
    stream.nats,
    replicas,
    (reason, detail) => log('interest engine service did not answer: non-personalised page', { reason, detail }),
    parseDeadline(process.env.ENGINE_DEADLINE_MS),
  );
  useRemoteEngine(core.ctx, client);
  return {
    metrics(registry) {
      new Counter({
        name: 'zhongcao_engine_service_pages_total',
        help: 'Recommend pages asked of the engine service: answered by a replica, or served non-personalised (by reason)',
        labelNames: ['outcome'] as const,
        registers: [registry],
        collect() {
          this.reset();
          this.inc({ outcome: 'answered' }, client.answered);
          for (const [reason, n] of Object.entries(client.fallbacks) as Array<[FallbackReason, number]>)
            this.inc({ outcome: `fallback_${reason}` }, n);
        },
      });
      new Counter({
        name: 'zhongcao_stream_signal_batches_total',
        help: 'Signal batches this process offered to the stream, and how many the stream acknowledged',
        labelNames: ['state'] as const,
        registers: [registry],
        collect() {
          this.reset();
          this.inc({ state: 'offered' }, stream.figures.offered);
          this.inc({ state: 'published' }, stream.figures.published);
          this.inc({ state: 'dropped' }, stream.figures.dropped);
        },
      });
      new Gauge({
        name: 'zhongcao_stream_queued',
        help: 'Signal batches kept in this process until the stream takes them',
        registers: [registry],
        collect() {
          this.set(stream.figures.queued);
        },
      });
    },
    async close() {
      unrelay();
      await stream.close();
    },
  };
}
