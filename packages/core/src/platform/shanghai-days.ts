/** Calendar days in Asia/Shanghai (UTC+8 all year, no daylight saving), for epoch-ms times. */
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
const OFFSET_MS = 8 * HOUR_MS;

/** The first millisecond of the Shanghai day that contains `t`. */
export function startOfShanghaiDay(t: number): number {
  return Math.floor((t + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** The last millisecond of the Shanghai day that contains `t`. */
export function endOfShanghaiDay(t: number): number {
  return startOfShanghaiDay(t) + DAY_MS - 1;
}
