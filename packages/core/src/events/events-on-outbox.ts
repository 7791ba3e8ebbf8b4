/**
 * Scaled mode: the events a process stores reach the stream through the outbox. With this store's
 * switch on (`sendEventsToOutbox`, set by the server when NATS is configured), each batch of events
 * stored (a client's batch, a cart add, a favourite) writes one `events.recorded` outbox event,
 * carrying the stored rows' ids, in the same transaction as the rows: the worker relays it to the
 * stream like every outbox event, so a batch stored is on the stream even if its process dies
 * right after (at-least-once), and the 罗盘 rollups read the rows it names. Off (the embedded
 * default), nothing is written besides the rows.
 */
import type { Db } from '../context.js';
import { runtimePart, runtimeOf } from '../platform/index.js';

export const EVENTS_RECORDED = 'events.recorded' as const;

/** The ids of the event rows one transaction stored (every type; readers keep the types they count). */
export interface EventsRecordedEvent {
  ids: string[];
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'events.recorded': EventsRecordedEvent;
  }
}

const switchPart = runtimePart<{ on: boolean }, Db>('events.on-outbox', () => ({ on: false }));

/** Turns on (or off) the `events.recorded` outbox event for the events this store's process stores. */
export function sendEventsToOutbox(db: Db, on = true): void {
  runtimeOf(db).use(switchPart).on = on;
}

export function eventsOnOutbox(db: Db): boolean {
  return runtimeOf(db).peek(switchPart)?.on ?? false;
}
