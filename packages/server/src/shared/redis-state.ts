/**
 * The state api processes share through Redis (REDIS_URL): the rate limits' counters and the
 * channel that carries session invalidations. Redis holds nothing that cannot be lost: a flush
 * resets the limits' windows, and sessions live in the database.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  decodeInvalidation,
  encodeInvalidation,
  type InvalidationBus,
  type SessionInvalidation,
} from './invalidation.js';

export const SESSION_CHANNEL = 'zhongcao:sessions';

export interface RedisState {
  /** Commands (the rate limits' store). Fails fast while Redis is away instead of queueing. */
  redis: Redis;
  invalidations: InvalidationBus;
  /** Resolves once both connections are up (or rejects after the timeout). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function connectRedisState(url: string, onError: (err: Error) => void = () => {}): RedisState {
  const origin = randomUUID();
  const options = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times: number) => Math.min(times * 100, 1000),
  };
  const redis = new Redis(url, options);
  // A subscriber connection must queue its SUBSCRIBE until connected, and re-subscribes by itself after a reconnect.
  const subscriber = new Redis(url, { ...options, enableOfflineQueue: true });
  redis.on('error', onError);
  subscriber.on('error', onError);
  const handlers: Array<(m: SessionInvalidation) => void> = [];
  subscriber.on('message', (channel: string, raw: string) => {
    if (channel !== SESSION_CHANNEL) return;
    const m = decodeInvalidation(origin, raw);
    if (m) for (const h of handlers) h(m);
  });
  const connected = (r: Redis): Promise<void> =>
    r.status === 'ready' ? Promise.resolve() : new Promise((resolve) => r.once('ready', () => resolve()));
  const ready = Promise.all([connected(redis), subscriber.subscribe(SESSION_CHANNEL).then(() => undefined)]).then(
    () => undefined,
  );
  return {
    redis,
    ready,
    invalidations: {
      publish(message) {
        redis.publish(SESSION_CHANNEL, encodeInvalidation(origin, message)).catch(onError);
      },
      subscribe(handler) {
        handlers.push(handler);
      },
    },
    async close() {
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}
