/**
 * What the online engine learns from: one committed action of a person (or an anonymous
 * device) on a video, a creator or a product. The same shape whether it arrives in-process
 * right after a commit or, later, from a broker. Pure.
 */
export const SIGNAL_KINDS = [
  'impression',
  'view_progress',
  'complete',
  'like',
  'unlike',
  'comment',
  'share',
  'follow',
  'unfollow',
  'product_tap',
  'add_to_cart',
  'purchase',
  'refund',
  'not_interested',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export interface Signal {
  /** `usr_…` for a signed-in person, `anon:<viewer id>` for a device. */
  actor: string;
  kind: SignalKind;
  videoId?: string | null | undefined;
  productId?: string | null | undefined;
  /** The followed / unfollowed creator (follow, unfollow). */
  creatorId?: string | null | undefined;
  watchMs?: number | null | undefined;
  durationMs?: number | null | undefined;
  /** Epoch ms. */
  at: number;
}

/** Interest added by one signal (negative for skips, refunds and "not interested"). */
export function interestWeight(s: Signal): number {
  switch (s.kind) {
    case 'impression':
      return 0;
    case 'view_progress': {
      if (!s.durationMs || s.watchMs == null) return 0;
      const fraction = Math.min(1, s.watchMs / s.durationMs);
      return fraction < 0.2 ? -0.3 : 0.5 * fraction;
    }
    case 'complete':
      return 1;
    case 'like':
    case 'comment':
      return 3;
    case 'unlike':
      return -3;
    case 'share':
    case 'follow':
      return 4;
    case 'unfollow':
      return -4;
    case 'product_tap':
      return 2;
    case 'add_to_cart':
      return 4;
    case 'purchase':
      return 8;
    case 'refund':
      return -6;
    case 'not_interested':
      return -8;
  }
}

/** Price bands (fen): below ¥20, ¥20–50, ¥50–100, ¥100–300, ¥300 and more. */
const BAND_EDGES = [2_000, 5_000, 10_000, 30_000];
export const PRICE_BANDS = BAND_EDGES.length + 1;

export function priceBand(fen: number | null | undefined): number {
  if (fen == null) return -1;
  let b = 0;
  while (b < BAND_EDGES.length && fen >= BAND_EDGES[b]!) b++;
  return b;
}
