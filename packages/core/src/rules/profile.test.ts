import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyRulePatch, checkRuleProfile, DEFAULT_RULES, orderRules, profileFromStored } from './profile.js';
import { lateShipmentCompensationFen } from './compensation.js';

test('the defaults are the rules table of the product spec', () => {
  assert.equal(DEFAULT_RULES.unpaidCancelMinutes, 15);
  assert.equal(DEFAULT_RULES.flashSaleUnpaidCancelMinutes, 5);
  assert.equal(DEFAULT_RULES.shipByHours, 48);
  assert.deepEqual(DEFAULT_RULES.lateShipment, {
    compensationBp: 500,
    minFen: 300,
    maxFen: 5000,
    violationMilliPoints: 100,
  });
  assert.equal(DEFAULT_RULES.refundResponseHours, 48);
  assert.equal(DEFAULT_RULES.fastRefundMaxFen, 30_000);
  assert.equal(DEFAULT_RULES.fastRefundWithinHours, 6);
  assert.equal(DEFAULT_RULES.afterSalesResponseHours, 48);
  assert.equal(DEFAULT_RULES.returnShipDays, 7);
  assert.equal(DEFAULT_RULES.returnConfirmHours, 48);
  assert.equal(DEFAULT_RULES.freshClaimHours, 48);
  assert.equal(DEFAULT_RULES.autoConfirmDays, 7);
  assert.equal(DEFAULT_RULES.settleWindowDays, 7);
  assert.equal(DEFAULT_RULES.sevenDayNoReason, true);
  assert.deepEqual(checkRuleProfile(DEFAULT_RULES), DEFAULT_RULES);
});

test('validation names the first bad field and refuses 7-day no-reason on perishables', () => {
  assert.throws(() => checkRuleProfile({ ...DEFAULT_RULES, shipByHours: 0 }), {
    code: 'INVALID_INPUT',
    details: { field: 'shipByHours' },
  });
  assert.throws(() => checkRuleProfile({ ...DEFAULT_RULES, autoConfirmDays: 1.5 }), {
    details: { field: 'autoConfirmDays' },
  });
  assert.throws(() => checkRuleProfile({ ...DEFAULT_RULES, sevenDayNoReason: 'yes' as unknown as boolean }), {
    details: { field: 'sevenDayNoReason' },
  });
  assert.throws(
    () => checkRuleProfile({ ...DEFAULT_RULES, lateShipment: { ...DEFAULT_RULES.lateShipment, minFen: 6000 } }),
    { details: { field: 'lateShipment.minFen' } },
  );
  assert.throws(() => checkRuleProfile({ ...DEFAULT_RULES, perishable: true, sevenDayNoReason: true }), {
    details: { field: 'sevenDayNoReason' },
  });
  const patched = applyRulePatch(DEFAULT_RULES, { shipByHours: 24, lateShipment: { maxFen: 8000 } });
  assert.equal(patched.shipByHours, 24);
  assert.deepEqual(patched.lateShipment, { ...DEFAULT_RULES.lateShipment, maxFen: 8000 });
  assert.equal(DEFAULT_RULES.shipByHours, 48, 'the defaults are never changed');
});

test('a stored profile is read leniently; an order takes the strictest merchant deadline and the most generous buyer window', () => {
  assert.equal(profileFromStored({ shipByHours: 'x', autoConfirmDays: 10, junk: 1 }).autoConfirmDays, 10);
  assert.equal(profileFromStored({ shipByHours: 'x' }).shipByHours, 48);
  const fruit = { ...DEFAULT_RULES, shipByHours: 24, perishable: true, sevenDayNoReason: false, freshClaimHours: 48 };
  const tea = { ...DEFAULT_RULES, shipByHours: 72, autoConfirmDays: 10 };
  const o = orderRules([fruit, tea]);
  assert.equal(o.shipByHours, 24);
  assert.equal(o.autoConfirmDays, 10);
  assert.equal(o.perishable, true);
  assert.equal(o.sevenDayNoReason, false);
});

test('late-shipment compensation: 5 % of the paid amount, at least ¥3, at most ¥50, never above the amount paid', () => {
  const rule = DEFAULT_RULES.lateShipment;
  assert.equal(lateShipmentCompensationFen(10_000, rule), 500); // ¥100 → ¥5
  assert.equal(lateShipmentCompensationFen(2_990, rule), 300); // ¥29.90 → 5 % is ¥1.50, the floor is ¥3
  assert.equal(lateShipmentCompensationFen(200_000, rule), 5_000); // ¥2000 → capped at ¥50
  assert.equal(lateShipmentCompensationFen(6_010, rule), 301); // 300.5 rounds half up
  assert.equal(lateShipmentCompensationFen(200, rule), 200); // ¥2 paid: never more than paid
  assert.equal(lateShipmentCompensationFen(0, rule), 0);
  assert.equal(lateShipmentCompensationFen(10_000, { ...rule, compensationBp: 0, minFen: 0 }), 0);
});
