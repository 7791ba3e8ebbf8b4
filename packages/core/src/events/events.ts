/**
 * Client events: validated, deduplicated by clientEventId per viewer, stored append-only in one
 * multi-row insert, then published to the interest engine (only the ones actually stored).
 */
import type { CoreContext, Db } from '../context.js';
import { DomainError, newId, type ErrorCode, runtimePart, runtimeOf } from '../platform/index.js';
import { insertRows, type EventsTable } from '../storage/index.js';
import { hasSignalListeners, publishSignals } from '../signals/index.js';
import { clientEventSignal, runningRecommendService } from '../recommend/index.js';
import { actorKey, checkEventBatch, uniqueByClientId, type ClientEvent } from './event-rules.js';

/** Who sends the batch: a signed-in person, or an anonymous viewer id chosen by the client. Never a user id from the body. */
export interface EventSender {
  userId?: string | null | undefined;
  viewerId?: string | null | undefined;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

export async function ingestEvents(
  ctx: CoreContext,
  sender: EventSender,
  events: readonly ClientEvent[],
): Promise<IngestResult> {
  const key = actorKey(sender);
  const now = ctx.clock.now();
  checkEventBatch(events, now);
  const unique = uniqueByClientId(events);
  // A video the interest engine was taught is known to exist: no query for the feed's own videos.
  const engine = runningRecommendService(ctx)?.host;
  await assertKnown(
    ctx,
    'videos',
    'UNKNOWN_VIDEO',
    unique.map((e) => (e.videoId && engine?.knows(e.videoId) ? undefined : e.videoId)),
  );
  await assertKnown(
    ctx,
    'products',
    'UNKNOWN_PRODUCT',
    unique.map((e) => e.productId),
  );
  const userId = sender.userId ?? null;
  const rows: EventsTable[] = unique.map((e) => ({
    id: newId('event', now),
    actor_key: key,
    user_id: userId,
    type: e.type,
    video_id: e.videoId ?? null,
    product_id: e.productId ?? null,
    watch_ms: e.watchMs ?? null,
    duration_ms: e.durationMs ?? null,
    at: e.at,
    client_event_id: e.clientEventId,
    received_at: now,
  }));
  // One statement: the batch is stored whole or not at all; a clientEventId already stored for this viewer is skipped.
  const accepted = await insertRows(ctx.db, 'events', rows, { onConflictDoNothing: ['actor_key', 'client_event_id'] });
  if (accepted > 0 && hasSignalListeners(ctx.db)) await publishStored(ctx.db, rows, accepted);
  return { accepted, duplicates: events.length - accepted };
}

/** Publishes the rows this batch stored (when some were duplicates, the stored ones are looked up by id). */
async function publishStored(db: Db, rows: readonly EventsTable[], accepted: number): Promise<void> {
  let stored = rows;
  if (accepted < rows.length) {
    const ids = new Set(
      (
        await db
          .selectFrom('events')
          .select('id')
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      ).map((r) => r.id),
    );
    stored = rows.filter((r) => ids.has(r.id));
  }
  publishSignals(
    db,
    stored.flatMap((r) => clientEventSignal(r) ?? []),
  );
}

/** Ids known to exist, per store and process: rows of videos and products are never deleted, so a hit never goes stale. */
const knownIdsPart = runtimePart<Set<string>, Db>('events.known-ids', () => new Set());
const KNOWN_MAX = 200_000;

async function assertKnown(
  ctx: CoreContext,
  table: 'videos' | 'products',
  code: ErrorCode,
  ids: Array<string | undefined>,
): Promise<void> {
  const known = runtimeOf(ctx.db).use(knownIdsPart);
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id) && !known.has(`${table}:${id}`)))];
  if (wanted.length === 0) return;
  const found = await ctx.db.selectFrom(table).select('id').where('id', 'in', wanted).execute();
  if (known.size + found.length > KNOWN_MAX) known.clear();
  for (const r of found) known.add(`${table}:${r.id}`);
  if (found.length === wanted.length) return;
  const missing = wanted.filter((id) => !known.has(`${table}:${id}`));
  throw new DomainError(code, `no such ${table === 'videos' ? 'video' : 'product'}: ${missing[0]}`, { ids: missing });
}
