/** Pure rules of the timers: back-off after a failure and when a timer gives up. */

export const MAX_TIMER_ATTEMPTS = 10;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 60 * 60 * 1000;

/** Delay before attempt `attempts + 1` after `attempts` failures: 5 s, 10 s, 20 s … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(n - 1, 30));
}

/** After this many failed attempts a timer stops retrying and shows as failed. */
export function givesUp(attempts: number): boolean {
  return attempts >= MAX_TIMER_ATTEMPTS;
}
