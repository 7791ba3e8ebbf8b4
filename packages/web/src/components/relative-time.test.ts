import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relativeTime } from './relative-time.ts';

test('relativeTime names recent moments like 刚刚 and 5分钟前, older ones by date', () => {
  const now = 1_800_000_000_000;
  assert.deepEqual(relativeTime(now - 10_000, now), { key: 'justNow', n: 0 });
  assert.deepEqual(relativeTime(now + 5_000, now), { key: 'justNow', n: 0 }); // clock skew
  assert.deepEqual(relativeTime(now - 5 * 60_000, now), { key: 'minutes', n: 5 });
  assert.deepEqual(relativeTime(now - 3 * 3_600_000 - 1, now), { key: 'hours', n: 3 });
  assert.deepEqual(relativeTime(now - 2 * 86_400_000, now), { key: 'days', n: 2 });
  assert.deepEqual(relativeTime(now - 30 * 86_400_000, now), { key: 'date', n: now - 30 * 86_400_000 });
});
