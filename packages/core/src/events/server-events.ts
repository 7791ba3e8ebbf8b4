/**
 * Events the server records for other modules, into the same append-only table as the clients'
 * (this module is the table's one writer): a product added to a cart, a product added to
 * favourites, with the channel of the card it happened on. Written inside the caller's
 * transaction, so the event exists exactly when the change committed. Also the bulk writer of
 * events whose times are given (the demo's traffic).
 */
import type { Db, Tx } from '../context.js';
import { newId } from '../platform/index.js';
import { insertRows, type EventsTable } from '../storage/index.js';
import { outboxRow } from '../outbox/index.js';
import type { EventType } from './event-rules.js';
import { EVENTS_RECORDED } from './events-on-outbox.js';

export const SERVER_EVENT_TYPES = ['add_to_cart', 'favourite'] as const;
export type ServerEventType = (typeof SERVER_EVENT_TYPES)[number];
/** Every type a stored event row may carry. */
export type StoredEventType = EventType | ServerEventType;

export interface ServerEvent {
  type: ServerEventType;
  userId: string;
  productId: string;
  /** The card's attribution: source (video, live, search, shelf, link, feed, cart) and the video or live room. */
  source: string;
  contentId?: string | null | undefined;
  at: number;
}

/**
 * Records server events in the caller's transaction; with `outbox` (scaled mode, `eventsOnOutbox`),
 * also their ids as an `events.recorded` outbox event in the same transaction, for the stream.
 */
export async function recordServerEvents(
  tx: Db | Tx,
  events: readonly ServerEvent[],
  options: { outbox?: boolean } = {},
): Promise<void> {
  if (!events.length) return;
  const rows = events.map((e) => {
    const id = newId('event', e.at);
    const content = e.contentId ?? null;
    return {
      id,
      actor_key: e.userId,
      user_id: e.userId,
      type: e.type,
      video_id: content?.startsWith('vid_') ? content : null,
      product_id: e.productId,
      watch_ms: null,
      duration_ms: null,
      at: e.at,
      client_event_id: `srv:${id}`,
      received_at: e.at,
      source: e.source,
      content_id: content,
    };
  });
  await insertRows(tx, 'events', rows);
  if (options.outbox) {
    const ids = rows.map((r) => r.id);
    await insertRows(tx, 'outbox', [outboxRow(EVENTS_RECORDED, ids[0]!, { ids }, events[0]!.at)]);
  }
}

/** An event with its times given (happened `at`, received `receivedAt`): the demo's traffic and imports. */
export interface RecordedEvent {
  type: StoredEventType;
  actorKey: string;
  userId: string | null;
  videoId: string | null;
  productId: string | null;
  at: number;
  receivedAt: number;
  clientEventId: string;
  /** Server events only: the card's attribution source and its video or live room. */
  source?: string | null;
  contentId?: string | null;
}

/** Writes events in bulk; one already stored under the same actor and clientEventId is skipped. Returns how many were stored. */
export async function recordEvents(db: Db, events: readonly RecordedEvent[]): Promise<number> {
  const rows: EventsTable[] = events.map((e) => ({
    id: newId('event', e.receivedAt),
    actor_key: e.actorKey,
    user_id: e.userId,
    type: e.type,
    video_id: e.videoId,
    product_id: e.productId,
    watch_ms: null,
    duration_ms: null,
    at: e.at,
    client_event_id: e.clientEventId,
    received_at: e.receivedAt,
    source: e.source ?? null,
    content_id: e.contentId ?? null,
  }));
  let stored = 0;
  for (let i = 0; i < rows.length; i += 500)
    stored += await insertRows(db, 'events', rows.slice(i, i + 500), {
      onConflictDoNothing: ['actor_key', 'client_event_id'],
    });
  return stored;
}
