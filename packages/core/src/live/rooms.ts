/**
 * Live rooms: a creator, or a shop's staff for the shop (店播), schedules a room, opens it and ends
 * it (scheduled → live → ended). Ending closes the room's flash sales and persists its figures.
 */
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { DomainError, invalid, newId } from '../platform/index.js';
import { hasRole } from '../accounts/index.js';
import { videoUrl } from '../content/index.js';
import { firstImages } from '../catalog/index.js';
import { MAX_TITLE, notRoomHost, roomNotFound, type RoomStatus, ROOM_STATES } from './live-rules.js';
import { liveRuntime } from './runtime.js';
import { indexLiveRooms } from '../search/index.js';

export interface RoomRow {
  id: string;
  title: string;
  host_kind: string;
  host_id: string;
  created_by: string;
  status: string;
  pinned_product_id: string | null;
  stream_key_hash: string | null;
  publishing: number;
  fallback_video_url: string | null;
  stats: string | null;
  created_at: number;
  opened_at: number | null;
  ended_at: number | null;
  updated_at: number;
}

export async function loadRoom(db: Db | Tx, roomId: string): Promise<RoomRow> {
  const row = await db.selectFrom('live_rooms').selectAll().where('id', '=', roomId).executeTakeFirst();
  if (!row) throw roomNotFound(roomId);
  return row;
}

/** The creator who hosts the room, or any member of the shop that hosts it. */
export function isRoomHost(actor: Actor | null, room: Pick<RoomRow, 'host_kind' | 'host_id'>): boolean {
  if (!actor) return false;
  return room.host_kind === 'creator' ? actor.userId === room.host_id : actor.shops.has(room.host_id);
}

export async function requireHost(db: Db | Tx, actor: Actor, roomId: string): Promise<RoomRow> {
  const room = await loadRoom(db, roomId);
  if (!isRoomHost(actor, room)) throw notRoomHost();
  return room;
}

/**
 * The video a room plays while no stream is coming in: the host's newest published video (a
 * creator's own, or the shop's 店播), else the newest on the platform. The host can pick another
 * of theirs (`chooseFallbackVideo`).
 */
async function fallbackVideo(db: Db, host: { kind: 'creator' | 'shop'; id: string }): Promise<string | null> {
  const base = db
    .selectFrom('videos')
    .select('file_name')
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .limit(1);
  const own = await (host.kind === 'creator'
    ? base.where('owner_id', '=', host.id).where('host_kind', '=', 'creator')
    : base.where('shop_id', '=', host.id)
  ).executeTakeFirst();
  const any = own ?? (await base.executeTakeFirst());
  return process.env.LIVE_FALLBACK_VIDEO_URL || (any ? videoUrl(any.file_name) : null);
}

/** The host picks which of their own published videos the room loops while no stream is coming in (e.g. one showing the pinned product). */
export async function chooseFallbackVideo(
  ctx: CoreContext,
  actor: Actor,
  roomId: string,
  videoId: string,
): Promise<{ fallbackVideoUrl: string }> {
  const room = await requireHost(ctx.db, actor, roomId);
  const video = await ctx.db
    .selectFrom('videos')
    .select(['file_name', 'owner_id', 'shop_id', 'host_kind', 'status'])
    .where('id', '=', videoId)
    .executeTakeFirst();
  const hosts =
    video !== undefined &&
    video.status === 'published' &&
    (room.host_kind === 'creator'
      ? video.host_kind === 'creator' && video.owner_id === room.host_id
      : video.shop_id === room.host_id);
  if (!hosts)
    throw new DomainError('NOT_FOUND', 'no published video of the room’s host with this id', {
      what: 'video',
      id: videoId,
    });
  const url = videoUrl(video.file_name);
  await ctx.db
    .updateTable('live_rooms')
    .set({ fallback_video_url: url, updated_at: ctx.clock.now() })
    .where('id', '=', roomId)
    .execute();
  return { fallbackVideoUrl: url };
}

export async function createRoom(
  ctx: CoreContext,
  actor: Actor,
  input: { title: string; shopId?: string | undefined },
): Promise<{ id: string }> {
  const title = input.title.trim();
  if (title.length < 1 || title.length > MAX_TITLE)
    throw invalid(`title is 1–${MAX_TITLE} characters`, { field: 'title' });
  let host: { kind: 'creator' | 'shop'; id: string };
  if (input.shopId) {
    if (!actor.shops.has(input.shopId))
      throw new DomainError('NOT_FOUND', 'shop not found', { what: 'shop', id: input.shopId });
    host = { kind: 'shop', id: input.shopId };
  } else {
    if (!hasRole(actor, 'creator'))
      throw new DomainError('FORBIDDEN', 'a live room is hosted by a creator, or by a shop’s staff for the shop');
    host = { kind: 'creator', id: actor.userId };
  }
  const now = ctx.clock.now();
  const id = newId('liveRoom', now);
  const fallback = await fallbackVideo(ctx.db, host);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('live_rooms')
      .values({
        id,
        title,
        host_kind: host.kind,
        host_id: host.id,
        created_by: actor.userId,
        status: 'scheduled',
        pinned_product_id: null,
        stream_key_hash: null,
        publishing: 0,
        fallback_video_url: fallback,
        stats: null,
        created_at: now,
        opened_at: null,
        ended_at: null,
        updated_at: now,
      })
      .execute();
    await indexLiveRooms(tx, [id], now); // findable by title and host in search
  });
  return { id };
}

