import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actorKey, checkEventBatch, uniqueByClientId, type ClientEvent } from './event-rules.js';

const NOW = 1_800_000_000_000;
const ev = (over: Partial<ClientEvent> = {}): ClientEvent => ({
  type: 'impression',
  videoId: 'vid_x',
  at: NOW,
  clientEventId: 'c1',
  ...over,
});

test('a good batch passes, with every type given the fields it needs', () => {
  checkEventBatch(
    [
      ev(),
      ev({ type: 'view_progress', watchMs: 3000, durationMs: 12000 }),
      ev({ type: 'complete' }),
      ev({ type: 'product_tap', videoId: undefined, productId: 'prd_x' }),
      ev({ type: 'like' }),
      ev({ type: 'share' }),
      ev({ type: 'follow', videoId: undefined }),
      ev({ at: NOW + 5 * 60 * 1000 }),
      ev({ at: NOW - 7 * 24 * 3600 * 1000 }),
    ],
    NOW,
  );
});

test('unknown types, timestamps out of the window, missing fields and batch sizes are refused with 400', () => {
  const refused = (events: ClientEvent[], code: string): void =>
    assert.throws(() => checkEventBatch(events, NOW), { code, status: 400 });
  refused([ev({ type: 'purchase' })], 'UNKNOWN_EVENT_TYPE');
  refused([ev(), ev({ at: NOW + 5 * 60 * 1000 + 1 })], 'EVENT_TIME_OUT_OF_RANGE');
  refused([ev({ at: NOW - 7 * 24 * 3600 * 1000 - 1 })], 'EVENT_TIME_OUT_OF_RANGE');
  refused([ev({ type: 'view_progress' })], 'EVENT_FIELD_MISSING');
  refused([ev({ type: 'product_tap' })], 'EVENT_FIELD_MISSING');
  refused([ev({ videoId: undefined })], 'EVENT_FIELD_MISSING');
  refused([ev({ watchMs: -1 })], 'VALIDATION_FAILED');
  refused([ev({ clientEventId: 'has space' })], 'VALIDATION_FAILED');
  refused([], 'NO_EVENTS');
  refused(
    Array.from({ length: 101 }, (_, i) => ev({ clientEventId: `c${i}` })),
    'TOO_MANY_EVENTS',
  );
});

test('the first of repeated clientEventIds wins; the sender is the person or the anonymous viewer id', () => {
  assert.deepEqual(
    uniqueByClientId([ev({ type: 'like' }), ev(), ev({ clientEventId: 'c2' })]).map(
      (e) => `${e.type}:${e.clientEventId}`,
    ),
    ['like:c1', 'impression:c2'],
  );
  assert.equal(actorKey({ userId: 'usr_1', viewerId: 'device-123' }), 'usr_1');
  assert.equal(actorKey({ viewerId: 'device-123' }), 'anon:device-123');
  assert.throws(() => actorKey({}), { code: 'UNAUTHENTICATED', status: 401 });
});
