/**
 * A room's live figures, kept in memory by the process serving it: viewers online and seen,
 * comments, likes, orders, GMV and buyers, plus one sample per second for the dashboard's chart.
 * Persisted with the room when it ends, so a replay keeps its figures.
 */
export interface SeriesPoint {
  at: number;
  online: number;
  gmvFen: number;
  orders: number;
}

export interface RoomCounters {
  online: number;
  cumulativeViewers: number;
  comments: number;
  likes: number;
  orders: number;
  gmvFen: number;
  buyers: number;
}

/** Six hours of one-second samples; older samples are thinned to one in two. */
const MAX_POINTS = 6 * 3600;

export class RoomStatsTracker {
  online = 0;
  comments = 0;
  likes = 0;
  orders = 0;
  gmvFen = 0;
  private readonly viewers = new Set<string>();
  private readonly buyerIds = new Set<string>();
  private anonymousSeen = 0;
  series: SeriesPoint[] = [];

  /** Seeds the counters from a persisted snapshot (a room served again after a restart). */
  constructor(seed?: Partial<RoomCounters>) {
    this.comments = seed?.comments ?? 0;
    this.likes = seed?.likes ?? 0;
    this.anonymousSeen = seed?.cumulativeViewers ?? 0;
  }

  /** What the current minute saw since it was last handed to 罗盘 (see takeActivity). */
  private minute = { start: -1, peak: 0, entries: 0, commentsAtFlush: 0 };

  viewerJoined(viewerKey: string | null): void {
    this.online++;
    this.minute.entries++;
    this.minute.peak = Math.max(this.minute.peak, this.online);
    if (viewerKey === null) this.anonymousSeen++;
    else this.viewers.add(viewerKey);
  }

  viewerLeft(): void {
    this.online = Math.max(0, this.online - 1);
  }

  ordered(orders: number, gmvFen: number, buyers: readonly string[]): void {
    this.orders += orders;
    this.gmvFen += gmvFen;
    for (const b of buyers) this.buyerIds.add(b);
  }

  /**
   * The room's sales as the database counts them (every order credited to the room, from any
   * process): the chart's next samples follow them. Flash-sale reservations in this process are
   * added at once by ordered(); this catches up everything else each time the figures are read.
   */
  syncSales(orders: number, gmvFen: number): void {
    this.orders = orders;
    this.gmvFen = gmvFen;
  }

  sample(at: number): void {
    this.series.push({ at, online: this.online, gmvFen: this.gmvFen, orders: this.orders });
    if (this.series.length > MAX_POINTS) this.series = this.series.filter((_, i) => i % 2 === 0);
  }

  /**
   * The activity since the last call, counted in the minute it was accumulating (peak viewers
   * online, entries, comments); null when there was none. Viewers are a peak, so handing the same
   * minute over twice is harmless; entries and comments are only handed over once.
   */
  takeActivity(now: number): { minute: number; viewers: number; entries: number; comments: number } | null {
    const minuteStart = Math.floor(now / 60_000) * 60_000;
    const m = this.minute;
    if (m.start === -1) m.start = minuteStart;
    const out = {
      minute: m.start,
      viewers: Math.max(m.peak, this.online),
      entries: m.entries,
      comments: this.comments - m.commentsAtFlush,
    };
    this.minute = {
      start: minuteStart,
      peak: m.start === minuteStart ? out.viewers : this.online,
      entries: 0,
      commentsAtFlush: this.comments,
    };
    return out.viewers > 0 || out.entries > 0 || out.comments > 0 ? out : null;
  }

  counters(): RoomCounters {
    return {
      online: this.online,
      cumulativeViewers: this.viewers.size + this.anonymousSeen,
      comments: this.comments,
      likes: this.likes,
      orders: this.orders,
      gmvFen: this.gmvFen,
      buyers: this.buyerIds.size,
    };
  }
}

/** GMV per thousand views (fen), and the share of viewers who bought (0–1). */
export function gpmOf(gmvFen: number, viewers: number): number {
  return viewers === 0 ? 0 : Math.round((gmvFen * 1000) / viewers);
}

export function conversionOf(buyers: number, viewers: number): number {
  return viewers === 0 ? 0 : Math.min(1, Math.round((buyers / viewers) * 10_000) / 10_000);
}
