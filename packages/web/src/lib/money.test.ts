import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFen } from './money.ts';

test('formatFen shows integer fen as yuan with two decimals', () => {
  assert.equal(formatFen(2990), '¥29.90');
  assert.equal(formatFen(5), '¥0.05');
  assert.equal(formatFen(0), '¥0.00');
  assert.equal(formatFen(123456789), '¥1234567.89');
  assert.equal(formatFen(-350), '-¥3.50');
});
