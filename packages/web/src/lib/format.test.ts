import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount, formatMonthDay } from './format.ts';
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

test('formatMonthDay gives the Shanghai calendar day as MM-DD', () => {
  // 2026-12-02T16:30Z is already 12-03 00:30 in Shanghai.
  assert.equal(formatMonthDay(Date.UTC(2026, 11, 2, 16, 30)), '12-03');
  assert.equal(formatMonthDay(Date.UTC(2026, 11, 2, 15, 59)), '12-02');
  assert.equal(formatMonthDay(Date.UTC(2026, 0, 5, 12, 0), 'UTC'), '01-05');
});
