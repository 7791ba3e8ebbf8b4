/** Calendar days in Asia/Shanghai for supply dates (harvest, checks, best-before), both ways. Pure. */

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000; // China keeps no daylight saving time

/** Epoch ms → "2026-11-20", the day in Asia/Shanghai. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** "2026-11-20" → epoch ms of 00:00 that day in Asia/Shanghai; null when not a real date. */
export function shanghaiDayStart(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return utc - SHANGHAI_OFFSET_MS;
}
