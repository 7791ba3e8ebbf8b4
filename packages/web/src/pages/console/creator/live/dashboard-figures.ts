/**
 * The live dashboard's (大屏) figures and charts, as pure functions of the room's stats: the
 * tiles' texts, the trend (online viewers and GMV over time) and the per-product bars.
 */
import type { ProductStat, RoomStats } from '../../../../api/live';
import { formatCount } from '../../../../lib/format';
import { formatFen } from '../../../../lib/money';

export type Sample = RoomStats['series'][number];

/** Conversion as a percentage with one decimal: the server's ratio (orders ÷ viewers, 0..1). */
export function formatConversion(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio <= 0) return '0%';
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}

export interface Tile {
  key: 'online' | 'cumulativeViewers' | 'comments' | 'likes' | 'orders' | 'gmvFen' | 'gpm' | 'conversion';
  text: string;
}

/** The eight tiles of the dashboard, in reading order. GPM is GMV (fen) per 1,000 viewers. */
export function statTiles(s: RoomStats, lang: string): Tile[] {
  const n = (v: number) => formatCount(v, lang);
  return [
    { key: 'online', text: n(s.online) },
    { key: 'cumulativeViewers', text: n(s.cumulativeViewers) },
    { key: 'comments', text: n(s.comments) },
    { key: 'likes', text: n(s.likes) },
    { key: 'orders', text: n(s.orders) },
    { key: 'gmvFen', text: formatFen(s.gmvFen) },
    { key: 'gpm', text: formatFen(Math.round(s.gpm)) },
    { key: 'conversion', text: formatConversion(s.conversion) },
  ];
}

/** Adds this second's figures to a client-kept trend (used when the server sends no series); keeps the last `max`. */
export function appendSample(series: Sample[], s: RoomStats, at: number, max = 600): Sample[] {
  const last = series.at(-1);
  if (last && at - last.at < 500) return series;
  return [...series, { at, online: s.online, gmvFen: s.gmvFen, orders: s.orders }].slice(-max);
}

/** "14:03:09" in China time. */
export function clockLabel(ms: number, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(ms));
}

export interface TrendLabels {
  online: string;
  gmv: string;
}

/** The trend chart: online viewers (left axis) and GMV in yuan (right axis) against the clock. */
export function trendOption(series: Sample[], labels: TrendLabels) {
  return {
    animation: false,
    tooltip: { trigger: 'axis' as const },
    legend: { data: [labels.online, labels.gmv], top: 0 },
    grid: { left: 48, right: 56, top: 32, bottom: 28 },
    xAxis: { type: 'category' as const, data: series.map((p) => clockLabel(p.at)), boundaryGap: false },
    yAxis: [
      { type: 'value' as const, name: labels.online, minInterval: 1 },
      { type: 'value' as const, name: labels.gmv, axisLabel: { formatter: (v: number) => `¥${v}` } },
    ],
    series: [
      {
        name: labels.online,
        type: 'line' as const,
        data: series.map((p) => p.online),
        showSymbol: false,
        smooth: true,
      },
      {
        name: labels.gmv,
        type: 'line' as const,
        yAxisIndex: 1,
        data: series.map((p) => p.gmvFen / 100),
        showSymbol: false,
        areaStyle: { opacity: 0.15 },
      },
    ],
  };
}

export interface ProductLabels {
  sold: string;
  remaining: string;
}

/** Per-product bars: units sold and units left, best seller first. */
export function productOption(items: ProductStat[], labels: ProductLabels) {
  const sorted = [...items].sort((a, b) => b.soldQty - a.soldQty || a.title.localeCompare(b.title));
  const short = (title: string) =>
    Array.from(title).length > 8 ? `${Array.from(title).slice(0, 8).join('')}…` : title;
  return {
    animation: false,
    tooltip: { trigger: 'axis' as const },
    legend: { data: [labels.sold, labels.remaining], top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 40 },
    xAxis: {
      type: 'category' as const,
      data: sorted.map((p) => short(p.title)),
      axisLabel: { interval: 0, rotate: sorted.length > 4 ? 20 : 0 },
    },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [
      {
        name: labels.sold,
        type: 'bar' as const,
        stack: 'units',
        data: sorted.map((p) => p.soldQty),
        itemStyle: { color: '#fe2c55' },
      },
      {
        name: labels.remaining,
        type: 'bar' as const,
        stack: 'units',
        data: sorted.map((p) => Math.max(0, p.remaining)),
        itemStyle: { color: '#c9cdd4' },
      },
    ],
  };
}

/** A stats object with every field present (older or partial answers fill with zeros). */
export function completeStats(s: Partial<RoomStats> | null | undefined): RoomStats {
  return {
    online: s?.online ?? 0,
    cumulativeViewers: s?.cumulativeViewers ?? 0,
    comments: s?.comments ?? 0,
    likes: s?.likes ?? 0,
    orders: s?.orders ?? 0,
    gmvFen: s?.gmvFen ?? 0,
    gpm: s?.gpm ?? 0,
    conversion: s?.conversion ?? 0,
    perProduct: s?.perProduct ?? [],
    series: s?.series ?? [],
  };
}
