/**
 * Domain events, written in the same transaction as the change that caused them and delivered
 * after commit by the dispatcher (in-process by default).
 */
import type { Db, Tx } from '../context.js';
import { newId } from '../platform/index.js';
import { insertRows, type OutboxTable } from '../storage/index.js';
import type { Insertable } from 'kysely';

/**
 * The outbox's topics and the payload of each. Every module declares the events it emits next to
 * the code that emits them, by adding to this interface:
 *
 *     declare module '../outbox/outbox.js' {
 *       interface OutboxEvents { 'order.late': OrderLateEvent }
 *     }
 *
 * so `emit(tx, 'order.late', id, payload, now)` is checked by the compiler (an unknown topic or a
 * payload of the wrong shape does not compile), listeners read typed payloads, and the outbox
 * depends on no module.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module that emits
export interface OutboxEvents {}

export type OutboxTopic = keyof OutboxEvents;

/** An event as delivered; narrowing on `topic` narrows `payload`. */
export type DomainEvent<K extends OutboxTopic = OutboxTopic> = {
  [T in K]: { id: string; topic: T; subjectId: string; payload: OutboxEvents[T]; createdAt: number };
}[K];

/** The events a subscription to `prefix` receives (every topic that starts with it). */
export type EventUnder<P extends string> = DomainEvent<Extract<OutboxTopic, `${P}${string}`>>;

export async function emit<K extends OutboxTopic>(
  tx: Tx,
  topic: K,
  subjectId: string,
  payload: OutboxEvents[K],
  now: number,
): Promise<void> {
  await insertRows(tx, 'outbox', [outboxRow(topic, subjectId, payload, now)]);
}

/** The row emit() writes, for a writer that inserts many events in one statement (the flash sale's group commit). */
export function outboxRow<K extends OutboxTopic>(
  topic: K,
  subjectId: string,
  payload: OutboxEvents[K],
  now: number,
): Insertable<OutboxTable> {
  return {
    id: newId('outbox', now),
    topic,
    subject_id: subjectId,
    payload: JSON.stringify(payload),
    created_at: now,
    dispatched_at: null,
  };
}

/** One event of a batch: a topic and its payload, checked like emit's. */
export type OutboxEntry = {
  [K in OutboxTopic]: { topic: K; subjectId: string; payload: OutboxEvents[K] };
}[OutboxTopic];

/** Many events in one statement (order placement writes a batch's events at once), in the given order. */
export async function emitMany(tx: Tx, events: readonly OutboxEntry[], now: number): Promise<void> {
  await insertRows(
    tx,
    'outbox',
    events.map((e) => outboxRow(e.topic, e.subjectId, e.payload as never, now)),
  );
}

export type EventHandler<E = DomainEvent> = (event: E) => Promise<void> | void;

/** A handler of a whole dispatch round's events of its prefix at once, in outbox order (never called with none). */
export type BatchEventHandler<E = DomainEvent> = (events: E[]) => Promise<void> | void;

/** Delivers undelivered events in order to subscribers whose topic prefix matches, then marks them. */
export class OutboxDispatcher {
  private readonly handlers: Array<{ prefix: string; handler: EventHandler }> = [];
  private readonly batchHandlers: Array<{ prefixes: readonly string[]; handler: BatchEventHandler }> = [];
  private running = false;
  private relay: ((events: DomainEvent[]) => Promise<void>) | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** Calls `handler` with every event whose topic starts with `prefix` (a whole topic, a module's `order.`, or '' for all). */
  subscribe<P extends string>(prefix: P, handler: EventHandler<EventUnder<P>>): void {
    this.handlers.push({ prefix, handler: handler as EventHandler });
  }

  /**
   * Calls `handler` once per dispatch round with all of the round's events whose topic starts with
   * `prefix` (or one of several), in outbox order, after the per-event handlers of the round: a
   * listener that reads or writes per event does it once per round instead (one query for every
   * paid order of the round).
   */
  subscribeBatch<P extends string>(prefix: P | readonly P[], handler: BatchEventHandler<EventUnder<P>>): void {
    const prefixes: readonly string[] = typeof prefix === 'string' ? [prefix] : prefix;
    this.batchHandlers.push({ prefixes, handler: handler as BatchEventHandler });
  }

  /**
   * Scaled mode: the handlers subscribed to these prefixes leave this dispatcher and are returned,
   * to run as a durable consumer of the stream instead (stream/outbox-consumer.ts); a batch
   * handler whose prefixes are all among them is returned as a handler of one event at a time,
   * once per prefix.
   */
  takeHandlers(prefixes: readonly string[]): Array<{ prefix: string; handler: EventHandler }> {
    const taken = this.handlers.filter((h) => prefixes.includes(h.prefix));
    for (const h of taken) this.handlers.splice(this.handlers.indexOf(h), 1);
    const batches = this.batchHandlers.filter((h) => h.prefixes.every((p) => prefixes.includes(p)));
    for (const h of batches) this.batchHandlers.splice(this.batchHandlers.indexOf(h), 1);
    return [
      ...taken,
      ...batches.flatMap((h) => h.prefixes.map((prefix) => ({ prefix, handler: (e: DomainEvent) => h.handler([e]) }))),
    ];
  }

  /**
   * Scaled mode: each batch is handed to the relay (the stream) before any handler runs; when the
   * relay throws, the batch stays undelivered and the next round tries it again (at-least-once).
   */
  relayTo(relay: (events: DomainEvent[]) => Promise<void>): void {
    this.relay = relay;
  }

  /** Delivers one batch; returns how many events it handled. Safe to call concurrently (it skips). */
  async dispatchOnce(batch = 500): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const rows = await this.db
        .selectFrom('outbox')
        .selectAll()
        .where('dispatched_at', 'is', null)
        .orderBy('id')
        .limit(batch)
        .execute();
      // The rows were written by emit(), whose topic and payload the compiler checked.
      const events = rows.map(
        (r) =>
          ({
            id: r.id,
            topic: r.topic,
            subjectId: r.subject_id,
            payload: JSON.parse(r.payload),
            createdAt: r.created_at,
          }) as DomainEvent,
      );
      if (this.relay && events.length) await this.relay(events);
      for (const event of events) {
        const topic: string = event.topic;
        for (const h of this.handlers) if (topic.startsWith(h.prefix)) await h.handler(event);
      }
      for (const h of this.batchHandlers) {
        const matching = events.filter((e) => h.prefixes.some((p) => (e.topic as string).startsWith(p)));
        if (matching.length) await h.handler(matching);
      }
      if (rows.length) {
        await this.db
          .updateTable('outbox')
          .set({ dispatched_at: this.now() })
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .where('dispatched_at', 'is', null)
          .execute();
      }
      return rows.length;
    } finally {
      this.running = false;
    }
  }
}
