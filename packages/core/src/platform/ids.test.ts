import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idFloor, newId } from './ids.js';

test('idFloor bounds the ids made at or after a time, even once later ids were made', () => {
  const t = Date.now() - 3600_000;
  const atT = newId('event', t);
  const later = newId('event', t + 60_000);
  // Ids never go backwards: asked for an earlier time now, newId gives one after `later`.
  assert.ok(newId('event', t) > later);
  assert.ok(idFloor('event', t) <= atT);
  assert.ok(idFloor('event', t + 1) > atT);
  assert.ok(idFloor('event', t + 60_000) <= later);
  assert.match(idFloor('order', t), /^ord_[0-9a-z]{10}0{16}$/);
});
