import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFen } from './money.js';
import { isIdOf, newId } from './ids.js';

test('fen are shown as yuan with two decimals', () => {
  assert.equal(formatFen(2990), '¥29.90');
  assert.equal(formatFen(5), '¥0.05');
  assert.equal(formatFen(-120), '-¥1.20');
});

test('ids carry their type and sort by creation', () => {
  const a = newId('order', 1_000);
  const b = newId('order', 2_000);
  const c = newId('order', 2_000);
  assert.ok(isIdOf('order', a));
  assert.ok(!isIdOf('sku', a));
  assert.ok(a < b && b < c);
});
