import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applicableCoupons, couponEffect } from './coupon-choice';

const lines = [
  { shopId: 'a', productId: 'p1', priceFen: 2990, quantity: 2 },
  { shopId: 'b', productId: 'p2', priceFen: 1000, quantity: 1 },
  { shopId: 'b', productId: 'x', priceFen: 9000, quantity: 1 },
];

test('a coupon counts only its room’s products, on the shop with the most such spend', () => {
  assert.deepEqual(
    couponEffect(lines, { couponId: 'c1', amountFen: 500, minSpendFen: 5000, productIds: ['p1', 'p2'] }),
    { couponId: 'c1', shopId: 'a', discountFen: 500 },
  );
  assert.equal(
    couponEffect(lines, { couponId: 'c2', amountFen: 500, minSpendFen: 6000, productIds: ['p1', 'x2'] }),
    null,
    '¥59.80 of its products is under ¥60',
  );
  assert.equal(couponEffect(lines, { couponId: 'c3', amountFen: 500, minSpendFen: 0, productIds: ['nothing'] }), null);
  assert.deepEqual(
    couponEffect(lines, { couponId: 'c4', amountFen: 5000, minSpendFen: 0, productIds: ['p2'] }),
    { couponId: 'c4', shopId: 'b', discountFen: 999 },
    'never free',
  );
});

test('the biggest saving comes first', () => {
  const offered = [
    { couponId: 'small', amountFen: 300, minSpendFen: 0, productIds: ['p1'] },
    { couponId: 'none', amountFen: 900, minSpendFen: 99_999, productIds: ['p1'] },
    { couponId: 'big', amountFen: 800, minSpendFen: 5000, productIds: ['p1'] },
  ];
  assert.deepEqual(
    applicableCoupons(lines, offered).map((c) => c.couponId),
    ['big', 'small'],
  );
});
