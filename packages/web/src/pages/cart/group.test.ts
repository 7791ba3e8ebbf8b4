import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupByShop, shippingFor } from './group.ts';

test('groupByShop keeps shop order and sums only the counted items', () => {
  const items = [
    { shopId: 'a', shopName: 'A', priceFen: 1000, quantity: 2, ok: true },
    { shopId: 'b', shopName: 'B', priceFen: 500, quantity: 1, ok: true },
    { shopId: 'a', shopName: 'A', priceFen: 300, quantity: 3, ok: false },
  ];
  const groups = groupByShop(items, (i) => i.ok);
  assert.deepEqual(
    groups.map((g) => [g.shopId, g.items.length, g.itemsFen]),
    [
      ['a', 2, 2000],
      ['b', 1, 500],
    ],
  );
});

test('shippingFor is free at or over the threshold', () => {
  assert.equal(shippingFor(5000, { shippingFeeFen: 800, freeShippingOverFen: 5000 }), 0);
  assert.equal(shippingFor(4999, { shippingFeeFen: 800, freeShippingOverFen: 5000 }), 800);
  assert.equal(shippingFor(100, { shippingFeeFen: 0, freeShippingOverFen: null }), 0);
  assert.equal(shippingFor(100, undefined), 0);
});
