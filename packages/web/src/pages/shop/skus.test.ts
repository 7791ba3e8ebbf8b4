import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type SkuChoice, initialSelection, isValueAvailable, priceRange, selectedSku } from './skus.ts';

const product: SkuChoice = {
  specOptions: [
    { name: '规格', values: ['5斤', '10斤'] },
    { name: '等级', values: ['大果', '中果'] },
  ],
  skus: [
    { id: 'a', specValues: ['5斤', '大果'], priceFen: 2990, originalPriceFen: null, stock: 0 },
    { id: 'b', specValues: ['5斤', '中果'], priceFen: 2590, originalPriceFen: null, stock: 3 },
    { id: 'c', specValues: ['10斤', '大果'], priceFen: 4990, originalPriceFen: 5990, stock: 1 },
    { id: 'd', specValues: ['10斤', '中果'], priceFen: 4590, originalPriceFen: null, stock: 0 },
  ],
};

test('chips without stock in the current combination are unavailable', () => {
  const none = initialSelection(product);
  assert.deepEqual(none, [null, null]);
  assert.equal(isValueAvailable(product, none, 0, '5斤'), true);
  assert.equal(isValueAvailable(product, ['5斤', null], 1, '大果'), false);
  assert.equal(isValueAvailable(product, ['5斤', null], 1, '中果'), true);
  assert.equal(isValueAvailable(product, [null, '中果'], 0, '10斤'), false);
});

test('a full selection names one SKU; the price range narrows with the choice', () => {
  assert.equal(selectedSku(product, ['5斤', null]), null);
  assert.equal(selectedSku(product, ['10斤', '大果'])?.id, 'c');
  const all = priceRange(product, [null, null]);
  assert.equal(all?.min.priceFen, 2590);
  assert.equal(all?.max.priceFen, 4990);
  assert.equal(priceRange(product, ['10斤', null])?.min.priceFen, 4590);
});

test('options with one value are chosen from the start', () => {
  const single = {
    ...product,
    specOptions: [{ name: '规格', values: ['1箱'] }],
    skus: [{ id: 'x', specValues: ['1箱'], priceFen: 100, originalPriceFen: null, stock: 2 }],
  };
  assert.deepEqual(initialSelection(single), ['1箱']);
  assert.equal(selectedSku(single, ['1箱'])?.id, 'x');
});
