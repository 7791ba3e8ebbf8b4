import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PAY_RETURN_PATIENCE_MS, paymentReturnState, payReturnState } from './pay-return';

test('back from the cashier, an unpaid order is being confirmed until the patience runs out', () => {
  assert.equal(payReturnState(true, 'unpaid', 0), 'confirming');
  assert.equal(payReturnState(true, 'unpaid', PAY_RETURN_PATIENCE_MS - 1), 'confirming');
  assert.equal(payReturnState(true, 'unpaid', PAY_RETURN_PATIENCE_MS), 'slow');
  assert.equal(payReturnState(true, 'paid', 5_000), 'paid');
  assert.equal(payReturnState(true, 'shipped', 5_000), 'paid');
  assert.equal(payReturnState(true, 'cancelled', 0), 'none');
  assert.equal(payReturnState(false, 'unpaid', 0), 'none', 'an order opened from the list is not waiting for anything');
  assert.equal(payReturnState(true, undefined, 0), 'none');
});

test('back from the cashier to the order list, the payment of several orders is followed the same way', () => {
  assert.equal(paymentReturnState(true, undefined, 0), 'confirming', 'not loaded yet');
  assert.equal(paymentReturnState(true, 'pending', 1_000), 'confirming');
  assert.equal(paymentReturnState(true, 'pending', PAY_RETURN_PATIENCE_MS), 'slow');
  assert.equal(paymentReturnState(true, 'succeeded', 1_000), 'paid');
  assert.equal(paymentReturnState(true, 'failed', 1_000), 'none');
  assert.equal(paymentReturnState(false, 'pending', 0), 'none');
});
