/**
 * Batches client events for POST /api/v1/events: flushed every few seconds, when 50 are
 * waiting, and when the page is hidden (fetch with keepalive, which survives the unload and,
 * unlike sendBeacon, can carry the CSRF header of a signed-in person).
 */
import { newUuid } from '../lib/ids';
import { API_BASE, getCsrfToken } from './client';
import type { ClientEvent, EventType } from './shopper-types';
import { viewerId } from './viewer';

const FLUSH_EVERY_MS = 4000;
const MAX_BATCH = 50;

let queue: ClientEvent[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
let listening = false;

export function track(
  type: EventType,
  fields: { videoId?: string; productId?: string; watchMs?: number; durationMs?: number } = {},
): void {
  const event: ClientEvent = { type, at: Date.now(), clientEventId: newUuid() };
  if (fields.videoId) event.videoId = fields.videoId;
  if (fields.productId) event.productId = fields.productId;
  if (fields.watchMs !== undefined) event.watchMs = Math.max(0, Math.round(fields.watchMs));
  if (fields.durationMs !== undefined && fields.durationMs > 0) event.durationMs = Math.round(fields.durationMs);
  queue.push(event);
  listen();
  if (queue.length >= MAX_BATCH) flushEvents();
  else if (!timer) timer = setTimeout(() => flushEvents(), FLUSH_EVERY_MS);
}

export function flushEvents(keepalive = false): void {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  while (queue.length > 0) {
    const batch = queue.slice(0, 100);
    queue = queue.slice(100);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-viewer-id': viewerId() };
    const csrf = getCsrfToken();
    if (csrf) headers['x-csrf-token'] = csrf;
    // Events are best effort: a failed batch is dropped rather than retried forever.
    void fetch(`${API_BASE}/events`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      keepalive,
      body: JSON.stringify({ events: batch }),
    }).catch(() => {});
  }
}

function listen(): void {
  if (listening || typeof document === 'undefined') return;
  listening = true;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushEvents(true);
  });
  window.addEventListener('pagehide', () => flushEvents(true));
}
