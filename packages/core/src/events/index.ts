// The events module's public surface.
export {
  EVENT_TYPES,
  type EventType,
  MAX_EVENTS_PER_BATCH,
  MAX_FUTURE_MS,
  MAX_AGE_MS,
  MAX_WATCH_MS,
  CLIENT_EVENT_ID_PATTERN,
  type ClientEvent,
  isEventType,
  checkEventBatch,
  uniqueByClientId,
  actorKey,
} from './event-rules.js';
export {
  type PersonSettings,
  DEFAULT_PERSON_SETTINGS,
  getPersonSettings,
  putPersonSettings,
} from './person-settings.js';
export { type EventSender, type IngestResult, ingestEvents } from './events.js';
export {
  SERVER_EVENT_TYPES,
  type ServerEventType,
  type StoredEventType,
  type ServerEvent,
  recordServerEvents,
  type RecordedEvent,
  recordEvents,
} from './server-events.js';
export {
  EVENTS_RECORDED,
  type EventsRecordedEvent,
  sendEventsToOutbox,
  eventsOnOutbox,
} from './events-on-outbox.js';
