export {
  decodeInvalidation,
  encodeInvalidation,
  sessionKey,
  type InvalidationBus,
  type SessionInvalidation,
} from './invalidation.js';
export { connectRedisState, SESSION_CHANNEL, type RedisState } from './redis-state.js';
export { connectNatsFanout, type Fanout } from './nats-fanout.js';
export { parseReplicas, parseReplicaIndex, replicaFor, ENGINE_DEADLINE_MS } from './engine-protocol.js';
export { connectJetStream, STREAM_NAME, type JetStream, type StreamFigures } from './jetstream-stream.js';
export { redisSaleCounter, saleCounterKeys } from './redis-sale-counter.js';
