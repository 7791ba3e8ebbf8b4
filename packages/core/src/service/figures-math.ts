/**
 * Response figures from message rows (pure). Only human shop messages answer: automatic answers
 * (away reply, FAQ) never count as a reply.
 *
 * - conversations: conversations with a buyer message in the window;
 * - buyerMessages / repliedWithin3Min: buyer messages sent in the window during the assessed
 *   hours (08:00–23:00 Asia/Shanghai), and those a human answered within three minutes (the first
 *   human shop message after it in the same conversation);
 * - first response: per conversation, from its first buyer message in the window to the first
 *   human shop message after it (average and p90 over the conversations answered);
 * - unanswered: conversations whose last buyer message in the window has no human reply after it.
 */
import { inAssessedHours, REPLY_WINDOW_MS } from './service-rules.js';

export interface FigureMessage {
  conversationId: string;
  side: 'buyer' | 'shop';
  senderId: string | null;
  auto: boolean;
  createdAt: number;
}

export interface FigureRating {
  stars: number;
  staffId: string | null;
}

export interface ServiceFigures {
  conversations: number;
  buyerMessages: number;
  repliedWithin3Min: number;
  replyRate3Min: number | null;
  firstResponseAvgMs: number | null;
  firstResponseP90Ms: number | null;
  unanswered: number;
  ratings: number;
  dissatisfied: number;
  dissatisfiedShare: number | null;
  /** Messages sent in the window, both sides, automatic ones included. */
  messages: number;
  /** Automatic answers sent in the window. */
  autoMessages: number;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/**
 * Computes the figures. `messages` holds every message of the conversations concerned from the
 * window's start on (later ones only serve as replies); `staffId` narrows to one staff member: the
 * replies that count are theirs, and the buyer messages those they answered or left waiting in
 * conversations they replied in.
 */
export function computeFigures(
  messages: readonly FigureMessage[],
  ratings: readonly FigureRating[],
  window: { from: number; to: number },
  staffId?: string,
): ServiceFigures {
  const byConv = new Map<string, FigureMessage[]>();
  for (const m of messages) {
    let list = byConv.get(m.conversationId);
    if (!list) byConv.set(m.conversationId, (list = []));
    list.push(m);
  }
  const inWindow = (t: number) => t >= window.from && t < window.to;
  let conversations = 0;
  let buyerMessages = 0;
  let replied = 0;
  let unanswered = 0;
  let total = 0;
  let autoMessages = 0;
  const firsts: number[] = [];
  for (const list of byConv.values()) {
    list.sort((a, b) => a.createdAt - b.createdAt);
    const human = (m: FigureMessage) => m.side === 'shop' && !m.auto;
    if (staffId && !list.some((m) => human(m) && m.senderId === staffId && inWindow(m.createdAt))) {
      // A staff member's figures cover only conversations they answered in the window.
      continue;
    }
    let any = false;
    let first: number | null = null;
    let lastBuyer: number | null = null;
    for (let i = 0; i < list.length; i++) {
      const m = list[i]!;
      if (inWindow(m.createdAt)) {
        total++;
        if (m.auto) autoMessages++;
      }
      if (m.side !== 'buyer' || !inWindow(m.createdAt)) continue;
      any = true;
      let reply: FigureMessage | null = null;
      for (let j = i + 1; j < list.length; j++) {
        if (human(list[j]!)) {
          reply = list[j]!;
          break;
        }
      }
      if (staffId && reply && reply.senderId !== staffId) continue;
      if (first === null) {
        first = m.createdAt;
        if (reply) firsts.push(reply.createdAt - m.createdAt);
      }
      lastBuyer = reply ? null : m.createdAt;
      if (inAssessedHours(m.createdAt)) {
        buyerMessages++;
        if (reply && reply.createdAt - m.createdAt <= REPLY_WINDOW_MS) replied++;
      }
    }
    if (any) conversations++;
    if (lastBuyer !== null) unanswered++;
  }
  firsts.sort((a, b) => a - b);
  const rated = staffId ? ratings.filter((r) => r.staffId === staffId) : ratings;
  const dissatisfied = rated.filter((r) => r.stars <= 2).length;
  return {
    conversations,
    buyerMessages,
    repliedWithin3Min: replied,
    replyRate3Min: buyerMessages === 0 ? null : replied / buyerMessages,
    firstResponseAvgMs: firsts.length === 0 ? null : Math.round(firsts.reduce((a, b) => a + b, 0) / firsts.length),
    firstResponseP90Ms: percentile(firsts, 90),
    unanswered,
    ratings: rated.length,
    dissatisfied,
    dissatisfiedShare: rated.length === 0 ? null : dissatisfied / rated.length,
    messages: total,
    autoMessages,
  };
}
