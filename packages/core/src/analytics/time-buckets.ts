/** Hours and days in Asia/Shanghai (UTC+8 all year, no daylight saving). Pure. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** The start (UTC epoch ms) of the hour holding t; Shanghai's hours start on UTC's. */
export const hourOf = (t: number): number => Math.floor(t / HOUR_MS) * HOUR_MS;

/** The start (UTC epoch ms) of the Shanghai day holding t. */
export const shanghaiDayStart = (t: number): number =>
  Math.floor((t + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;

/** YYYY-MM-DD of the Shanghai day holding t. */
export function shanghaiDate(t: number): string {
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD HH:00 in Shanghai. */
export function shanghaiHourLabel(t: number): string {
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 13).replace('T', ' ') + ':00';
}

/** The start of a Shanghai date given as YYYY-MM-DD, or null when it is not a real date. */
export function parseShanghaiDate(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== s) return null;
  return t - SHANGHAI_OFFSET_MS;
}
