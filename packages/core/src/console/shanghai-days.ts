/** Calendar days in Asia/Shanghai (UTC+8 all year, no daylight saving): pure date math. */

export const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** Epoch ms of 00:00 Asia/Shanghai on the day that contains `ms`. */
export function shanghaiDayStart(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** The day number (days since 1970-01-01 in Asia/Shanghai) of `ms`. */
export function shanghaiDayNumber(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

/** "2026-11-23" for a day number. */
export function dayLabel(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The `count` day numbers ending with the day of `now`, oldest first. */
export function lastDays(now: number, count: number): number[] {
  const today = shanghaiDayNumber(now);
  return Array.from({ length: count }, (_, i) => today - (count - 1 - i));
}
