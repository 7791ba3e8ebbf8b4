/**
 * Scaled mode's stream on NATS JetStream (NATS_URL): one durable stream, created or updated
 * idempotently at start, holding `zhongcao.stream.>` on disk. A publish carries the event id as
 * its message id, so JetStream drops a repeat within its duplicate window; consumers are durable
 * pull consumers that resume after the last message they acknowledged and de-duplicate by id.
 */
import {
  AckPolicy,
  connect,
  DeliverPolicy,
  JSONCodec,
  nanos,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import {
  matchesPrefix,
  type ConsumeBatchOptions,
  type ConsumeOptions,
  type Stream,
  type StreamConsumer,
  type StreamBatchHandler,
  type StreamHandler,
  type StreamMessage,
  type StreamSubject,
} from '@zhongcao/core';
import { deliverInBatches } from './stream-batches.js';

export const STREAM_NAME = 'ZHONGCAO';
export const STREAM_PREFIX = 'zhongcao.stream.';
const DUPLICATE_WINDOW_MS = 5 * 60_000;
const MAX_AGE_MS = 7 * 24 * 3600_000;
const PUBLISH_TIMEOUT_MS = 2_000;
/** Offers kept while the stream cannot take them; beyond this the oldest are dropped (and counted). */
const MAX_QUEUED = 200_000;
const PUMP_BATCH = 128;
/** How long stopping a consumer waits for the batch it is handling. */
const STOP_BATCH_WAIT_MS = 30_000;
/**
 * How long JetStream waits for a delivered message's acknowledgement before it delivers it again
 * (to whichever process reads the durable consumer then): what a process killed mid-batch had
 * taken comes back after this long.
 */
export const DEFAULT_ACK_WAIT_MS = 30_000;

/** STREAM_ACK_WAIT_MS: the consumers' acknowledgement wait (default DEFAULT_ACK_WAIT_MS), from 1 s to 10 min. */
export function parseAckWait(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_ACK_WAIT_MS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1_000 || n > 600_000)
    throw new Error(`STREAM_ACK_WAIT_MS is a whole number of milliseconds from 1000 to 600000, not "${value}"`);
  return n;
}

export interface JetStreamOptions {
  /** The durable consumers' acknowledgement wait; STREAM_ACK_WAIT_MS (or 30 s) when not given. */
  ackWaitMs?: number;
}

/** What the publisher and consumers did, for the process's metrics. */
export interface StreamFigures {
  published: number;
  offered: number;
  queued: number;
  dropped: number;
  publishFailures: number;
}

export interface JetStream extends Stream {
  readonly nats: NatsConnection;
  figures: StreamFigures;
}

const codec = JSONCodec<{ subject: StreamSubject; payload: unknown }>();

/** A consumer's filter: a prefix ending in a dot takes everything below it, any other names one subject. */
export function natsFilter(prefix: string): string {
  return prefix.endsWith('.') ? `${STREAM_PREFIX}${prefix}>` : `${STREAM_PREFIX}${prefix}`;
}

