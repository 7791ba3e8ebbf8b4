import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoInLanguage } from './memo-text';

test('a platform memo shows the half in the reader’s language', () => {
  assert.deepEqual(memoInLanguage('订单结算 / order settled', 'zh-CN'), { text: '订单结算', written: false });
  assert.deepEqual(memoInLanguage('订单结算 / order settled', 'en'), { text: 'order settled', written: false });
  assert.deepEqual(memoInLanguage('结算后退款追回 / refund after settlement of ord_01abc', 'en'), {
    text: 'refund after settlement of ord_01abc',
    written: false,
  });
  assert.deepEqual(memoInLanguage('提现失败退回 / payout failed: account closed', 'zh-CN'), {
    text: '提现失败退回',
    written: false,
  });
});

test('a memo a person wrote is shown as written', () => {
  assert.deepEqual(memoInLanguage('客户投诉补偿', 'en'), { text: '客户投诉补偿', written: true });
  assert.deepEqual(memoInLanguage('goodwill for a late parcel', 'zh-CN'), {
    text: 'goodwill for a late parcel',
    written: true,
  });
  assert.deepEqual(memoInLanguage('A / B', 'zh-CN'), { text: 'A / B', written: true });
});
