import assert from 'node:assert/strict';
import { test } from 'node:test';
import en from './ops.en';
import zhCN from './ops.zh-CN';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value)
    .flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    .sort();
}

test('the ops screens have every string in both languages', () => {
  assert.deepEqual(keys(en), keys(zhCN));
  for (const kind of [
    'pay_by',
    'ship_by',
    'auto_confirm',
    'refund_response',
    'aftersales_response',
    'return_ship',
    'return_confirm',
    'aftersales_counter_reply',
  ]) {
    assert.ok(zhCN.ops.deadlines.kind[kind] && en.ops.deadlines.kind[kind], `deadline kind ${kind} is labelled`);
  }
});
