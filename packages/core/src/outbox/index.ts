/** The outbox module's public API: other modules import only from here. */
export { type DomainEvent, emit, type EventHandler, OutboxDispatcher } from './outbox.js';
export type { BatchEventHandler } from './outbox.js';
export {
  emitMany,
  outboxRow,
  type OutboxEntry,
  type OutboxEvents,
  type OutboxTopic,
  type EventUnder,
} from './outbox.js';
