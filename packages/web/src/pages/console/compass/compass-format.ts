/** How a metric's value reads: ¥ for money (from fen), 万/亿 for big counts in Chinese, percentages for ratios. Pure. */
import { formatFen } from '../../../lib/money';
import { METRIC_UNITS } from './compass-api';

export function formatCount(n: number, lang: string): string {
  if (!lang.startsWith('zh')) return n.toLocaleString('en-US');
  if (Math.abs(n) >= 1e8) return `${(n / 1e8).toFixed(1).replace(/\.0$/, '')}亿`;
  if (Math.abs(n) >= 1e4) return `${(n / 1e4).toFixed(1).replace(/\.0$/, '')}万`;
  return String(n);
}

export function formatMetric(key: string, v: number | null | undefined, lang: string): string {
  if (v === null || v === undefined) return '—';
  const unit = (METRIC_UNITS as Partial<Record<string, 'fen' | 'count' | 'ratio'>>)[key] ?? 'count';
  if (unit === 'fen') return formatFen(v);
  if (unit === 'ratio') return `${(v * 100).toFixed(2)}%`;
  return formatCount(v, lang);
}

/** Change against the previous period as a signed percentage, or null when there is nothing to compare with. */
export function change(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now === null || now === undefined || before === null || before === undefined || before === 0) return null;
  return (now - before) / Math.abs(before);
}

/** YYYY-MM-DD of the China day `daysAgo` before today. */
export function chinaDate(daysAgo: number, now = Date.now()): string {
  return new Date(now + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}
