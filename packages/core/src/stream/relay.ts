/** Scaled mode's publishers: the outbox's batches and the interest signals of this process go to the stream. */
import type { OutboxDispatcher } from '../outbox/index.js';
import { newId } from '../platform/index.js';
import type { SignalSource } from '../signals/index.js';
import type { Stream } from './stream.js';

/** What an outbox event carries on the stream (subject `outbox.<topic>`, message id = the event id). */
export interface OutboxStreamPayload {
  topic: string;
  subjectId: string;
  payload: unknown;
  createdAt: number;
}

/** Every batch the dispatcher delivers is first held by the stream; if it cannot be, the batch waits for the next round. */
export function relayOutbox(outbox: OutboxDispatcher, stream: Stream): void {
  outbox.relayTo(async (events) => {
    await Promise.all(
      events.map((e) =>
        stream.publish(`outbox.${e.topic}`, e.id, {
          topic: e.topic,
          subjectId: e.subjectId,
          payload: e.payload,
          createdAt: e.createdAt,
        } satisfies OutboxStreamPayload),
      ),
    );
  });
}

/**
 * Every batch of signals committed in this process (client events, likes, shares, follows, cart
 * adds) is offered to the stream under a fresh id, kept and retried until the stream holds it.
 * `source` subscribes to them (e.g. `(listener) => onSignals(db, listener)`). Returns the unsubscribe function.
 */
export function relaySignals(source: SignalSource, stream: Stream): () => void {
  return source((signals) => stream.offer('signals', newId('event', Date.now()), signals));
}
