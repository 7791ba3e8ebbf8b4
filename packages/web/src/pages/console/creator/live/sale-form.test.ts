import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSaleForm, type SaleFormValues } from './sale-form';

const values: SaleFormValues = {
  skuId: 'k1',
  priceYuan: '9.9',
  quantity: 10,
  perPersonLimit: 2,
  startInMinutes: 0,
  durationMinutes: 10,
};
const sku = { priceFen: 1990, stock: 50 };

test('a valid form becomes the contract body with times from now', () => {
  const check = checkSaleForm(values, sku, 1_000_000);
  assert.deepEqual(check, {
    ok: true,
    input: { skuId: 'k1', priceFen: 990, quantity: 10, perPersonLimit: 2, startsAt: 1_000_000, endsAt: 1_600_000 },
  });
  const later = checkSaleForm({ ...values, startInMinutes: 5 }, sku, 0);
  assert.ok(later.ok && later.input.startsAt === 300_000 && later.input.endsAt === 900_000);
});

test('each bad field is named with its reason', () => {
  const reason = (v: Partial<SaleFormValues>, s = sku) => {
    const c = checkSaleForm({ ...values, ...v }, s, 0);
    return c.ok ? 'ok' : `${c.field}:${c.reason}`;
  };
  assert.equal(reason({ skuId: null }), 'skuId:sku');
  assert.equal(reason({ priceYuan: 'abc' }), 'priceYuan:price');
  assert.equal(reason({ priceYuan: '0' }), 'priceYuan:price');
  assert.equal(reason({ priceYuan: '19.90' }), 'priceYuan:notCheaper');
  assert.equal(reason({ priceYuan: '9.999' }), 'priceYuan:price');
  assert.equal(reason({ quantity: 0 }), 'quantity:quantity');
  assert.equal(reason({ quantity: 51 }), 'quantity:overStock');
  assert.equal(reason({ quantity: 2.5 }), 'quantity:quantity');
  assert.equal(reason({ perPersonLimit: 100 }), 'perPersonLimit:limit');
  assert.equal(reason({ durationMinutes: null }), 'durationMinutes:duration');
  assert.equal(reason({ durationMinutes: 24 * 60 + 1 }), 'durationMinutes:duration');
});
