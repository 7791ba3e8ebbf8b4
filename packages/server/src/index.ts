export { buildServer, type ServerOptions } from './app.js';
export { startWorker, type Worker } from './worker.js';
export { startPlatform, type PlatformOptions, type RunningPlatform } from './platform.js';
export * from './roles/index.js';
export * from './shared/index.js';
