/**
 * The signals module's public API: interest signals published in-process after the transaction that
 * recorded them commits. Modules that record actions (cart, content, events) publish here; the
 * interest engine (recommend), the viewer marks (feed) and the stream relay subscribe.
 */
export {
  type Signal,
  type SignalListener,
  type SignalSource,
  onSignals,
  hasSignalListeners,
  publishSignals,
  publishAfter,
} from './bus.js';
