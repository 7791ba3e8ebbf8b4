import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InMemorySale } from './bare-sale.js';

test('the bare sale sells no more than its quantity, no one more than the limit, and answers a repeated key the same way', () => {
  const sale = new InMemorySale(3, 2);
  assert.equal(sale.order('s', 'a', 'k1', 1).status, 201);
  const first = sale.order('s', 'a', 'k2', 1);
  assert.equal(first.status, 201);
  assert.deepEqual(sale.order('s', 'a', 'k2', 1), first, 'the same key gets the same answer, not a third unit');
  assert.deepEqual(sale.order('s', 'a', 'k3', 1).body, { error: { code: 'SALE_LIMIT_REACHED' } });
  assert.equal(sale.order('s', 'b', 'k4', 1).status, 201);
  assert.deepEqual(sale.order('s', 'c', 'k5', 1).body, { error: { code: 'SALE_SOLD_OUT' } });
});
