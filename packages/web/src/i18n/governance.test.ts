import assert from 'node:assert/strict';
import { test } from 'node:test';
import en from './governance.en';
import zhCN from './governance.zh-CN';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value)
    .flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    .sort();
}

test('the rule book screen has every string in both languages, a label for each class and severity', () => {
  assert.deepEqual(keys(en), keys(zhCN));
  for (const c of ['absolute', 'medical', 'diversion', 'bait', 'prohibited'] as const)
    assert.ok(zhCN.governance.classes[c] && en.governance.classes[c], c);
  for (const s of ['reject', 'review', 'warn'] as const)
    assert.ok(zhCN.governance.severities[s] && en.governance.severities[s], s);
});
