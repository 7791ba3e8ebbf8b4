import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertTransition, canTransition, ORDER_STATUSES, ORDER_TRANSITIONS } from './order-states.js';

test('the happy path runs unpaid → paid → shipped → delivered → completed, each by the right actor', () => {
  assert.ok(canTransition('unpaid', 'paid', 'provider'));
  assert.ok(canTransition('paid', 'shipped', 'merchant'));
  assert.ok(canTransition('shipped', 'delivered', 'carrier'));
  assert.ok(canTransition('delivered', 'completed', 'buyer'));
});

test('nobody but the payment provider marks an order paid, and only merchants ship', () => {
  for (const by of ['buyer', 'merchant', 'admin', 'system'] as const)
    assert.equal(canTransition('unpaid', 'paid', by), false);
  for (const by of ['buyer', 'admin', 'system', 'provider'] as const)
    assert.equal(canTransition('paid', 'shipped', by), false);
});

test('terminal states have no way out and shipped orders cannot be cancelled', () => {
  for (const t of ORDER_TRANSITIONS) {
    assert.notEqual(t.from, 'completed');
    assert.notEqual(t.from, 'cancelled');
  }
  assert.equal(canTransition('shipped', 'cancelled', 'buyer'), false);
  assert.throws(() => assertTransition('completed', 'paid', 'provider'), { code: 'INVALID_TRANSITION' });
});

test('every state is reachable from unpaid', () => {
  const seen = new Set(['unpaid']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of ORDER_TRANSITIONS) if (seen.has(t.from) && !seen.has(t.to)) seen.add(t.to), (grew = true);
  }
  assert.deepEqual([...seen].sort(), [...ORDER_STATUSES].sort());
});
