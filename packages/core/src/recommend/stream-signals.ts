/**
 * The engine role's intake: a durable consumer of the stream's signals and of the outbox topics
 * that teach the engine, so every api process's signals reach this process's engine, and of the
 * announcement of a retrained version serving (`model.serving`), which this engine then loads
 * from the store and swaps in. Deliveries are de-duplicated by message id (the stream is
 * at-least-once).
 */
import type { Signal } from '@zhongcao/recsys';
import type { CoreContext } from '../context.js';
import { SeenIds, type Stream, type StreamConsumer, type OutboxStreamPayload } from '../stream/index.js';
import { ENGINE_OUTBOX_TOPICS, learnFromDomainEvent, type EngineOutboxTopic } from './outbox-signals.js';
import { publishSignals } from '../signals/index.js';
import { MODEL_SERVING_TOPIC } from './model-versions.js';
import { runningRecommendService } from './recommend-service.js';

/** What the intake has taken in, for the engine role's metrics. */
export interface EngineIntakeFigures {
  /** Messages handled once (repeats excluded). */
  messages: number;
  /** Deliveries of a message already handled. */
  duplicates: number;
  /** Signals handed to the engine. */
  signalsLearned: number;
  /** Messages the stream took before the engine's warm-up read the stored history (already learned from it). */
  beforeWarm: number;
  /** Announcements of a retrained version serving. */
  modelAnnouncements: number;
}

export interface EngineIntake {
  figures: EngineIntakeFigures;
  consumer: StreamConsumer;
}

const isEngineTopic = (topic: string): topic is EngineOutboxTopic =>
  (ENGINE_OUTBOX_TOPICS as readonly string[]).includes(topic);

/**
 * Consumes as the durable consumer `durable` (one per engine replica: each learns the whole stream).
 * Messages the stream took before `warmedFrom` (when the warm-up began reading the stored history)
 * are acknowledged without teaching the engine twice.
 */
export async function feedEngineFromStream(
  ctx: CoreContext,
  stream: Stream,
  durable: string,
  warmedFrom = 0,
): Promise<EngineIntake> {
  const figures: EngineIntakeFigures = {
    messages: 0,
    duplicates: 0,
    signalsLearned: 0,
    beforeWarm: 0,
    modelAnnouncements: 0,
  };
  const seen = new SeenIds();
  const prefixes = ['signals', ...[...ENGINE_OUTBOX_TOPICS, MODEL_SERVING_TOPIC].map((t) => `outbox.${t}`)];
  const consumer = await stream.consume(durable, prefixes, async (m) => {
    if (!seen.first(m.id)) {
      figures.duplicates++;
      return;
    }
    if (m.publishedAt < warmedFrom) {
      figures.beforeWarm++;
      return;
    }
    if (m.subject === 'signals') {
      const signals = m.payload as Signal[];
      publishSignals(ctx.db, signals);
      figures.signalsLearned += signals.length;
    } else {
      const event = m.payload as OutboxStreamPayload;
      if (isEngineTopic(event.topic))
        figures.signalsLearned += await learnFromDomainEvent(ctx, event.topic, event.subjectId);
      else if (event.topic === MODEL_SERVING_TOPIC) {
        figures.modelAnnouncements++;
        await runningRecommendService(ctx)?.retrainer?.follow();
      }
    }
    figures.messages++;
  });
  return { figures, consumer };
}
