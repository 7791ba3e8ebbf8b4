import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountKind, checkPayout, isPayoutOpen, newRequestKey, parseYuan, payoutKindOf } from './money-rules';

test('parseYuan reads ¥ with at most two decimals into integer fen', () => {
  assert.equal(parseYuan('12'), 1200);
  assert.equal(parseYuan('12.5'), 1250);
  assert.equal(parseYuan('¥ 0.07'), 7);
  assert.equal(parseYuan('1,234.56'), 123456);
  assert.equal(parseYuan('0.1'), 10);
  for (const bad of ['', '-1', '1.234', 'abc', '1e3', '.5', '12.']) assert.equal(parseYuan(bad), null, bad);
});

test('checkPayout: minimum ¥1, never above available', () => {
  assert.deepEqual(checkPayout('', 1000), { ok: false, reason: 'empty' });
  assert.deepEqual(checkPayout('x', 1000), { ok: false, reason: 'format' });
  assert.deepEqual(checkPayout('0.99', 1000), { ok: false, reason: 'belowMinimum' });
  assert.deepEqual(checkPayout('1', 1000), { ok: true, amountFen: 100 });
  assert.deepEqual(checkPayout('10.00', 1000), { ok: true, amountFen: 1000 });
  assert.deepEqual(checkPayout('10.01', 1000), { ok: false, reason: 'exceedsAvailable' });
  assert.deepEqual(checkPayout('5', -300), { ok: false, reason: 'exceedsAvailable' });
  assert.deepEqual(checkPayout('2000000', 1e12), { ok: false, reason: 'tooLarge' });
});

test('request keys match the server pattern and differ', () => {
  const a = newRequestKey(1_795_000_000_000);
  const b = newRequestKey(1_795_000_000_000);
  assert.match(a, /^[A-Za-z0-9_-]{1,64}$/);
  assert.notEqual(a, b);
});

test('account kinds', () => {
  assert.equal(accountKind('merchant_available:shp_1'), 'merchant_available');
  assert.equal(accountKind('platform_fee_revenue'), 'platform_fee_revenue');
  assert.equal(payoutKindOf('creator_available:usr_1'), 'creator');
  assert.equal(payoutKindOf('clearing:shp_1'), null);
  assert.ok(isPayoutOpen('submitted'));
  assert.ok(!isPayoutOpen('succeeded'));
});
