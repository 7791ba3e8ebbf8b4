/** Display helpers for counts and times, by UI language. */

function trimZero(value: string): string {
  return value.replace(/\.0$/, '');
}

/** Chinese number style for big counts (1.2万, 3.4亿); compact notation in English. */
export function formatCount(n: number, lang: string): string {
  if (!lang.startsWith('zh')) {
    return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
  }
  if (n < 10_000) return String(n);
  if (n < 100_000_000) return `${trimZero((Math.floor(n / 1_000) / 10).toFixed(1))}万`;
  return `${trimZero((Math.floor(n / 10_000_000) / 10).toFixed(1))}亿`;
}

/** Epoch milliseconds → local date and time in the viewer's zone (Asia/Shanghai by default). */
export function formatDateTime(ms: number, lang: string, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat(lang.startsWith('zh') ? 'zh-CN' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(ms));
}

/** Epoch milliseconds → the calendar day as "MM-DD" in the viewer's zone: the pre-sale promise ("12-03 前发货"). */
export function formatMonthDay(ms: number, timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, month: '2-digit', day: '2-digit' }).formatToParts(
    new Date(ms),
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}-${get('day')}`;
}
