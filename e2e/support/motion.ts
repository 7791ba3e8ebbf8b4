/** Waiting for a page to stop moving, instead of sleeping a fixed time. */
import type { Page } from 'playwright-core';

/**
 * Resolves on the first painted frame in which no finite CSS transition or animation is running
 * (sheets have risen, dialogs have faded in); endless ones (spinners, a live badge's pulse) do not
 * count. Gives up quietly after `timeoutMs`: it is for screenshots, never an assertion.
 */
export async function motionSettled(page: Page, timeoutMs = 2_000): Promise<void> {
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
      undefined,
      { timeout: timeoutMs, polling: 'raf' },
    )
    .catch(() => {});
}
