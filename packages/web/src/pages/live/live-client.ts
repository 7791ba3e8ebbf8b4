/**
 * The pure rules of the live room's client: how long to wait before reconnecting, how taps on
 * the like button become a few messages, how a flash sale's countdown and phase read.
 */
import type { FlashSale } from '../../api/live';

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 15_000;

/**
 * Wait before reconnect attempt `attempt` (0 = the first retry): exponential with "equal
 * jitter" — half the step fixed, half random — so a room's viewers do not all come back in
 * the same millisecond after a server restart (a reconnect storm), yet nobody waits long.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = BACKOFF_BASE_MS,
  maxMs = BACKOFF_MAX_MS,
): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(step / 2 + (r * step) / 2);
}

/** The most likes one message carries; the server caps `n` too, a burst just takes more flushes. */
export const MAX_LIKES_PER_MESSAGE = 100;
/** Taps kept while disconnected; beyond this, taps are dropped rather than replayed as a burst. */
export const MAX_PENDING_LIKES = 1_000;

/** Counts taps on the like button between flushes: one {t:'like', n} per flush, never one per tap. */
export class LikeBatcher {
  private count = 0;

  tap(n = 1): void {
    if (!Number.isFinite(n) || n <= 0) return;
    this.count = Math.min(MAX_PENDING_LIKES, this.count + Math.floor(n));
  }

  get pending(): number {
    return this.count;
  }

  /** The taps to send now (at most MAX_LIKES_PER_MESSAGE); 0 when there is nothing to send. */
  take(): number {
    const n = Math.min(this.count, MAX_LIKES_PER_MESSAGE);
    this.count -= n;
    return n;
  }
}

/** Milliseconds → "04:59", or "1:02:03" from an hour up; never negative. Partial seconds round up. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

export type SalePhase = 'upcoming' | 'open' | 'soldOut' | 'ended';

/** Where a flash sale stands at `now`: the server's status wins for an ended sale, the clock for the window. */
export function salePhase(sale: FlashSale, now: number): SalePhase {
  if (sale.status === 'ended' || now >= sale.endsAt) return 'ended';
  if (now < sale.startsAt) return 'upcoming';
  return sale.remaining <= 0 ? 'soldOut' : 'open';
}

/** The sale the room's banner shows: an open one first, then the next to open, then one sold out in its window. */
export function featuredSale(sales: FlashSale[], now: number): FlashSale | null {
  const by = (phase: SalePhase) => sales.filter((s) => salePhase(s, now) === phase);
  const open = by('open').sort((a, b) => a.endsAt - b.endsAt);
  if (open[0]) return open[0];
  const upcoming = by('upcoming').sort((a, b) => a.startsAt - b.startsAt);
  if (upcoming[0]) return upcoming[0];
  const soldOut = by('soldOut').sort((a, b) => b.startsAt - a.startsAt);
  return soldOut[0] ?? null;
}

/**
 * The SKUs a buyer may pick from while looking at `sale`: the sales on the same product that are
 * open now, and `sale` itself whatever its phase (a chosen SKU never vanishes from the sheet), in
 * the order of their specs.
 */
export function saleChoices(sales: FlashSale[], sale: FlashSale, now: number): FlashSale[] {
  const open = sales.filter((s) => s.productId === sale.productId && s.id !== sale.id && salePhase(s, now) === 'open');
  return [sale, ...open].sort(
    (a, b) =>
      a.specValues.join('/').localeCompare(b.specValues.join('/'), 'zh-CN', { numeric: true }) ||
      a.id.localeCompare(b.id),
  );
}

/** Share of the sale's units already taken, 0..1, for the stock bar. */
export function soldShare(sale: Pick<FlashSale, 'quantity' | 'remaining'>): number {
  if (sale.quantity <= 0) return 1;
  return Math.min(1, Math.max(0, (sale.quantity - sale.remaining) / sale.quantity));
}
