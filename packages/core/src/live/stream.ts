/**
 * Video ingest. The host gets a stream key for an RTMP ingest server running beside Zhongcao
 * (nginx-rtmp or SRS; docs/LIVE-INGEST.md); the server asks us through its publish callbacks
 * (nginx-rtmp `on_publish`/`on_publish_done`, SRS `http_hooks` `on_publish`/`on_unpublish`)
 * whether a publisher may go live, and we play its HLS output. The stream name is the room id,
 * the secret travels as the `key` query argument ("lvr_…?key=…"); only its SHA-256 is stored.
 * Without an ingest server the room plays its fallback video on loop.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor, CoreContext } from '../context.js';
import { DomainError, ID_PREFIX } from '../platform/index.js';
import { requireHost } from './rooms.js';
import { liveRuntime } from './runtime.js';

const hash = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const ingestUrl = (): string => process.env.LIVE_INGEST_URL || 'rtmp://127.0.0.1:1935/live';
/** Where the ingest server's HLS output is served (e.g. by the same nginx): `<base>/<room id>.m3u8`. */
export const hlsUrlOf = (roomId: string): string =>
  `${(process.env.LIVE_HLS_BASE || '/hls').replace(/\/$/, '')}/${roomId}.m3u8`;

export async function issueStreamKey(
  ctx: CoreContext,
  actor: Actor,
  roomId: string,
): Promise<{ streamKey: string; ingestUrl: string; streamName: string }> {
  const room = await requireHost(ctx.db, actor, roomId);
  if (room.status === 'ended') throw new DomainError('ROOM_ENDED', 'the room has ended');
  const secret = randomBytes(24).toString('base64url');
  await ctx.db
    .updateTable('live_rooms')
    .set({ stream_key_hash: hash(secret), updated_at: ctx.clock.now() })
    .where('id', '=', roomId)
    .execute();
  return { streamKey: `${roomId}?key=${secret}`, ingestUrl: ingestUrl(), streamName: roomId };
}

export interface IngestCall {
  /** nginx-rtmp: `name`; SRS: `stream`. May carry "?key=…" itself. */
  name?: unknown;
  stream?: unknown;
  /** nginx-rtmp passes the publish URL's query arguments as fields. */
  key?: unknown;
  /** SRS: the query string, "?key=…". */
  param?: unknown;
}

const ROOM_ID = new RegExp(`^${ID_PREFIX.liveRoom}_[0-9a-z]{26}$`);

export function parseIngestCall(body: IngestCall): { roomId: string; key: string } | null {
  const rawName = typeof body.name === 'string' ? body.name : typeof body.stream === 'string' ? body.stream : '';
  const [name, inlineQuery] = rawName.split('?', 2) as [string, string | undefined];
  let key = typeof body.key === 'string' ? body.key : '';
  if (!key && typeof body.param === 'string') key = new URLSearchParams(body.param.replace(/^\?/, '')).get('key') ?? '';
  if (!key && inlineQuery) key = new URLSearchParams(inlineQuery).get('key') ?? '';
  if (!ROOM_ID.test(name) || key.length < 8 || key.length > 200) return null;
  return { roomId: name, key };
}

/** on_publish: true lets the publisher in (and a scheduled room goes live), false refuses it. */
export async function onPublish(ctx: CoreContext, body: IngestCall): Promise<boolean> {
  const call = parseIngestCall(body);
  if (!call) return false;
  const room = await ctx.db
    .selectFrom('live_rooms')
    .select(['id', 'status', 'stream_key_hash'])
    .where('id', '=', call.roomId)
    .executeTakeFirst();
  if (!room || room.status === 'ended' || !room.stream_key_hash) return false;
  const given = Buffer.from(hash(call.key), 'hex');
  if (!timingSafeEqual(given, Buffer.from(room.stream_key_hash, 'hex'))) return false;
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('live_rooms')
    .set((eb) => ({
      publishing: 1,
      updated_at: now,
      status: 'live',
      opened_at: eb.fn.coalesce('opened_at', eb.val(now)),
    }))
    .where('id', '=', room.id)
    .where('status', '!=', 'ended')
    .execute();
  liveRuntime(ctx).publish({ roomId: room.id, kind: room.status === 'scheduled' ? 'opened' : 'changed' });
  return true;
}

/** on_unpublish / on_publish_done: the stream stopped; viewers fall back to the room's video. */
export async function onUnpublish(ctx: CoreContext, body: IngestCall): Promise<void> {
  const rawName = typeof body.name === 'string' ? body.name : typeof body.stream === 'string' ? body.stream : '';
  const roomId = rawName.split('?')[0] ?? '';
  if (!ROOM_ID.test(roomId)) return;
  const res = await ctx.db
    .updateTable('live_rooms')
    .set({ publishing: 0, updated_at: ctx.clock.now() })
    .where('id', '=', roomId)
    .where('publishing', '=', 1)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) > 0) liveRuntime(ctx).publish({ roomId, kind: 'changed' });
}
