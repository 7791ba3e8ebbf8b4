/**
 * Domain events from the outbox that teach the engine: paid orders (purchases), refunds and
 * newly published videos. The handlers read the committed rows, so the same code serves the
 * outbox consumed from the stream (stream-signals.ts).
 */
import type { CoreContext } from '../context.js';
import type { OutboxDispatcher } from '../outbox/index.js';
import { hasSignalListeners, publishSignals } from '../signals/index.js';
import { paymentSignals, paymentsSignals, refundSignals } from './stored-signals.js';
import { runningRecommendService } from './recommend-service.js';

/** The outbox topics the engine learns from. */
export const ENGINE_OUTBOX_TOPICS = ['payment.succeeded', 'refund.succeeded', 'video.published'] as const;
export type EngineOutboxTopic = (typeof ENGINE_OUTBOX_TOPICS)[number];

/** Teaches this process's engine one domain event; returns how many signals it published. */
export async function learnFromDomainEvent(
  ctx: CoreContext,
  topic: EngineOutboxTopic,
  subjectId: string,
): Promise<number> {
  switch (topic) {
    case 'payment.succeeded':
    case 'refund.succeeded': {
      if (!hasSignalListeners(ctx.db)) return 0;
      const signals =
        topic === 'payment.succeeded'
          ? await paymentSignals(ctx.db, subjectId)
          : await refundSignals(ctx.db, subjectId);
      publishSignals(ctx.db, signals);
      return signals.length;
    }
    case 'video.published':
      await runningRecommendService(ctx)?.learnVideos([subjectId]);
      return 0;
  }
}

/** Teaches this process's engine the purchases of several payments at once (a dispatch round's); returns how many signals it published. */
export async function learnFromPayments(ctx: CoreContext, paymentIds: readonly string[]): Promise<number> {
  if (!hasSignalListeners(ctx.db)) return 0;
  const signals = await paymentsSignals(ctx.db, paymentIds);
  publishSignals(ctx.db, signals);
  return signals.length;
}

export function subscribeRecommendOutbox(outbox: OutboxDispatcher, ctx: CoreContext): void {
  for (const topic of ENGINE_OUTBOX_TOPICS) {
    // Paid checkouts come in numbers: a dispatch round's are read in one statement.
    if (topic === 'payment.succeeded')
      outbox.subscribeBatch(
        topic,
        async (events) =>
          void (await learnFromPayments(
            ctx,
            events.map((e) => e.subjectId),
          )),
      );
    else outbox.subscribe(topic, async (e) => void (await learnFromDomainEvent(ctx, topic, e.subjectId)));
  }
}
