import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextPriceSort, searchHref, sortOf, tabOf } from './search-params';

test('the tab and sort come from the address, unknown values fall back to the defaults', () => {
  assert.equal(tabOf('videos'), 'videos');
  assert.equal(tabOf('shops'), 'products');
  assert.equal(tabOf(null), 'products');
  assert.equal(sortOf('price_desc'), 'price_desc');
  assert.equal(sortOf('cheapest'), 'relevance');
});

test('价格 starts cheapest first and flips on every tap', () => {
  assert.equal(nextPriceSort('relevance'), 'price_asc');
  assert.equal(nextPriceSort('sales'), 'price_asc');
  assert.equal(nextPriceSort('price_asc'), 'price_desc');
  assert.equal(nextPriceSort('price_desc'), 'price_asc');
});

test('the address keeps only what differs from the defaults', () => {
  assert.equal(searchHref('茶', 'products', 'relevance'), '/app/search?q=%E8%8C%B6');
  assert.equal(searchHref('cha', 'products', 'price_asc'), '/app/search?q=cha&sort=price_asc');
  assert.equal(searchHref('cha', 'live', 'price_asc'), '/app/search?q=cha&tab=live', 'a sort belongs to products only');
});
