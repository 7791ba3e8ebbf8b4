/** What makes a batch of client events acceptable. Pure: no I/O, the current time is passed in. */
import { DomainError, type ErrorCode } from '../platform/index.js';

export const EVENT_TYPES = [
  'impression',
  'view_progress',
  'complete',
  'product_tap',
  'like',
  'share',
  'follow',
  'not_interested',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const MAX_EVENTS_PER_BATCH = 100;
/** A client clock may run a little fast; more than this is refused. */
export const MAX_FUTURE_MS = 5 * 60 * 1000;
/** Offline clients may send late, but not older than this. */
export const MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** No single watch or video lasts longer than a day. */
export const MAX_WATCH_MS = 24 * 3600 * 1000;
export const CLIENT_EVENT_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface ClientEvent {
  type: string;
  videoId?: string | undefined;
  productId?: string | undefined;
  watchMs?: number | undefined;
  durationMs?: number | undefined;
  at: number;
  clientEventId: string;
}

/** Which fields each type needs: watching needs the video and the watch time, a product tap the product. */
const NEEDS: Record<EventType, { video: boolean; product: boolean; watch: boolean }> = {
  impression: { video: true, product: false, watch: false },
  view_progress: { video: true, product: false, watch: true },
  complete: { video: true, product: false, watch: false },
  product_tap: { video: false, product: true, watch: false },
  like: { video: true, product: false, watch: false },
  share: { video: true, product: false, watch: false },
  follow: { video: false, product: false, watch: false },
  not_interested: { video: true, product: false, watch: false },
};

export const isEventType = (t: string): t is EventType => (EVENT_TYPES as readonly string[]).includes(t);

const bad = (code: ErrorCode, index: number, message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(code, `events[${index}]: ${message}`, { index, ...details });

/** Throws a 400 naming the first bad event; the whole batch is refused (nothing of it is stored). */
export function checkEventBatch(events: readonly ClientEvent[], now: number): void {
  if (events.length === 0) throw new DomainError('NO_EVENTS', 'send at least one event');
  if (events.length > MAX_EVENTS_PER_BATCH)
    throw new DomainError('TOO_MANY_EVENTS', `at most ${MAX_EVENTS_PER_BATCH} events per batch`, {
      max: MAX_EVENTS_PER_BATCH,
      got: events.length,
    });
  events.forEach((e, i) => {
    if (!isEventType(e.type))
      throw bad('UNKNOWN_EVENT_TYPE', i, `unknown event type "${e.type}"`, { type: e.type, allowed: EVENT_TYPES });
    if (!Number.isSafeInteger(e.at)) throw bad('VALIDATION_FAILED', i, 'at must be epoch milliseconds');
    if (e.at > now + MAX_FUTURE_MS)
      throw bad('EVENT_TIME_OUT_OF_RANGE', i, 'at is more than 5 minutes in the future', { at: e.at, now });
    if (e.at < now - MAX_AGE_MS)
      throw bad('EVENT_TIME_OUT_OF_RANGE', i, 'at is more than 7 days in the past', { at: e.at, now });
    if (!CLIENT_EVENT_ID_PATTERN.test(e.clientEventId))
      throw bad('VALIDATION_FAILED', i, 'clientEventId must be 1–64 letters, digits or _.:-');
    for (const [field, v] of [
      ['watchMs', e.watchMs],
      ['durationMs', e.durationMs],
    ] as const) {
      if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0 && v <= MAX_WATCH_MS))
        throw bad('VALIDATION_FAILED', i, `${field} must be 0–${MAX_WATCH_MS} ms`);
    }
    const needs = NEEDS[e.type];
    if (needs.video && !e.videoId)
      throw bad('EVENT_FIELD_MISSING', i, `a ${e.type} event needs videoId`, { field: 'videoId' });
    if (needs.product && !e.productId)
      throw bad('EVENT_FIELD_MISSING', i, `a ${e.type} event needs productId`, { field: 'productId' });
    if (needs.watch && e.watchMs === undefined)
      throw bad('EVENT_FIELD_MISSING', i, `a ${e.type} event needs watchMs`, { field: 'watchMs' });
  });
}

/** The batch without repeats of a clientEventId (the first one wins). */
export function uniqueByClientId<T extends { clientEventId: string }>(events: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const e of events) {
    if (seen.has(e.clientEventId)) continue;
    seen.add(e.clientEventId);
    out.push(e);
  }
  return out;
}

/** The key events are stored and deduplicated under: the person, or an anonymous viewer id. */
export function actorKey(viewer: { userId?: string | null | undefined; viewerId?: string | null | undefined }): string {
  if (viewer.userId) return viewer.userId;
  if (viewer.viewerId) return `anon:${viewer.viewerId}`;
  throw new DomainError('UNAUTHENTICATED', 'log in, or send an anonymous viewer id in the x-viewer-id header');
}
