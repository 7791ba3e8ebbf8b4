import assert from 'node:assert/strict';
import { test } from 'node:test';
import en from './affiliate.en';
import zhCN from './affiliate.zh-CN';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value)
    .flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    .sort();
}

test('the creator-economy screens have every string in both languages', () => {
  assert.deepEqual(keys(en), keys(zhCN));
});

test('every refusal the creator-economy API answers with has its own message', () => {
  const codes = [
    'RATE_OUT_OF_RANGE',
    'CUT_TOO_DEEP',
    'CUT_TOO_FREQUENT',
    'PLAN_CLOSED',
    'PLAN_NOT_ACTIVE',
    'PLAN_EXISTS',
    'SELF_COMMISSION',
    'PRODUCT_NOT_OPEN',
    'PRODUCT_UNAVAILABLE',
    'ANCHORS_FULL',
    'SERVICE_FEE_OUT_OF_RANGE',
    'SERVICE_FEE_ABOVE_FLOOR',
    'SHARE_OUT_OF_RANGE',
    'LINK_EXPIRED',
    'MCN_CONTRACT_OVERLAP',
  ];
  for (const code of codes)
    assert.ok(
      (zhCN.affiliate.errors as Record<string, string>)[code] && (en.affiliate.errors as Record<string, string>)[code],
      `${code} has a message`,
    );
  for (const kind of ['general', 'targeted', 'exclusive', 'colonel'] as const)
    assert.ok(zhCN.affiliate.kind[kind] && en.affiliate.kind[kind], `plan kind ${kind} is labelled`);
});
