/** Wires the review queue into the core: the content module's holds reach the queue, and the review deadlines fire. */
import type { CoreContext } from '../context.js';
import type { OutboxDispatcher } from '../outbox/index.js';
import type { TimerRegistry } from '../timers/index.js';
import { holdFromRules, markOverdue, withdrawIfLeftReview } from './queue.js';
import { DEFAULT_REVIEW_WINDOW_MS, REVIEW_DUE_TIMER } from './rules.js';

/** The review window from REVIEW_WINDOW_HOURS (a positive number of hours), else 24 h. */
export function reviewWindowFromEnv(env: Record<string, string | undefined> = process.env): number {
  const hours = Number(env.REVIEW_WINDOW_HOURS);
  return Number.isFinite(hours) && hours > 0 ? hours * 60 * 60 * 1000 : DEFAULT_REVIEW_WINDOW_MS;
}

export function installModeration(opts: {
  ctx: CoreContext;
  outbox: OutboxDispatcher;
  timers: TimerRegistry;
  reviewWindowMs: number;
}): void {
  opts.outbox.subscribe('video.held', async (e) => holdFromRules(opts.ctx, e.payload, opts.reviewWindowMs));
  // A held video that leaves review by itself (its owner removes it) takes its queue item along.
  opts.outbox.subscribe('video.removed', async (e) => withdrawIfLeftReview(opts.ctx, e.subjectId));
  opts.timers.register(REVIEW_DUE_TIMER, async (tx, timer, now) => markOverdue(tx, timer.subjectId, now));
}