async function moveRoom(tx: Tx, room: RoomRow, to: RoomStatus, now: number): Promise<void> {
  ROOM_STATES.assertMove(room.status, to, 'host');
  const res = await tx
    .updateTable('live_rooms')
    .set({ status: to, updated_at: now, ...(to === 'live' ? { opened_at: now } : { ended_at: now, publishing: 0 }) })
    .where('id', '=', room.id)
    .where('status', '=', room.status)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1)
    throw new DomainError('INVALID_TRANSITION', 'the room changed meanwhile; try again');
}

export async function openRoom(ctx: CoreContext, actor: Actor, roomId: string): Promise<void> {
  await ctx.db
    .transaction()
    .execute(async (tx) => moveRoom(tx, await requireHost(tx, actor, roomId), 'live', ctx.clock.now()));
  liveRuntime(ctx).publish({ roomId, kind: 'opened' });
}

/**
 * Ends the room: its flash sales close (their unsold units stay in the SKU's stock), its figures
 * are persisted with it. Orders already placed keep their payment window.
 */
export async function endRoom(
  ctx: CoreContext,
  actor: Actor,
  roomId: string,
  snapshot: () => Promise<unknown>,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const room = await requireHost(tx, actor, roomId);
    await moveRoom(tx, room, 'ended', now);
    await tx
      .updateTable('live_flash_sales')
      .set({ closed_at: now })
      .where('room_id', '=', roomId)
      .where('closed_at', 'is', null)
      .where('ends_at', '>', now)
      .execute();
  });
  const runtime = liveRuntime(ctx);
  const sales = await ctx.db.selectFrom('live_flash_sales').select('id').where('room_id', '=', roomId).execute();
  for (const s of sales) await (await runtime.openDesk(s.id))?.refreshTerms();
  const stats = await snapshot();
  await ctx.db
    .updateTable('live_rooms')
    .set({ stats: JSON.stringify(stats), updated_at: ctx.clock.now() })
    .where('id', '=', roomId)
    .execute();
  runtime.publish({ roomId, kind: 'ended' });
}

export interface RoomCard {
  id: string;
  title: string;
  status: RoomStatus;
  host: HostView;
  online: number;
  coverUrl: string | null;
  openedAt: number | null;
  endedAt: number | null;
  createdAt: number;
}

export interface HostView {
  kind: 'creator' | 'shop';
  id: string;
  name: string;
  avatarUrl: string | null;
}

export async function hostViews(
  db: Db,
  rooms: ReadonlyArray<Pick<RoomRow, 'host_kind' | 'host_id'>>,
): Promise<Map<string, HostView>> {
  const userIds = rooms.filter((r) => r.host_kind === 'creator').map((r) => r.host_id);
  const shopIds = rooms.filter((r) => r.host_kind === 'shop').map((r) => r.host_id);
  const out = new Map<string, HostView>();
  if (userIds.length)
    for (const u of await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute())
      out.set(u.id, { kind: 'creator', id: u.id, name: u.display_name, avatarUrl: null });
  if (shopIds.length)
    for (const s of await db.selectFrom('shops').select(['id', 'name']).where('id', 'in', shopIds).execute())
      out.set(s.id, { kind: 'shop', id: s.id, name: s.name, avatarUrl: null });
  return out;
}

const MAX_LIST = 50;

/** Rooms by status, newest first; `mine` lists the rooms the caller hosts (as creator or through a shop). */
export async function listRooms(
  ctx: CoreContext,
  actor: Actor | null,
  q: { status?: RoomStatus | undefined; mine?: boolean | undefined },
): Promise<{ items: RoomCard[] }> {
  let query = ctx.db.selectFrom('live_rooms').selectAll().orderBy('id', 'desc').limit(MAX_LIST);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.mine) {
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'log in first');
    const hosts = [actor.userId, ...actor.shops.keys()];
    query = query.where('host_id', 'in', hosts);
  }
  return { items: await roomCards(ctx, await query.execute()) };
}

/** Cards of rooms whose ids are given, in that order (ids that do not exist are skipped). */
export async function roomCardsByIds(ctx: CoreContext, ids: readonly string[]): Promise<RoomCard[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('live_rooms')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return roomCards(
    ctx,
    ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
  );
}

async function roomCards(ctx: CoreContext, rows: readonly RoomRow[]): Promise<RoomCard[]> {
  const hosts = await hostViews(ctx.db, rows);
  // A room's cover is its pinned product's picture (the host's own cover image is not built yet).
  const covers = await firstImages(
    ctx.db,
    rows.flatMap((r) => (r.pinned_product_id ? [r.pinned_product_id] : [])),
  );
  const runtime = liveRuntime(ctx);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status as RoomStatus,
    host: hosts.get(r.host_id) ?? { kind: r.host_kind as 'creator' | 'shop', id: r.host_id, name: '', avatarUrl: null },
    online: r.status === 'live' && runtime.hasStats(r.id) ? runtime.stats(r.id).online : 0,
    coverUrl: r.pinned_product_id ? (covers.get(r.pinned_product_id) ?? null) : null,
    openedAt: r.opened_at === null ? null : Number(r.opened_at),
    endedAt: r.ended_at === null ? null : Number(r.ended_at),
    createdAt: Number(r.created_at),
  }));
}
