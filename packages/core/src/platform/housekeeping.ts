/** Deletes rows whose job is done: dispatched events, delivered gateway notifications, expired idempotency keys and sessions, finished timers. */
import type { Db } from '../context.js';

export const KEEP_DISPATCHED_EVENTS_MS = 7 * 24 * 3600 * 1000;
export const KEEP_IDEMPOTENCY_KEYS_MS = 24 * 3600 * 1000;

export async function housekeeping(db: Db, now: number): Promise<void> {
  await db
    .deleteFrom('outbox')
    .where('dispatched_at', '<', now - KEEP_DISPATCHED_EVENTS_MS)
    .execute();
  await db
    .deleteFrom('sandbox_deliveries')
    .where('delivered_at', '<', now - KEEP_DISPATCHED_EVENTS_MS)
    .execute();
  await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', now - KEEP_IDEMPOTENCY_KEYS_MS)
    .where('status_code', '>', 0)
    .execute();
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  await db
    .deleteFrom('timers')
    .where('status', 'in', ['done', 'cancelled'])
    .where('updated_at', '<', now - KEEP_DISPATCHED_EVENTS_MS)
    .execute();
}
