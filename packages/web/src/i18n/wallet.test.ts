import assert from 'node:assert/strict';
import { test } from 'node:test';
import en from './wallet.en';
import zhCN from './wallet.zh-CN';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value)
    .flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    .sort();
}

test('the coupon wallet, favourites, cart selection and the cashier return have every string in both languages', () => {
  assert.deepEqual(keys(en), keys(zhCN));
  for (const tab of ['usable', 'used', 'expired'] as const) assert.ok(zhCN.wallet.tabs[tab] && en.wallet.tabs[tab]);
});
