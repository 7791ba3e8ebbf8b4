import { test } from 'node:test';
import assert from 'node:assert/strict';
import { givesUp, MAX_TIMER_ATTEMPTS, retryDelayMs } from './timer-rules.js';

test('back-off doubles from 5 s and is capped at an hour', () => {
  assert.equal(retryDelayMs(1), 5_000);
  assert.equal(retryDelayMs(2), 10_000);
  assert.equal(retryDelayMs(3), 20_000);
  assert.equal(retryDelayMs(40), 3_600_000);
  assert.equal(retryDelayMs(0), 5_000);
});

test('a timer gives up after the maximum number of attempts', () => {
  assert.equal(givesUp(MAX_TIMER_ATTEMPTS - 1), false);
  assert.equal(givesUp(MAX_TIMER_ATTEMPTS), true);
});
