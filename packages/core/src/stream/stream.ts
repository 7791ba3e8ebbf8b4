/**
 * The event stream behind one interface: outbox events and interest signals published once,
 * consumed by named durable consumers. The embedded default is the in-process bus (no broker;
 * delivery happens in the publishing process); scaled mode uses NATS JetStream (the server's
 * `connectJetStream`), where a consumer resumes where it stopped and a message may arrive more
 * than once, so consumers de-duplicate by the message id (the event id).
 */

/** What travels on the stream: interest signals, and the outbox's domain events by topic. */
export type StreamSubject = 'signals' | `outbox.${string}`;

export interface StreamMessage<T = unknown> {
  /** The event id: JetStream de-duplicates publishes by it, consumers de-duplicate deliveries by it. */
  id: string;
  subject: StreamSubject;
  payload: T;
  /** When the stream took it (ms). */
  publishedAt: number;
}

export type StreamHandler = (message: StreamMessage) => Promise<void> | void;

/**
 * Handles several messages delivered together; they are acknowledged once it returns. It returns
 * the messages to leave for redelivery (none when it returns nothing); throwing leaves them all.
 */
export type StreamBatchHandler = (messages: readonly StreamMessage[]) => Promise<readonly StreamMessage[] | undefined>;

export interface StreamConsumer {
  stop(): Promise<void>;
}

export interface ConsumeOptions {
  /** Where a durable consumer created now starts: the stream's first message it still holds (default), or the next one published. */
  from?: 'first' | 'new';
}

export interface ConsumeBatchOptions extends ConsumeOptions {
  /** The most messages handed over at once: what the stream has delivered and not yet handled, up to this. */
  maxBatch: number;
}

export interface Stream {
  readonly kind: 'embedded' | 'jetstream';
  /** Publishes and waits until the stream holds it; throws when it cannot (the caller keeps its source and retries). */
  publish(subject: StreamSubject, id: string, payload: unknown): Promise<void>;
  /** Publishes without waiting: kept and retried until the stream holds it (at-least-once while this process lives). */
  offer(subject: StreamSubject, id: string, payload: unknown): void;
  /**
   * A durable consumer named `durable` over the subjects starting with one of `prefixes`: it resumes
   * after the last message it acknowledged (a handler that throws leaves the message for redelivery).
   */
  consume(
    durable: string,
    prefixes: readonly string[],
    handler: StreamHandler,
    options?: ConsumeOptions,
  ): Promise<StreamConsumer>;
  /**
   * The same durable consumer, handed the messages already delivered and not yet handled together
   * (one at least, `maxBatch` at most), each acknowledged after the handler returns: a consumer that
   * commits them in one transaction pays one per batch rather than one per message.
   */
  consumeBatches(
    durable: string,
    prefixes: readonly string[],
    handler: StreamBatchHandler,
    options: ConsumeBatchOptions,
  ): Promise<StreamConsumer>;
  close(): Promise<void>;
}

export function matchesPrefix(subject: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => subject.startsWith(p));
}

/** The embedded bus: delivery in this process, in publish order, to every consumer whose prefixes match. */
export class EmbeddedStream implements Stream {
  readonly kind = 'embedded' as const;
  private readonly consumers = new Set<{ prefixes: readonly string[]; handler: StreamHandler }>();

  async publish(subject: StreamSubject, id: string, payload: unknown): Promise<void> {
    for (const c of this.consumers)
      if (matchesPrefix(subject, c.prefixes)) await c.handler({ id, subject, payload, publishedAt: Date.now() });
  }

  offer(subject: StreamSubject, id: string, payload: unknown): void {
    void this.publish(subject, id, payload).catch(() => {});
  }

  async consume(_durable: string, prefixes: readonly string[], handler: StreamHandler): Promise<StreamConsumer> {
    const entry = { prefixes, handler };
    this.consumers.add(entry);
    return { stop: async () => void this.consumers.delete(entry) };
  }

  /** Delivery in the publishing process is one message at a time: each is a batch of one. */
  async consumeBatches(
    _durable: string,
    prefixes: readonly string[],
    handler: StreamBatchHandler,
  ): Promise<StreamConsumer> {
    return this.consume(_durable, prefixes, async (m) => {
      const left = await handler([m]);
      if (left?.length) throw new Error(`stream: message ${m.id} left for redelivery`);
    });
  }

  async close(): Promise<void> {
    this.consumers.clear();
  }
}

/**
 * Ids already handled, bounded: two generations of `size` each, so the last `size` to `2 × size`
 * ids are remembered (redeliveries come soon after the first delivery).
 */
export class SeenIds {
  private current = new Set<string>();
  private previous = new Set<string>();

  constructor(private readonly size = 100_000) {}

  /** True the first time an id is offered, false for a repeat. */
  first(id: string): boolean {
    if (this.current.has(id) || this.previous.has(id)) return false;
    this.current.add(id);
    if (this.current.size >= this.size) {
      this.previous = this.current;
      this.current = new Set();
    }
    return true;
  }

  /** Drops an id (its handling failed: the redelivery is handled, not skipped). */
  forget(id: string): void {
    this.current.delete(id);
    this.previous.delete(id);
  }
}
