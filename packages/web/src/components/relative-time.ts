/** 刚刚 / 5分钟前 / 3小时前 / 2天前, then the date: pure, so it is tested without a browser. */
export type RelativeTime = { key: 'justNow' | 'minutes' | 'hours' | 'days'; n: number } | { key: 'date'; n: number };

export function relativeTime(thenMs: number, nowMs: number): RelativeTime {
  const seconds = Math.max(0, Math.floor((nowMs - thenMs) / 1000));
  if (seconds < 60) return { key: 'justNow', n: 0 };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { key: 'minutes', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { key: 'hours', n: hours };
  const days = Math.floor(hours / 24);
  if (days < 7) return { key: 'days', n: days };
  return { key: 'date', n: thenMs };
}
