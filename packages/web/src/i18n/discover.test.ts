import assert from 'node:assert/strict';
import { test } from 'node:test';
import en from './discover.en';
import zhCN from './discover.zh-CN';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value)
    .flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    .sort();
}

test('the search tabs and the host sheet have every string in both languages', () => {
  assert.deepEqual(keys(en), keys(zhCN));
  for (const tab of ['products', 'videos', 'users', 'live'] as const) {
    assert.ok(zhCN.searchTabs.tabs[tab] && en.searchTabs.tabs[tab], tab);
    assert.match(zhCN.searchTabs.empty[tab], /\{\{q\}\}/);
    assert.match(en.searchTabs.empty[tab], /\{\{q\}\}/);
  }
});
