/**
 * The attribution rule (pure): which touch of a shopper on a product earns the order line.
 *
 * 1. Only touches within the attribution window before the order count (`orderAt − window < at ≤ orderAt`).
 * 2. An explicit link beats a feed tap: when the window holds a tracked-link touch, feed taps are set aside.
 * 3. Of the rest the last touch wins, compared by the minute it happened in; within the same
 *    minute a live room beats a video (or a link or a feed tap); then the later touch, then the
 *    source order link, live, video, feed, then the content id (so the result never depends on input order).
 *
 * Touches come from the card the shopper bought from (the checkout's attribution, verified:
 * a video must be the creator's and carry the product, a link must be unexpired and for the
 * product) and from tracked links the shopper opened while signed in.
 */
/**
 * What drove a purchase, as the buyer's app reports it with each checkout line (the card tapped);
 * checkout checks its shape and the resolver verifies it into a touch.
 */
export interface Attribution {
  source: 'video' | 'live' | 'search' | 'shelf' | 'link' | 'feed' | 'cart';
  contentId?: string | null | undefined;
  creatorId?: string | null | undefined;
  /** When the buyer touched the card (set by the server: a cart item's time); absent = at checkout. */
  at?: number | undefined;
}

export const TOUCH_SOURCES = ['link', 'live', 'video', 'feed'] as const;
export type TouchSource = (typeof TOUCH_SOURCES)[number];

export interface Touch {
  source: TouchSource;
  creatorId: string;
  /** The video, live room or link id. */
  contentId: string;
  at: number;
}

const MINUTE_MS = 60_000;
const SOURCE_ORDER: Record<TouchSource, number> = { link: 3, live: 2, video: 1, feed: 0 };

/** True when `a` beats `b` under rule 3. */
function beats(a: Touch, b: Touch): boolean {
  const ma = Math.floor(a.at / MINUTE_MS);
  const mb = Math.floor(b.at / MINUTE_MS);
  if (ma !== mb) return ma > mb;
  const la = a.source === 'live' ? 1 : 0;
  const lb = b.source === 'live' ? 1 : 0;
  if (la !== lb) return la > lb;
  if (a.at !== b.at) return a.at > b.at;
  if (a.source !== b.source) return SOURCE_ORDER[a.source] > SOURCE_ORDER[b.source];
  return a.contentId > b.contentId;
}

export function pickTouch(touches: readonly Touch[], orderAt: number, windowMs: number): Touch | null {
  const inWindow = touches.filter((t) => t.at <= orderAt && t.at > orderAt - windowMs);
  const hasLink = inWindow.some((t) => t.source === 'link');
  let best: Touch | null = null;
  for (const t of inWindow) {
    if (hasLink && t.source === 'feed') continue;
    if (!best || beats(t, best)) best = t;
  }
  return best;
}
