export * from './timer-rules.js';
export * from './timers.js';
export * from './scheduler.js';
