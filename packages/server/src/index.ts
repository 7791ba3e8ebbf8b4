export { buildServer, type ServerOptions } from './app.js';
export { startWorker, type Worker } from './worker.js';
export { startPlatform, type PlatformOptions, type RunningPlatform } from './platform.js';
export { readWireRequest, type WireRequest } from './open-gateway/wire-request.js';
export {
  OpenApiClient,
  type OpenEnvelope,
  type ClientOptions as OpenApiClientOptions,
} from './open-gateway/erp-client.js';
export * from './roles/index.js';
export * from './shared/index.js';
