// The stream module's public surface: the Stream interface, the embedded bus, and scaled mode's publishers.
export {
  EmbeddedStream,
  SeenIds,
  matchesPrefix,
  type Stream,
  type StreamConsumer,
  type ConsumeOptions,
  type StreamHandler,
  type StreamBatchHandler,
  type ConsumeBatchOptions,
  type StreamMessage,
  type StreamSubject,
} from './stream.js';
export { relayOutbox, relaySignals, type OutboxStreamPayload } from './relay.js';
export { consumeOutboxOnStream, type OutboxConsumer, type OutboxConsumerFigures } from './outbox-consumer.js';
