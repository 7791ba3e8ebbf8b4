import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RuleProfile } from '../../ops-api';
import { checkRules, DEFAULT_RULES, fromDisplay, isOverridden, NUM_FIELDS, overriddenKeys, rulesPatch, toDisplay, valueOf, withValue } from './rule-fields';

const defaults = (): RuleProfile => ({ ...DEFAULT_RULES, lateShipment: { ...DEFAULT_RULES.lateShipment } });

test('the defaults are those of the platform rules table and pass validation', () => {
  const p = defaults();
  assert.equal(p.shipByHours, 48);
  assert.equal(p.unpaidCancelMinutes, 15);
  assert.deepEqual(p.lateShipment, { compensationBp: 500, minFen: 300, maxFen: 5000, violationMilliPoints: 100 });
  assert.equal(p.autoConfirmDays, 7);
  assert.deepEqual(checkRules(p), {});
  assert.deepEqual(overriddenKeys(p), []);
  // Every numeric field of the profile is listed exactly once.
  const keys = NUM_FIELDS.map((f) => f.key);
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(keys.length, Object.values(p).filter((v) => typeof v === 'number').length + Object.keys(p.lateShipment).length);
});

test('overrides are marked against the defaults; 7-day no-reason follows perishability', () => {
  let p = withValue(defaults(), 'shipByHours', 24);
  p = withValue(p, 'lateShipment.maxFen', 8000);
  assert.deepEqual(overriddenKeys(p), ['shipByHours', 'lateShipment.maxFen']);
  const fresh = withValue(defaults(), 'perishable', true);
  assert.equal(fresh.sevenDayNoReason, false, 'perishable turns 7-day no-reason off');
  assert.equal(isOverridden(fresh, 'sevenDayNoReason'), false, 'inherited for perishable goods');
  assert.equal(isOverridden(fresh, 'perishable'), true);
  assert.equal(withValue(fresh, 'perishable', false).sevenDayNoReason, true);
  assert.equal(valueOf(p, 'lateShipment.maxFen'), 8000);
  assert.equal(defaults().lateShipment.maxFen, 5000, 'withValue does not change its input');
});

test('checkRules mirrors the server: bounds, whole numbers, min ≤ max, no 7-day returns for perishables', () => {
  assert.deepEqual(checkRules(withValue(defaults(), 'shipByHours', 0)), { shipByHours: { code: 'range', min: 1, max: 2160 } });
  assert.deepEqual(checkRules(withValue(defaults(), 'shipByHours', 2161)), { shipByHours: { code: 'range', min: 1, max: 2160 } });
  assert.deepEqual(checkRules(withValue(defaults(), 'shipByHours', 2160)), {});
  assert.deepEqual(checkRules(withValue(defaults(), 'returnShipDays', 2.5)), { returnShipDays: { code: 'whole' } });
  assert.deepEqual(checkRules(withValue(defaults(), 'settleWindowDays', 0)), {});
  assert.deepEqual(checkRules(withValue(defaults(), 'lateShipment.minFen', 6000)), { 'lateShipment.minFen': { code: 'minAboveMax' } });
  const bad = { ...withValue(defaults(), 'perishable', true), sevenDayNoReason: true };
  assert.deepEqual(checkRules(bad), { sevenDayNoReason: { code: 'perishableNoReason' } });
});

test('units: fen as ¥, basis points as %, thousandths as points, and back without drift', () => {
  assert.equal(toDisplay('fen', 5000), 50);
  assert.equal(toDisplay('bp', 500), 5);
  assert.equal(toDisplay('milliPoints', 100), 0.1);
  assert.equal(toDisplay('hours', 48), 48);
  assert.equal(fromDisplay('fen', 0.29), 29);
  assert.equal(fromDisplay('bp', 5.55), 555);
  assert.equal(fromDisplay('milliPoints', 0.3), 300);
  for (const fen of [1, 29, 57, 1999, 30_000, 100_000_000]) assert.equal(fromDisplay('fen', toDisplay('fen', fen)), fen);
});

test('rulesPatch sends only what changed, late-shipment fields nested', () => {
  const before = defaults();
  assert.equal(rulesPatch(before, before), null);
  let after = withValue(before, 'shipByHours', 24);
  after = withValue(after, 'lateShipment.maxFen', 8000);
  after = withValue(after, 'perishable', true);
  assert.deepEqual(rulesPatch(before, after), { shipByHours: 24, sevenDayNoReason: false, perishable: true, lateShipment: { maxFen: 8000 } });
});
