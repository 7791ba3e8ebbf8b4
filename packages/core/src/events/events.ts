/**
 * Client events: validated, deduplicated by clientEventId per viewer, stored append-only in one
 * multi-row insert, then published to the interest engine (only the ones actually stored).
 */
import type { CoreContext, Db, Tx } from '../context.js';
import { DomainError, newId, type ErrorCode, runtimePart, runtimeOf } from '../platform/index.js';
import { insertRows, type EventsTable } from '../storage/index.js';
import { hasSignalListeners, publishSignals } from '../signals/index.js';
import { clientEventSignal, runningRecommendService } from '../recommend/index.js';
import { outboxRow } from '../outbox/index.js';
import { actorKey, checkEventBatch, uniqueByClientId, type ClientEvent } from './event-rules.js';
import { EVENTS_RECORDED, eventsOnOutbox } from './events-on-outbox.js';

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
  const conflicts = { onConflictDoNothing: ['actor_key', 'client_event_id'] as ['actor_key', 'client_event_id'] };
  let accepted: number;
  let stored: readonly EventsTable[] | null = null;
  if (!eventsOnOutbox(ctx.db)) {
    // One statement: the batch is stored whole or not at all; a clientEventId already stored for this viewer is skipped.
    accepted = await insertRows(ctx.db, 'events', rows, conflicts);
  } else {
    // Scaled mode: the rows and the outbox event naming them, in one transaction.
    ({ accepted, stored } = await ctx.db.transaction().execute(async (tx) => {
      const n = await insertRows(tx, 'events', rows, conflicts);
      const kept = n === rows.length ? rows : n === 0 ? [] : await storedOf(tx, rows);
      if (kept.length) {
        const ids = kept.map((r) => r.id);
        await insertRows(tx, 'outbox', [outboxRow(EVENTS_RECORDED, ids[0]!, { ids }, now)]);
      }
      return { accepted: n, stored: kept };
    }));
  }
  if (accepted > 0 && hasSignalListeners(ctx.db))
    publishSignals(
      ctx.db,
      (stored ?? (accepted === rows.length ? rows : await storedOf(ctx.db, rows))).flatMap(
        (r) => clientEventSignal(r) ?? [],
      ),
    );
  return { accepted, duplicates: events.length - accepted };
}

/** The rows of this batch that were stored (some were duplicates: looked up by id). */
async function storedOf(db: Db | Tx, rows: readonly EventsTable[]): Promise<readonly EventsTable[]> {
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
  return rows.filter((r) => ids.has(r.id));
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
