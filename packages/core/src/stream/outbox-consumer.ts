/**
 * Outbox handlers run as a durable consumer of the stream (scaled mode): the worker relays every
 * outbox batch to the stream before its remaining handlers run, and these handlers, taken off the
 * dispatcher, consume the same events from the stream under their own durable name: they resume
 * after the last event they acknowledged (a process restarted, NATS restarted), a handler that
 * throws leaves its event for redelivery, and deliveries are de-duplicated by the event id (in
 * memory; a handler must also be idempotent per event, as the push's is by its messages' unique
 * key, since a delivery whose acknowledgement was lost comes again after a restart).
 */
import type { DomainEvent, EventHandler } from '../outbox/index.js';
import type { OutboxStreamPayload } from './relay.js';
import { SeenIds, type ConsumeOptions, type Stream, type StreamConsumer } from './stream.js';

export interface OutboxConsumerFigures {
  /** Events handled once. */
  events: number;
  /** Deliveries of an event already handled. */
  duplicates: number;
}

export interface OutboxConsumer {
  figures: OutboxConsumerFigures;
  consumer: StreamConsumer;
}

export async function consumeOutboxOnStream(
  stream: Stream,
  durable: string,
  handlers: ReadonlyArray<{ prefix: string; handler: EventHandler }>,
  options?: ConsumeOptions,
): Promise<OutboxConsumer> {
  const figures: OutboxConsumerFigures = { events: 0, duplicates: 0 };
  const seen = new SeenIds();
  const consumer = await stream.consume(
    durable,
    [...new Set(handlers.map((h) => `outbox.${h.prefix}`))],
    async (m) => {
      if (!seen.first(m.id)) {
        figures.duplicates++;
        return;
      }
      const p = m.payload as OutboxStreamPayload;
      const event = {
        id: m.id,
        topic: p.topic,
        subjectId: p.subjectId,
        payload: p.payload,
        createdAt: p.createdAt,
      } as DomainEvent; // the relay wrote it from an outbox row
      try {
        for (const h of handlers) if (event.topic.startsWith(h.prefix)) await h.handler(event);
      } catch (err) {
        // Handled again when it is delivered again.
        seen.forget(m.id);
        throw err;
      }
      figures.events++;
    },
    options,
  );
  return { figures, consumer };
}
