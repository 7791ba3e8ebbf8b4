/**
 * Live countdowns of a shop's running deadlines (pure). The server says how much time each
 * deadline had left when it answered; adding that to the moment the answer arrived places the
 * deadline on this browser's clock, so a skewed computer clock cannot make a countdown lie.
 */
import type { Deadline } from '../../ops-api';

/** Under two hours left, a countdown turns red (the platform's console convention). */
export const URGENT_MS = 2 * 3_600_000;

export interface LiveDeadline extends Deadline {
  /** The deadline on this browser's clock (epoch ms). */
  localDueAt: number;
}

/** Places each deadline on the local clock; most urgent (earliest, overdue first) first. */
export function toLiveDeadlines(items: readonly Deadline[], receivedAt: number): LiveDeadline[] {
  return items
    .map((d) => ({ ...d, localDueAt: receivedAt + d.remainingMs }))
    .sort((a, b) => a.localDueAt - b.localDueAt || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
}

export interface CountdownText {
  /** "1天 03:04:05" / "1d 03:04:05"; days only when at least one whole day remains. */
  span: string;
  overdue: boolean;
  urgent: boolean;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Time left (or, once negative, time overdue) to the second. Time left counts whole seconds
 * up (it reaches 00:00:00 exactly at the deadline), time overdue counts them down.
 */
export function formatCountdown(leftMs: number, lang: string): CountdownText {
  const overdue = leftMs <= 0;
  const seconds = overdue ? Math.floor(-leftMs / 1000) : Math.ceil(leftMs / 1000);
  const days = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const dayPart = days > 0 ? `${days}${lang.startsWith('zh') ? '天' : 'd'} ` : '';
  return { span: `${dayPart}${pad(h)}:${pad(m)}:${pad(s)}`, overdue, urgent: overdue || leftMs < URGENT_MS };
}

/** Counts for the summary line: overdue, red (under two hours) and the rest. */
export function deadlineCounts(
  items: readonly LiveDeadline[],
  now: number,
): { overdue: number; urgent: number; total: number } {
  let overdue = 0;
  let urgent = 0;
  for (const d of items) {
    const left = d.localDueAt - now;
    if (left <= 0) overdue++;
    else if (left < URGENT_MS) urgent++;
  }
  return { overdue, urgent, total: items.length };
}