async function ensureStream(jsm: JetStreamManager): Promise<void> {
  const config = {
    name: STREAM_NAME,
    subjects: [`${STREAM_PREFIX}>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    max_age: nanos(MAX_AGE_MS),
  };
  try {
    await jsm.streams.info(STREAM_NAME);
    await jsm.streams.update(STREAM_NAME, config);
  } catch (err) {
    if (!/stream not found/i.test((err as Error).message)) throw err;
    await jsm.streams.add(config).catch(async (e: Error) => {
      if (!/already in use|already exists/i.test(e.message)) throw e; // another process created it meanwhile
    });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function connectJetStream(
  url: string,
  name: string,
  onError: (err: Error) => void = () => {},
  settings: JetStreamOptions = {},
): Promise<JetStream> {
  const ackWait = nanos(settings.ackWaitMs ?? parseAckWait(process.env.STREAM_ACK_WAIT_MS));
  const nc = await connect({
    servers: url,
    name,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
  });
  void (async () => {
    for await (const s of nc.status())
      if (s.type === 'disconnect' || s.type === 'error') onError(new Error(`nats ${s.type}: ${String(s.data)}`));
  })();
  const jsm = await nc.jetstreamManager();
  await ensureStream(jsm);
  const js: JetStreamClient = nc.jetstream();
  const figures: StreamFigures = { published: 0, offered: 0, queued: 0, dropped: 0, publishFailures: 0 };
  const queue: Array<{ subject: StreamSubject; id: string; payload: unknown }> = [];
  let pumping = false;
  let closed = false;
  const consumers = new Set<{ stop(): Promise<void> }>();

  const publish = async (subject: StreamSubject, id: string, payload: unknown): Promise<void> => {
    try {
      await js.publish(`${STREAM_PREFIX}${subject}`, codec.encode({ subject, payload }), {
        msgID: id,
        timeout: PUBLISH_TIMEOUT_MS,
      });
    } catch (err) {
      figures.publishFailures++;
      throw err;
    }
    figures.published++;
  };

  /** Sends what was offered, a batch at a time; a batch that fails waits and is sent again (same ids: JetStream keeps one). */
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length && !closed) {
        const batch = queue.slice(0, PUMP_BATCH);
        const results = await Promise.allSettled(batch.map((m) => publish(m.subject, m.id, m.payload)));
        const failed = batch.filter((_, i) => results[i]!.status === 'rejected');
        queue.splice(0, batch.length, ...failed);
        figures.queued = queue.length;
        if (failed.length) {
          onError(new Error(`stream: ${failed.length} publishes failed, retrying`));
          await sleep(250);
        }
      }
    } finally {
      pumping = false;
    }
  };

  const consumeBatches = async (
    durable: string,
    prefixes: readonly string[],
    handler: StreamBatchHandler,
    options: ConsumeBatchOptions,
  ): Promise<StreamConsumer> => {
    // One filter subject per consumer (multi-subject filters need a newer server): one prefix is
    // filtered by the server; several read the whole stream and the others are acknowledged unread.
    const filter = prefixes.length === 1 ? natsFilter(prefixes[0]!) : `${STREAM_PREFIX}>`;
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: options.from === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
      filter_subject: filter,
      ack_wait: ackWait,
      max_ack_pending: 2_000,
    };
    const existing = await jsm.consumers.info(STREAM_NAME, durable).catch(() => null);
    if (!existing) await jsm.consumers.add(STREAM_NAME, config);
    else if (existing.config.filter_subject !== filter || existing.config.ack_wait !== ackWait)
      await jsm.consumers.update(STREAM_NAME, durable, { filter_subject: filter, ack_wait: ackWait });
    let stopped = false;
    let current: { stop(): void } | null = null;
    let lastBatch: Promise<void> = Promise.resolve();
    const maxBatch = Math.max(1, Math.floor(options.maxBatch));
    const decode = (m: JsMsg): StreamMessage | null => {
      // Another consumer's subject is acknowledged unread, by its NATS subject, without decoding its body.
      if (m.subject.startsWith(STREAM_PREFIX) && !matchesPrefix(m.subject.slice(STREAM_PREFIX.length), prefixes))
        return null;
      const { subject, payload } = codec.decode(m.data);
      if (!matchesPrefix(subject, prefixes)) return null;
      return {
        id: m.headers?.get('Nats-Msg-Id') || `${m.info.stream}:${m.seq}`,
        subject,
        payload,
        publishedAt: Math.floor(m.info.timestampNanos / 1e6),
      };
    };
    // Reading resumes after a lost connection or a restarted server: the durable consumer remembers what was acknowledged.
    const loop = (async () => {
      while (!stopped && !closed) {
        try {
          const consumer = await js.consumers.get(STREAM_NAME, durable);
          const messages = await consumer.consume({ max_messages: Math.max(500, maxBatch), expires: 5_000 });
          current = messages;
          if (stopped) messages.stop(); // stopped while the pull was being made
          await deliverInBatches(messages, {
            decode,
            handler,
            maxBatch,
            stopped: () => stopped,
            onError,
            track: (settled) => {
              lastBatch = settled;
            },
          });
        } catch (err) {
          if (!stopped && !closed) onError(err as Error);
        }
        if (!stopped && !closed) await sleep(500);
      }
    })();
    const entry = {
      async stop() {
        stopped = true;
        current?.stop();
        // A batch being handled is let finish and acknowledged (a stop that left it committed but
        // unacknowledged would have it delivered again); bounded, for a handler that hangs.
        await Promise.race([lastBatch, sleep(STOP_BATCH_WAIT_MS)]);
        await Promise.race([loop, sleep(2_000)]);
        // The server learns the pull is gone only from the unsubscribe; until it has read it, a
        // message published by another connection may still go to the stopped pull and come back
        // only after the acknowledgement wait. A round trip makes sure it has been read.
        if (!closed) await Promise.race([nc.flush().catch(() => {}), sleep(2_000)]);
      },
    };
    consumers.add(entry);
    return entry;
  };

  /** One message at a time: a batch of one, acknowledged after the handler, left for redelivery when it throws. */
  const consume = (
    durable: string,
    prefixes: readonly string[],
    handler: StreamHandler,
    options?: ConsumeOptions,
  ): Promise<StreamConsumer> =>
    consumeBatches(
      durable,
      prefixes,
      async ([m]) => {
        await handler(m!);
        return undefined;
      },
      { ...options, maxBatch: 1 },
    );

  return {
    kind: 'jetstream',
    nats: nc,
    figures,
    publish,
    offer(subject, id, payload) {
      figures.offered++;
      queue.push({ subject, id, payload });
      if (queue.length > MAX_QUEUED) figures.dropped += queue.splice(0, queue.length - MAX_QUEUED).length;
      figures.queued = queue.length;
      void pump();
    },
    consume,
    consumeBatches,
    async close() {
      // What was offered and not yet held gets a moment to go out.
      const until = Date.now() + 3_000;
      while (queue.length && Date.now() < until && !nc.isClosed()) await sleep(50);
      closed = true;
      for (const c of consumers) await c.stop();
      // Draining needs the server; without it (NATS away) the connection is just closed.
      await Promise.race([nc.drain().catch(() => {}), sleep(2_000)]);
      if (!nc.isClosed()) await nc.close();
    },
  };
}
