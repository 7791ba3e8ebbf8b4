/**
 * The room as the viewer's screen knows it, and how each server message changes it. Pure: the
 * hook feeds it the messages, tests feed it by hand. A `state` message (on join and on every
 * resume, and after the host changes the bag) replaces the room, so a reconnect never loses the
 * pinned product or a sale. On one connection frames arrive in order: the latest one wins.
 */
import type { BagItem, FlashSale, LiveCoupon, LuckyBag, Room } from '../../api/live';

export interface ChatLine {
  id: string;
  userName: string;
  text: string;
  at: number;
}

export type ServerMessage =
  | { t: 'state'; room: Room }
  | { t: 'comments'; items: ChatLine[] }
  | { t: 'likes'; total: number }
  | { t: 'viewers'; online: number; cumulative: number }
  | { t: 'pin'; pinned: BagItem | null }
  | { t: 'sale'; sale: FlashSale }
  | { t: 'coupon'; coupon: LiveCoupon }
  | { t: 'luckybag'; bag: LuckyBag }
  | { t: 'ended' }
  | { t: 'error'; code: string };

const KINDS = new Set(['state', 'comments', 'likes', 'viewers', 'pin', 'sale', 'coupon', 'luckybag', 'ended', 'error']);

/** A frame's text → a message, or null for anything malformed or unknown (ignored, never thrown). */
export function parseServerMessage(text: unknown): ServerMessage | null {
  if (typeof text !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const msg = value as Record<string, unknown>;
  if (typeof msg.t !== 'string' || !KINDS.has(msg.t)) return null;
  switch (msg.t) {
    case 'state':
      return isObject(msg.room) ? (msg as unknown as ServerMessage) : null;
    case 'comments':
      return Array.isArray(msg.items) ? (msg as unknown as ServerMessage) : null;
    case 'likes':
      return typeof msg.total === 'number' ? (msg as unknown as ServerMessage) : null;
    case 'viewers':
      return typeof msg.online === 'number' ? (msg as unknown as ServerMessage) : null;
    case 'pin':
      return msg.pinned === null || isObject(msg.pinned) ? (msg as unknown as ServerMessage) : null;
    case 'sale':
      return isObject(msg.sale) ? (msg as unknown as ServerMessage) : null;
    case 'coupon':
      return isObject(msg.coupon) ? (msg as unknown as ServerMessage) : null;
    case 'luckybag':
      return isObject(msg.bag) ? (msg as unknown as ServerMessage) : null;
    case 'error':
      return typeof msg.code === 'string' ? (msg as unknown as ServerMessage) : null;
    default:
      return msg as unknown as ServerMessage;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How many comments the overlay keeps (older ones scroll away). */
export const MAX_CHAT_LINES = 40;

export interface LiveView {
  room: Room | null;
  comments: ChatLine[];
  likes: number;
  online: number;
  cumulative: number;
  ended: boolean;
}

export const emptyView: LiveView = { room: null, comments: [], likes: 0, online: 0, cumulative: 0, ended: false };

/** The room as fetched over HTTP (before the socket's first state). */
export function viewFromRoom(view: LiveView, room: Room): LiveView {
  return {
    ...view,
    room,
    likes: Math.max(view.likes, room.stats.likes ?? 0),
    online: room.stats.online ?? view.online,
    cumulative: Math.max(view.cumulative, room.stats.cumulativeViewers ?? 0),
    ended: room.status === 'ended',
  };
}

function upsert<T extends { id: string }>(list: T[], item: T): T[] {
  const i = list.findIndex((x) => x.id === item.id);
  if (i < 0) return [...list, item];
  const next = list.slice();
  next[i] = { ...list[i]!, ...item };
  return next;
}

export function applyMessage(view: LiveView, msg: ServerMessage): LiveView {
  const room = view.room;
  switch (msg.t) {
    case 'state':
      return viewFromRoom(view, msg.room);
    case 'comments': {
      const seen = new Set(view.comments.map((c) => c.id));
      const fresh = msg.items.filter((c) => c && typeof c.id === 'string' && !seen.has(c.id));
      if (fresh.length === 0) return view;
      return { ...view, comments: [...view.comments, ...fresh].slice(-MAX_CHAT_LINES) };
    }
    case 'likes':
      return { ...view, likes: Math.max(view.likes, msg.total) };
    case 'viewers':
      return { ...view, online: msg.online, cumulative: Math.max(view.cumulative, msg.cumulative ?? 0) };
    case 'pin':
      return room ? { ...view, room: { ...room, pinned: msg.pinned } } : view;
    case 'sale':
      return room ? { ...view, room: { ...room, sales: upsert(room.sales, msg.sale) } } : view;
    case 'coupon':
      return room ? { ...view, room: { ...room, coupons: upsert(room.coupons, msg.coupon) } } : view;
    case 'luckybag':
      return room ? { ...view, room: { ...room, luckyBags: upsert(room.luckyBags, msg.bag) } } : view;
    case 'ended':
      return { ...view, ended: true, room: room ? { ...room, status: 'ended' } : room };
    case 'error':
      return view;
  }
}
