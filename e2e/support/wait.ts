/**
 * Waiting for what moves by itself after an action (a count the page takes from the server's
 * answer, a status a worker or the payment provider's notification changes, a stream whose first
 * segments come a few seconds after it starts) instead of reading it once. The browser suite runs
 * two files side by side on a busy machine, so the patience is generous: a wait that succeeds
 * costs no more than the update takes, and one that runs out says what it waited for and what it
 * saw last.
 */
import type { Locator, Page } from 'playwright-core';

/** How long a wait for an asynchronous update lasts unless told otherwise. */
export const PATIENCE_MS = 60_000;
const EVERY_MS = 250;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Reads `read` until `accept` takes its value and returns that value. An error thrown by `read` or
 * `accept` fails at once (an assertion inside either is checked on every round).
 */
export async function waitForValue<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = PATIENCE_MS,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() >= until)
      throw new Error(`timed out after ${seconds(timeoutMs)} waiting for ${what}; last seen: ${show(value)}`);
    await new Promise((r) => setTimeout(r, EVERY_MS));
  }
}

/** Asks `check` until it answers true. */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = PATIENCE_MS): Promise<void> {
  await waitForValue(check, (ok) => ok, what, timeoutMs);
}

/** Waits until the element's attribute reads `expected` (the element may appear meanwhile). */
export async function waitForAttribute(
  locator: Locator,
  name: string,
  expected: string,
  what: string,
  timeoutMs = PATIENCE_MS,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  await waitForValue(
    () =>
      locator.getAttribute(name, { timeout: Math.max(1, until - Date.now()) }).catch((error: Error) => {
        if (error.name === 'TimeoutError') return null; // not there (yet): reported as null when the time is up
        throw error;
      }),
    (value) => value === expected,
    `${what} (${name}="${expected}")`,
    timeoutMs,
  );
}

/**
 * `page.waitForFunction` whose failure names what was awaited (playwright's own says only that
 * the time ran out).
 */
export async function waitForPage(
  page: Page,
  what: string,
  condition: () => unknown,
  timeoutMs = PATIENCE_MS,
): Promise<void> {
  await page.waitForFunction(condition, undefined, { timeout: timeoutMs }).catch((error: Error) => {
    const why = error.name === 'TimeoutError' ? `timed out after ${seconds(timeoutMs)}` : 'failed';
    throw new Error(`${why} waiting for ${what}\n${error.message}`);
  });
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}
