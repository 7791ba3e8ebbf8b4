/**
 * Customer service's vocabulary and pure rules: message kinds, conversation statuses, error codes,
 * service hours in Asia/Shanghai, the keyword FAQ match, the round-robin pick, and the rate limit.
 */

export type ConversationStatus = 'open' | 'queued' | 'closed';
export type Side = 'buyer' | 'shop';
export type MessageKind = 'text' | 'image' | 'product' | 'order' | 'aftersales';
export type SourceKind = 'product' | 'order' | 'aftersales' | 'live' | 'direct';
export type SnippetKind = 'quick' | 'faq';

export const MESSAGE_KINDS: readonly MessageKind[] = ['text', 'image', 'product', 'order', 'aftersales'];
export const SOURCE_KINDS: readonly SourceKind[] = ['product', 'order', 'aftersales', 'live', 'direct'];

export type ServiceErrorCode =
  | 'CONVERSATION_BLOCKED'
  | 'RATE_LIMITED'
  | 'RATING_NOT_OPEN'
  | 'ALREADY_RATED'
  | 'STAFF_NOT_AVAILABLE'
  | 'TOO_MANY_SNIPPETS'
  | 'NOT_ARBITRATED';

/** Longest text message, in characters (a frame of the socket stays under its 2 KiB limit). */
export const MAX_MESSAGE_CHARS = 500;
/** A client id: the sender's own key for one send (retries reuse it). */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Messages one sender may send in one conversation in RATE_WINDOW_MS (staff answer many conversations at once; each socket is limited on top). */
export const RATE_LIMIT = 20;
export const RATE_WINDOW_MS = 10_000;
/** Messages one sender may send across all conversations in RATE_WINDOW_MS (a member of staff answering twenty buyers stays well under it). */
export const SENDER_RATE_LIMIT = 150;
/** How many open conversations one staff member carries unless the shop says otherwise. */
export const DEFAULT_MAX_OPEN = 10;
export const MAX_OPEN_LIMIT = 200;
/** A conversation's rating: 1–5 stars. */
export const MAX_STARS = 5;
/** Service hours are minutes of the day, 0 to MINUTES_PER_DAY − 1. */
export const MINUTES_PER_DAY = 1440;
export const MAX_SNIPPETS = 100;
export const MAX_SNIPPET_CHARS = 500;
export const MAX_KEYWORD_CHARS = 30;
export const HISTORY_PAGE_MAX = 100;
/** The reply clock: a buyer message counts as answered in time when a human replies within this. */
export const REPLY_WINDOW_MS = 3 * 60_000;

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Minutes after midnight, Asia/Shanghai. */
export function shanghaiMinute(ms: number): number {
  return Math.floor(((((ms + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}

/** 00:00 Asia/Shanghai of the day that holds `ms`. */
export function shanghaiDayStart(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** "2026-11-23" for the Shanghai day holding `ms`. */
export function shanghaiDayLabel(ms: number): string {
  return new Date(shanghaiDayStart(ms) + OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether `ms` falls in the service hours [from, to) (minutes, Shanghai); from == to is all day; to < from wraps midnight. */
export function inServiceHours(ms: number, from: number, to: number): boolean {
  if (from === to) return true;
  const m = shanghaiMinute(ms);
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/** The assessed hours of the 3-minute reply rate: buyer messages sent 08:00–23:00 Shanghai. */
export function inAssessedHours(ms: number): boolean {
  const m = shanghaiMinute(ms);
  return m >= 8 * 60 && m < 23 * 60;
}

/** The first FAQ entry whose keyword the text contains (case-insensitive), if any. */
export function matchFaq<T extends { keyword: string | null }>(text: string, faq: readonly T[]): T | null {
  const t = text.toLowerCase();
  for (const f of faq) if (f.keyword && t.includes(f.keyword.toLowerCase())) return f;
  return null;
}

export interface StaffLoad {
  userId: string;
  open: number;
  lastAssignedAt: number;
}

/** Round robin: among staff below the cap, the one assigned longest ago (ties by id); null when all are full. */
export function pickStaff(staff: readonly StaffLoad[], maxOpen: number): string | null {
  let best: StaffLoad | null = null;
  for (const s of staff) {
    if (s.open >= maxOpen) continue;
    if (
      !best ||
      s.lastAssignedAt < best.lastAssignedAt ||
      (s.lastAssignedAt === best.lastAssignedAt && s.userId < best.userId)
    )
      best = s;
  }
  return best?.userId ?? null;
}

/**
 * A message's body: which fields it has depends on its kind — text: text (and autoKind for the shop's automatic
 * replies, faq or away); image: url; product: productId, title, priceFen, imageUrl; order: orderId, status, totalFen,
 * title; aftersales: caseId, status, type, requestedFen.
 */
export type MessageBody = {
  text?: string;
  autoKind?: 'faq' | 'away';
  url?: string;
  productId?: string;
  title?: string;
  priceFen?: number;
  imageUrl?: string | null;
  orderId?: string;
  status?: string;
  totalFen?: number;
  caseId?: string;
  type?: string;
  requestedFen?: number;
};

/** A short preview of a message for the conversation lists. */
export function previewOf(kind: MessageKind, body: MessageBody): string {
  if (kind === 'text') return String(body.text ?? '').slice(0, 60);
  return `[${kind}]`;
}
