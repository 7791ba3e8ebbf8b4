/** Date ranges of the reports: whole Shanghai days, validated. Pure. */
import { DomainError } from '../platform/index.js';
import { DIMENSIONS, keepsDimension, type Dimension, type Scope } from './aggregate.js';
import { DAY_MS, parseShanghaiDate, shanghaiDate } from './time-buckets.js';

export const MAX_RANGE_DAYS = 90;

export type AnalyticsErrorCode = 'INVALID_DATE' | 'DATE_RANGE_REVERSED' | 'DATE_RANGE_TOO_LONG' | 'UNKNOWN_DIMENSION';

export interface DayRange {
  from: string;
  to: string;
  /** [start, end) in UTC epoch ms. */
  start: number;
  end: number;
  days: number;
}

/** Inclusive days from–to (YYYY-MM-DD, Asia/Shanghai); at most MAX_RANGE_DAYS. */
export function dayRange(from: string, to: string): DayRange {
  const start = parseShanghaiDate(from);
  const last = parseShanghaiDate(to);
  if (start === null)
    throw new DomainError('INVALID_DATE', `from must be a date (YYYY-MM-DD): ${from}`, { field: 'from' });
  if (last === null) throw new DomainError('INVALID_DATE', `to must be a date (YYYY-MM-DD): ${to}`, { field: 'to' });
  if (last < start) throw new DomainError('DATE_RANGE_REVERSED', 'from must not be after to', { from, to });
  const days = Math.round((last - start) / DAY_MS) + 1;
  if (days > MAX_RANGE_DAYS)
    throw new DomainError('DATE_RANGE_TOO_LONG', `a range covers at most ${MAX_RANGE_DAYS} days (this one ${days})`, {
      maxDays: MAX_RANGE_DAYS,
      days,
    });
  return { from, to, start, end: last + DAY_MS, days };
}

/** The same number of days just before. */
export function previousRange(r: DayRange): DayRange {
  const start = r.start - r.days * DAY_MS;
  return { from: shanghaiDate(start), to: shanghaiDate(r.start - DAY_MS), start, end: r.start, days: r.days };
}

export function checkDimension(dim: string, scope: Scope): Dimension {
  if (!(DIMENSIONS as readonly string[]).includes(dim) || dim === 'total' || !keepsDimension(scope, dim as Dimension)) {
    throw new DomainError('UNKNOWN_DIMENSION', `unknown dimension: ${dim}`, {
      allowed: DIMENSIONS.filter((d) => d !== 'total' && keepsDimension(scope, d)),
    });
  }
  return dim as Dimension;
}
