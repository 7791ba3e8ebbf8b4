import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RULES } from '../rules/index.js';
import { checkEligibility, eligibleTypes, lineRuleProfile, type LineFacts } from './eligibility.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = 1_800_000_000_000;
const rules = { ...DEFAULT_RULES, lateShipment: { ...DEFAULT_RULES.lateShipment } };
const paid: LineFacts = {
  orderStatus: 'paid',
  deliveredAt: null,
  completedAt: null,
  lineShipped: false,
  refundableFen: 2990,
  perishable: false,
  rules,
  openCase: false,
  hadFreshClaim: false,
};
const deliveredAt = NOW - 2 * HOUR;
const delivered: LineFacts = { ...paid, orderStatus: 'delivered', lineShipped: true, deliveredAt };
const fresh: LineFacts = {
  ...delivered,
  perishable: true,
  rules: { ...rules, sevenDayNoReason: false, perishable: true },
};

const code = (v: ReturnType<typeof checkEligibility>) => (v.ok ? 'ok' : v.code);

test('before shipping only a refund; after shipping refunds, returns and exchanges; fresh claims for perishables only', () => {
  assert.deepEqual(eligibleTypes(paid, NOW), ['refund_unshipped']);
  assert.deepEqual(eligibleTypes(delivered, NOW), ['refund_only', 'return_refund', 'exchange']);
  assert.deepEqual(eligibleTypes(fresh, NOW), ['refund_only', 'return_refund', 'exchange', 'fresh_claim']);
  assert.deepEqual(
    eligibleTypes({ ...paid, lineShipped: true }, NOW),
    ['refund_only', 'return_refund', 'exchange'],
    'a shipped line of a partly shipped order',
  );
  for (const status of ['unpaid', 'cancelled'])
    assert.deepEqual(eligibleTypes({ ...paid, orderStatus: status }, NOW), []);
  assert.equal(code(checkEligibility('refund_unshipped', 'changed_mind', delivered, NOW)), 'NOT_ELIGIBLE');
  assert.equal(code(checkEligibility('fresh_claim', 'spoiled', delivered, NOW)), 'NOT_ELIGIBLE');
  assert.equal(
    code(checkEligibility('refund_only', 'missing', { ...delivered, refundableFen: 0 }, NOW)),
    'NOT_ELIGIBLE',
  );
});

test('one open case per line, one fresh claim per line ever', () => {
  assert.equal(code(checkEligibility('refund_only', 'missing', { ...delivered, openCase: true }, NOW)), 'CASE_EXISTS');
  assert.equal(code(checkEligibility('fresh_claim', 'spoiled', { ...fresh, hadFreshClaim: true }, NOW)), 'CASE_EXISTS');
  assert.equal(code(checkEligibility('refund_only', 'quality', { ...fresh, hadFreshClaim: true }, NOW)), 'ok');
  assert.deepEqual(eligibleTypes({ ...fresh, openCase: true }, NOW), []);
});

test('windows: fresh claims within freshClaimHours of delivery, 7-day no-reason within 7 days and never for perishables, nothing after the settlement window', () => {
  assert.equal(code(checkEligibility('fresh_claim', 'spoiled', { ...fresh, deliveredAt: NOW - 48 * HOUR }, NOW)), 'ok');
  assert.equal(
    code(checkEligibility('fresh_claim', 'spoiled', { ...fresh, deliveredAt: NOW - 48 * HOUR - 1 }, NOW)),
    'CLAIM_WINDOW_CLOSED',
  );
  assert.equal(
    code(
      checkEligibility(
        'fresh_claim',
        'spoiled',
        { ...fresh, rules: { ...fresh.rules, freshClaimHours: 72 }, deliveredAt: NOW - 60 * HOUR },
        NOW,
      ),
    ),
    'ok',
  );
  assert.equal(
    code(checkEligibility('fresh_claim', 'spoiled', { ...fresh, orderStatus: 'shipped', deliveredAt: null }, NOW)),
    'NOT_ELIGIBLE',
  );
  assert.equal(code(checkEligibility('return_refund', 'no_reason', delivered, NOW)), 'ok');
  assert.equal(
    code(checkEligibility('return_refund', 'no_reason', { ...delivered, deliveredAt: NOW - 7 * DAY - 1 }, NOW)),
    'CLAIM_WINDOW_CLOSED',
  );
  assert.equal(code(checkEligibility('return_refund', 'no_reason', fresh, NOW)), 'NOT_ELIGIBLE');
  assert.equal(
    code(
      checkEligibility('exchange', 'no_reason', { ...delivered, rules: { ...rules, sevenDayNoReason: false } }, NOW),
    ),
    'NOT_ELIGIBLE',
  );
  assert.equal(code(checkEligibility('refund_only', 'no_reason', delivered, NOW)), 'NOT_ELIGIBLE');
  assert.equal(
    code(
      checkEligibility(
        'return_refund',
        'quality',
        { ...delivered, orderStatus: 'completed', completedAt: NOW - 7 * DAY },
        NOW,
      ),
    ),
    'ok',
  );
  assert.equal(
    code(
      checkEligibility(
        'return_refund',
        'quality',
        { ...delivered, orderStatus: 'completed', completedAt: NOW - 7 * DAY - 1 },
        NOW,
      ),
    ),
    'CLAIM_WINDOW_CLOSED',
  );
});

test("a line's rules: its own snapshot, else its order's; perishable lines never carry 7-day no-reason", () => {
  const own = lineRuleProfile(
    JSON.stringify({ ...rules, freshClaimHours: 24 }),
    JSON.stringify({ ...rules, freshClaimHours: 72 }),
    0,
  );
  assert.equal(own.rules.freshClaimHours, 24);
  assert.equal(lineRuleProfile('{}', JSON.stringify({ ...rules, freshClaimHours: 72 }), 0).rules.freshClaimHours, 72);
  const p = lineRuleProfile('{}', '{}', 1);
  assert.equal(p.perishable, true);
  assert.equal(p.rules.sevenDayNoReason, false);
});
