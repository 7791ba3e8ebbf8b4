import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badgeText } from './cart-count';

test('the cart tab shows no badge for an empty or unknown cart, the count, and 99+ beyond 99', () => {
  assert.equal(badgeText(null), null);
  assert.equal(badgeText(0), null);
  assert.equal(badgeText(1), '1');
  assert.equal(badgeText(99), '99');
  assert.equal(badgeText(100), '99+');
});
