/**
 * The worker role: the core and its background loop (timers, refunds, payouts, gateway
 * notifications, outbox dispatch); no HTTP. With NATS, each outbox batch is held by the stream
 * before its handlers run, the open platform's message push consumes the stream instead of
 * the dispatcher (the durable consumer `push`), the 罗盘 rollups are a durable consumer of the
 * stream (`rollups`) instead of reading committed rows by window, and the interest engine's model is retrained here
 * (stored and announced; the engine replicas swap it in).
 */
import Fastify from 'fastify';
import {
  consumePushFromStream,
  consumeRollupsFromStream,
  openCore,
  relayOutbox,
  Retrainer,
  RETRAIN_SCHEDULE_DEFAULTS,
  type Core,
  type CoreOptions,
  type OutboxConsumer,
  type RetrainOptions,
  type RollupStreamConsumer,
  sendEventsToOutbox,
} from '@zhongcao/core';
import { connectJetStream, type JetStream } from '../shared/jetstream-stream.js';
import { startWorker, type Worker } from '../worker.js';

export interface BackgroundOptions extends CoreOptions {
  logLevel?: string;
  /** Base URL of the api processes, which the sandbox gateway's notifications are sent to. */
  publicUrl?: string;
  intervalMs?: number;
  /** Scaled mode: NATS JetStream, which holds each outbox batch before its handlers run (the engine role consumes it). */
  natsUrl?: string | undefined;
  /** Scaled mode: retraining of the interest engine's model (default schedule); false turns it off. */
  retrain?: Partial<RetrainOptions> | false;
}

export interface RunningBackground {
  core: Core;
  worker: Worker;
  /** Scaled mode: the message push's stream consumer. */
  push: OutboxConsumer | null;
  /** Scaled mode: the 罗盘 rollups' stream consumer (embedded: the loop reads committed rows by window instead). */
  rollups: RollupStreamConsumer | null;
  /** Scaled mode: the model's retraining (no engine here: a better model is stored and announced). */
  trainer: Retrainer | null;
  stop(): Promise<void>;
}

export async function startBackground(options: BackgroundOptions): Promise<RunningBackground> {
  const core = await openCore({ rollupsThread: true, ...options }); // SQLite: the 罗盘's consumer on a thread of its own
  const log = Fastify({ logger: { level: options.logLevel ?? 'info' } }).log; // the same structured logs as the api processes, no listener
  core.setBaseUrl(options.publicUrl ?? process.env.PUBLIC_URL ?? 'http://127.0.0.1:3000');
  const stream: JetStream | null = options.natsUrl
    ? await connectJetStream(options.natsUrl, `zhongcao-worker-${process.pid}`, (err) =>
        log.warn({ err: err.message }, 'stream: the outbox waits for NATS'),
      )
    : null;
  let push: OutboxConsumer | null = null;
  let rollups: RollupStreamConsumer | null = null;
  if (stream) {
    // Before the first dispatch: from here on the push reads the stream, not the dispatcher.
    push = await consumePushFromStream(core.outbox, stream);
    relayOutbox(core.outbox, stream);
    // The rollups read the stream too (the loop leaves them alone); events stored here go to the outbox like the api processes'.
    sendEventsToOutbox(core.ctx.db);
    rollups = await consumeRollupsFromStream(core.ctx, stream, undefined, (err) =>
      log.warn({ err: err.message }, '罗盘 rollups: a message is left for redelivery'),
    );
  }
  const trainer =
    stream && options.retrain !== false
      ? new Retrainer(
          core.ctx,
          null,
          (d) =>
            d.status === 'serving'
              ? log.info(d, 'interest engine: retrained model stored and announced; the engine replicas swap it in')
              : log.warn(d, `interest engine: retrained model not serving (${d.reason})`),
          { ...RETRAIN_SCHEDULE_DEFAULTS, ...options.retrain },
        )
      : null;
  const worker = startWorker(core, log, options.intervalMs);
  // The loop's own timer does not hold the process open (the embedded server's listener does that); here nothing else would.
  const keepAlive = setInterval(() => {}, 60_000);
  return {
    core,
    worker,
    push,
    rollups,
    trainer,
    async stop() {
      clearInterval(keepAlive);
      await trainer?.close();
      await worker.stop();
      await push?.consumer.stop();
      await rollups?.consumer.stop();
      await stream?.close();
      await core.close();
    },
  };
}
