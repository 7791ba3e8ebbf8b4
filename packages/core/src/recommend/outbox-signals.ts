/**
 * Domain events from the outbox that teach the engine: paid orders (purchases), refunds and
 * newly published videos. The handlers read the committed rows, so the same code serves an
 * outbox consumed from a broker.
 */
import type { CoreContext } from '../context.js';
import type { OutboxDispatcher } from '../outbox/outbox.js';
import { hasSignalListeners, publishSignals } from './signal-bus.js';
import { paymentSignals, refundSignals } from './stored-signals.js';
import { runningRecommendService } from './recommend-service.js';

export function subscribeRecommendOutbox(outbox: OutboxDispatcher, ctx: CoreContext): void {
  outbox.subscribe('payment.succeeded', async (e) => {
    if (hasSignalListeners(ctx.db)) publishSignals(ctx.db, await paymentSignals(ctx.db, e.subjectId));
  });
  outbox.subscribe('refund.succeeded', async (e) => {
    if (hasSignalListeners(ctx.db)) publishSignals(ctx.db, await refundSignals(ctx.db, e.subjectId));
  });
  outbox.subscribe('video.published', async (e) => {
    await runningRecommendService(ctx)?.learnVideos([e.subjectId]);
  });
}
