/**
 * 直播分析: the past live rooms a scope may see, each with its totals, and one room minute by
 * minute (peak viewers online, entries, comments, orders, GMV) with its best moments (the minutes
 * with the most GMV, the viewer peaks). Reads the minutes table only (and the rooms' titles and
 * times); scoped like the other reports: a shop sees the rooms it hosted and the rooms that sold
 * its goods, a creator their own rooms, an admin every room.
 */
import type { Actor, CoreContext } from '../context.js';
import { notFound } from '../platform/index.js';
import { resolveScope } from './reports.js';
import { dayRange, type DayRange } from './range.js';
import {
  SqlRollupStore,
  type LiveMinuteRow,
  type LiveTotals,
  type RollupStore,
  type ScopeRef,
} from './rollup-store.js';
import type { ReportQuery } from './reports.js';

/** The most minutes one room's chart shows (a day). */
export const MAX_ROOM_MINUTES = 24 * 60;
export const LIVE_ROOMS_LIMIT = 50;
const BEST_MOMENTS = 5;

export interface LiveRoomSummary {
  id: string;
  title: string;
  status: string;
  openedAt: number | null;
  endedAt: number | null;
  minutes: number;
  peakViewers: number;
  comments: number;
  orders: number;
  gmvFen: number;
}

export interface LiveRoomReport {
  room: LiveRoomSummary;
  minutes: LiveMinuteRow[];
  /** The minutes with the most GMV, largest first (GMV > 0). */
  topGmv: LiveMinuteRow[];
  /** The viewer peaks: minutes with more viewers online than the minutes either side, largest first. */
  viewerPeaks: LiveMinuteRow[];
}

interface RoomRow {
  id: string;
  title: string;
  status: string;
  host_kind: string;
  host_id: string;
  opened_at: number | null;
  ended_at: number | null;
}

/** The rooms of the scope opened in the range (a shop: hosted by it, or that sold its goods), the latest first. */
export async function compassLiveRooms(
  ctx: CoreContext,
  actor: Actor,
  q: ReportQuery,
  store: RollupStore = new SqlRollupStore(ctx.db),
): Promise<{ range: DayRange; rooms: LiveRoomSummary[] }> {
  const ref = resolveScope(actor, q);
  const range = dayRange(q.from, q.to);
  let query = ctx.db
    .selectFrom('live_rooms')
    .select(['id', 'title', 'status', 'host_kind', 'host_id', 'opened_at', 'ended_at'])
    .where('opened_at', '>=', range.start)
    .where('opened_at', '<', range.end);
  if (ref.scope !== 'platform') {
    const selling = ref.scope === 'shop' ? await sellingRooms(store, ref, range) : [];
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('host_kind', '=', ref.scope === 'shop' ? 'shop' : 'creator'), eb('host_id', '=', ref.scopeId)]),
        ...(selling.length ? [eb('id', 'in', selling)] : []),
      ]),
    );
  }
  const rooms = await query.orderBy('opened_at', 'desc').limit(LIVE_ROOMS_LIMIT).execute();
  const sums = await store.liveTotals(rooms.map((r) => r.id));
  return { range, rooms: rooms.map((r) => summary(r as RoomRow, sums.get(r.id))) };
}

/** One room minute by minute, with its best moments. Another scope's room answers 404. */
export async function compassLiveRoom(
  ctx: CoreContext,
  actor: Actor,
  roomId: string,
  q: { scope?: ReportQuery['scope']; shopId?: string },
  store: RollupStore = new SqlRollupStore(ctx.db),
): Promise<LiveRoomReport> {
  const ref = resolveScope(actor, q);
  const room = (await ctx.db
    .selectFrom('live_rooms')
    .select(['id', 'title', 'status', 'host_kind', 'host_id', 'opened_at', 'ended_at'])
    .where('id', '=', roomId)
    .executeTakeFirst()) as RoomRow | undefined;
  if (!room || !(await visible(store, ref, room))) throw notFound('live room', roomId);
  const from = room.opened_at === null ? 0 : Math.floor(Number(room.opened_at) / 60_000) * 60_000;
  const to = Math.min(
    room.ended_at === null ? ctx.clock.now() + 60_000 : Number(room.ended_at) + 60_000,
    from + MAX_ROOM_MINUTES * 60_000,
  );
  const minutes = room.opened_at === null ? [] : await store.liveMinutes(roomId, from, to);
  const sums = await store.liveTotals([roomId]);
  return { room: summary(room, sums.get(roomId)), minutes, ...bestMoments(minutes) };
}

/** The best moments of a room's minutes (pure). */
export function bestMoments(minutes: readonly LiveMinuteRow[]): Pick<LiveRoomReport, 'topGmv' | 'viewerPeaks'> {
  const topGmv = minutes
    .filter((m) => m.gmv_fen > 0)
    .sort((a, b) => b.gmv_fen - a.gmv_fen || a.minute - b.minute)
    .slice(0, BEST_MOMENTS);
  const peaks = minutes.filter(
    (m, i) =>
      m.viewers > 0 && m.viewers >= (minutes[i - 1]?.viewers ?? 0) && m.viewers > (minutes[i + 1]?.viewers ?? 0),
  );
  const viewerPeaks = peaks.sort((a, b) => b.viewers - a.viewers || a.minute - b.minute).slice(0, BEST_MOMENTS);
  return { topGmv, viewerPeaks };
}

async function visible(store: RollupStore, ref: ScopeRef, room: RoomRow): Promise<boolean> {
  if (ref.scope === 'platform') return true;
  if (room.host_kind === (ref.scope === 'shop' ? 'shop' : 'creator') && room.host_id === ref.scopeId) return true;
  if (ref.scope !== 'shop') return false;
  const sold = await store.sumsByValue(
    { ...ref, dim: 'live', fromHour: Number.MIN_SAFE_INTEGER, toHour: Number.MAX_SAFE_INTEGER },
    { orderBy: 'gmv_fen', limit: 1, dimIds: [room.id] },
  );
  return sold.length > 0;
}

/** Rooms that sold the shop's goods in the range (from the shop's rollups by live room). */
async function sellingRooms(store: RollupStore, ref: ScopeRef, range: DayRange): Promise<string[]> {
  const rows = await store.sumsByValue(
    { ...ref, dim: 'live', fromHour: range.start, toHour: range.end },
    { orderBy: 'gmv_fen', limit: LIVE_ROOMS_LIMIT },
  );
  return rows.map((r) => r.dimId);
}

function summary(r: RoomRow, s: LiveTotals | undefined): LiveRoomSummary {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    openedAt: r.opened_at === null ? null : Number(r.opened_at),
    endedAt: r.ended_at === null ? null : Number(r.ended_at),
    minutes: s?.minutes ?? 0,
    peakViewers: s?.peak ?? 0,
    comments: s?.comments ?? 0,
    orders: s?.orders ?? 0,
    gmvFen: s?.gmv ?? 0,
  };
}
