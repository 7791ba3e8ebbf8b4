import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withCashierLanguage } from './cashier-language';

test('the cashier link carries the UI language', () => {
  assert.equal(withCashierLanguage('/api/v1/payments/pay_1/cashier', 'en'), '/api/v1/payments/pay_1/cashier?lang=en');
  assert.equal(
    withCashierLanguage('/api/v1/payments/pay_1/cashier?lang=en', 'zh-CN'),
    '/api/v1/payments/pay_1/cashier?lang=zh-CN',
  );
  assert.equal(withCashierLanguage('https://pay.example.com/c?x=1', 'fr'), 'https://pay.example.com/c?x=1&lang=zh-CN');
});
