import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount } from './format.ts';
import { safeNext } from './next.ts';

test('formatCount uses 万 and 亿 in Chinese', () => {
  assert.equal(formatCount(9999, 'zh-CN'), '9999');
  assert.equal(formatCount(12_000, 'zh-CN'), '1.2万');
  assert.equal(formatCount(10_000, 'zh-CN'), '1万');
  assert.equal(formatCount(340_000_000, 'zh-CN'), '3.4亿');
  assert.equal(formatCount(12_000, 'en'), '12K');
});

test('safeNext accepts only same-origin paths', () => {
  assert.equal(safeNext('/app/product/prd_1'), '/app/product/prd_1');
  assert.equal(safeNext('//evil.example'), '/app');
  assert.equal(safeNext('https://evil.example'), '/app');
  assert.equal(safeNext('/\\evil.example'), '/app');
  assert.equal(safeNext(null, '/me'), '/me');
});
