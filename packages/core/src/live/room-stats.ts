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

  viewerJoined(viewerKey: string | null): void {
    this.online++;
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

  counters(): RoomCounters {
    return { online: this.online, cumulativeViewers: this.viewers.size + this.anonymousSeen, comments: this.comments, likes: this.likes, orders: this.orders, gmvFen: this.gmvFen, buyers: this.buyerIds.size };
  }
}

/** GMV per thousand views (fen), and the share of viewers who bought (0–1). */
export function gpmOf(gmvFen: number, viewers: number): number {
  return viewers === 0 ? 0 : Math.round((gmvFen * 1000) / viewers);
}

export function conversionOf(buyers: number, viewers: number): number {
  return viewers === 0 ? 0 : Math.min(1, Math.round((buyers / viewers) * 10_000) / 10_000);
}
