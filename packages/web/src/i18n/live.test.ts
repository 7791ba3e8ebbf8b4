import assert from 'node:assert/strict';
import { test } from 'node:test';
import en from './live.en';
import zhCN from './live.zh-CN';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value)
    .flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    .sort();
}

test('the live room and the host panel have every string in both languages', () => {
  assert.deepEqual(keys(en), keys(zhCN));
  for (const code of ['SALE_SOLD_OUT', 'SALE_LIMIT_REACHED', 'SALE_NOT_OPEN', 'COMMENT_TOO_FAST', 'ROOM_NOT_LIVE']) {
    assert.ok(zhCN.live.errors[code as keyof typeof zhCN.live.errors], `error ${code} is worded`);
  }
});
