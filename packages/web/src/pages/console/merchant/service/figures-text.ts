/** How the desk words its figures: durations in seconds or minutes, shares as percentages, nothing to measure as a dash. */
export function durationText(ms: number | null, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (ms === null) return t('serviceDesk.report.none');
  const s = Math.round(ms / 1000);
  return s < 60
    ? t('serviceDesk.report.seconds', { n: s })
    : t('serviceDesk.report.minutes', { m: Math.floor(s / 60), s: s % 60 });
}

export function shareText(share: number | null, none: string): string {
  return share === null ? none : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}
