/**
 * Live-room ads: a campaign promoting a live room is served only while the room is live; its feed
 * item is the room's card (the room's id, title, host and cover, `ad.liveRoom` set) and it converts
 * when the viewer enters the room from the ad — once per impression, only on a billed impression,
 * only while the room is still live.
 */
import { sql } from 'kysely';
import type { CoreContext } from '../context.js';
import { notFound } from '../platform/index.js';
import { roomCardsByIds, type RoomCard } from '../live/index.js';
import type { FeedVideoCard } from '../feed/index.js';
import { viewerKeyOf } from './viewer-key.js';

/** What the client needs to show a live-room ad and open the room from it. */
export interface LiveAdRoom {
  id: string;
  title: string;
  hostName: string;
  online: number;
}

/** Feed items for live rooms, shaped like the feed's video cards (no video, no anchors), and whether each room is live now. */
export async function liveRoomItems(
  ctx: CoreContext,
  roomIds: readonly string[],
): Promise<Map<string, { card: FeedVideoCard; room: LiveAdRoom; live: boolean }>> {
  const out = new Map<string, { card: FeedVideoCard; room: LiveAdRoom; live: boolean }>();
  for (const r of await roomCardsByIds(ctx, roomIds))
    out.set(r.id, {
      card: roomCard(r),
      room: { id: r.id, title: r.title, hostName: r.host.name, online: r.online },
      live: r.status === 'live',
    });
  return out;
}

function roomCard(r: RoomCard): FeedVideoCard {
  return {
    id: r.id,
    title: r.title,
    caption: '',
    hashtags: [],
    status: 'published',
    videoUrl: '',
    posterUrl: r.coverUrl,
    durationMs: null,
    creator: { id: r.host.id, displayName: r.host.name, followed: false },
    shop: r.host.kind === 'shop' ? { id: r.host.id, name: r.host.name } : null,
    hostKind: r.host.kind,
    anchors: [],
    stats: { views: r.online, likes: 0, comments: 0, shares: 0 },
    liked: false,
    publishedAt: r.openedAt,
    createdAt: r.createdAt,
  };
}

export type RoomEntryOutcome = 'converted' | 'duplicate' | 'not_billed' | 'room_not_live';

/**
 * The viewer entered the live room from the ad with this impression id: a live-room campaign's
 * conversion, counted once. 404 for an impression not served to this viewer or not a live-room ad.
 */
export async function reportRoomEntry(
  ctx: CoreContext,
  who: { userId: string | null; viewerId: string | null },
  serveId: string,
): Promise<{ outcome: RoomEntryOutcome }> {
  const viewerKey = viewerKeyOf(who.userId, who.viewerId);
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const s = await tx
      .selectFrom('ad_serves')
      .select(['id', 'campaign_id', 'status', 'viewer_key', 'live_room_id', 'entered_at'])
      .where('id', '=', serveId)
      .executeTakeFirst();
    if (!s || s.viewer_key !== viewerKey || s.live_room_id === null) throw notFound('adServe', serveId);
    if (s.entered_at !== null) return { outcome: 'duplicate' as const };
    if (s.status !== 'billed') return { outcome: 'not_billed' as const };
    const room = await tx.selectFrom('live_rooms').select('status').where('id', '=', s.live_room_id).executeTakeFirst();
    if (room?.status !== 'live') return { outcome: 'room_not_live' as const };
    const r = await tx
      .updateTable('ad_serves')
      .set({ entered_at: now })
      .where('id', '=', s.id)
      .where('entered_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return { outcome: 'duplicate' as const };
    await tx
      .updateTable('ad_campaigns')
      .set({ conversions: sql`conversions + 1` })
      .where('id', '=', s.campaign_id)
      .execute();
    return { outcome: 'converted' as const };
  });
}
