import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionsFor, statusesOf, toTab } from './status.ts';

test('order tabs map to statuses; 待收货 covers shipped and delivered', () => {
  assert.equal(statusesOf('all'), null);
  assert.deepEqual(statusesOf('paid'), ['paid']);
  assert.deepEqual(statusesOf('shipped'), ['shipped', 'delivered']);
  assert.equal(toTab('nonsense'), 'all');
  assert.equal(toTab('completed'), 'completed');
});

test('actions follow the order state', () => {
  assert.deepEqual(actionsFor('unpaid'), { pay: true, cancel: true, confirmReceipt: false });
  assert.deepEqual(actionsFor('paid'), { pay: false, cancel: true, confirmReceipt: false });
  assert.deepEqual(actionsFor('delivered'), { pay: false, cancel: false, confirmReceipt: true });
  assert.deepEqual(actionsFor('completed'), { pay: false, cancel: false, confirmReceipt: false });
});
