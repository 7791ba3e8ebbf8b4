import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mergeLines, priceOrders, shippingFee, type PricedSku, type ShopShipping } from './pricing.js';

const sku = (skuId: string, shopId: string, priceFen: number): PricedSku => ({
  skuId,
  productId: `p-${skuId}`,
  shopId,
  categoryId: 'c',
  title: skuId,
  specValues: [],
  priceFen,
  shipByHours: 48,
  feeRateBp: 200,
  perishable: false,
});

test('one order per shop, shipping per shop, free above the threshold', () => {
  const skus = new Map([
    ['a', sku('a', 's1', 2990)],
    ['b', sku('b', 's2', 5000)],
    ['c', sku('c', 's1', 1000)],
  ]);
  const shops = new Map<string, ShopShipping>([
    ['s1', { shopId: 's1', shippingFeeFen: 800, freeShippingOverFen: 9900 }],
    ['s2', { shopId: 's2', shippingFeeFen: 0, freeShippingOverFen: null }],
  ]);
  const orders = priceOrders(
    [
      { skuId: 'a', quantity: 3, attribution: { source: 'shelf' } },
      { skuId: 'b', quantity: 1, attribution: { source: 'video' } },
      { skuId: 'c', quantity: 1, attribution: { source: 'search' } },
    ],
    skus,
    shops,
  );
  assert.deepEqual(
    orders.map((o) => [o.shopId, o.itemsFen, o.shippingFeeFen, o.totalFen]),
    [
      ['s1', 9970, 0, 9970],
      ['s2', 5000, 0, 5000],
    ],
  );
  assert.equal(shippingFee({ shopId: 's1', shippingFeeFen: 800, freeShippingOverFen: 9900 }, 9899), 800);
});

test('merging repeats of a SKU adds quantities and keeps the first attribution', () => {
  assert.deepEqual(
    mergeLines([
      { skuId: 'a', quantity: 1, attribution: { source: 'video' } },
      { skuId: 'a', quantity: 2, attribution: { source: 'shelf' } },
    ]),
    [{ skuId: 'a', quantity: 3, attribution: { source: 'video' } }],
  );
});

test('property: order totals are integers and add up to the sum of lines plus shipping', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          shop: fc.integer({ min: 0, max: 3 }),
          price: fc.integer({ min: 1, max: 1_000_000 }),
          qty: fc.integer({ min: 1, max: 999 }),
        }),
        { minLength: 1, maxLength: 20 },
      ),
      fc.integer({ min: 0, max: 2000 }),
      (lines, fee) => {
        const skus = new Map(lines.map((l, i) => [`k${i}`, sku(`k${i}`, `s${l.shop}`, l.price)]));
        const shops = new Map(
          [0, 1, 2, 3].map((i) => [
            `s${i}`,
            { shopId: `s${i}`, shippingFeeFen: fee, freeShippingOverFen: i % 2 ? 50_000 : null },
          ]),
        );
        const orders = priceOrders(
          lines.map((l, i) => ({ skuId: `k${i}`, quantity: l.qty, attribution: { source: 'shelf' as const } })),
          skus,
          shops,
        );
        const items = lines.reduce((s, l) => s + l.price * l.qty, 0);
        const total = orders.reduce((s, o) => s + o.totalFen, 0);
        const shipping = orders.reduce((s, o) => s + o.shippingFeeFen, 0);
        assert.equal(total, items + shipping);
        assert.equal(new Set(orders.map((o) => o.shopId)).size, orders.length);
        for (const o of orders) assert.ok(Number.isSafeInteger(o.totalFen));
      },
    ),
  );
});
