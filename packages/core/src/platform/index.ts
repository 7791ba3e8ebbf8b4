/** The platform module's public API: other modules import only from here. */
export { DomainError, notFound, forbidden, invalid, conflict } from './errors.js';
export { ID_PREFIX, type IdKind, newId, idFloor, isIdOf } from './ids.js';
export { maskPhone } from './phone-mask.js';
export { installationSecret, cachedInstallationSecret, getSetting, setSetting } from './settings.js';
export { type CsvCell, csvField, csvDocument } from './csv-write.js';
export { type Clock, systemClock, ManualClock } from './clock.js';
export { housekeeping } from './housekeeping.js';
export { mulberry32 } from './random.js';
export { appliedRules, reconcileMultipliers, type MultiplierKey, type MultiplierSink } from './multiplier-rules.js';
export { assertFen, sumFen, formatFen } from './money.js';
export { HOUR_MS, DAY_MS, startOfShanghaiDay, endOfShanghaiDay } from './shanghai-days.js';
export { ERROR_CODES, ERROR_CODE_LIST, errorStatus, isErrorCode, type ErrorCode } from './error-codes.js';
export { stateTable, type StateTable, type Transition } from './state-table.js';
export { Runtime, runtimePart, runtimeOf, createRuntime, type RuntimePart } from './runtime.js';
export {
  CARRIER_PATTERN,
  MAX_CARRIER_CHARS,
  MAX_TRACKING_NO_CHARS,
  MIN_CARRIER_CHARS,
  MIN_TRACKING_NO_CHARS,
  TRACKING_NO_PATTERN,
  type ParcelRef,
  checkParcelRef,
} from './parcel-refs.js';
