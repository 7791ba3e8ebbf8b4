export { MAX_TIMER_ATTEMPTS, retryDelayMs, givesUp } from './timer-rules.js';
export {
  type TimerInput,
  type TimerStatus,
  type TimerView,
  scheduleTimer,
  scheduleTimers,
  cancelTimer,
  cancelTimers,
  toTimerView,
  findTimer,
  troubledTimers,
  timerCounts,
} from './timers.js';
export {
  type TimerHandler,
  TimerRegistry,
  type RunTimersOptions,
  type RunTimersResult,
  runDueTimers,
} from './scheduler.js';
