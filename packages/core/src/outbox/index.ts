/** The outbox module's public API: other modules import only from here. */
export { type DomainEvent, emit, type EventHandler, OutboxDispatcher } from './outbox.js';
