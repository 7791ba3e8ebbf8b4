import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RuleBook, RuleProfile } from '../../ops-api';
import {
  BOOL_FIELDS,
  checkRules,
  fromDisplay,
  isOverridden,
  NUM_FIELDS,
  overriddenKeys,
  rulesPatch,
  toDisplay,
  valueOf,
  withValue,
} from './rule-fields';

/** A rule book in the shape GET /admin/rules/categories sends (the server's test checks it is the platform's own). */
const BOOK: RuleBook = {
  defaults: {
    unpaidCancelMinutes: 15,
    flashSaleUnpaidCancelMinutes: 5,
    shipByHours: 48,
    lateShipment: { compensationBp: 500, minFen: 300, maxFen: 5000, violationMilliPoints: 100 },
    refundResponseHours: 48,
    fastRefundMaxFen: 30_000,
    fastRefundWithinHours: 6,
    afterSalesResponseHours: 48,
    returnShipDays: 7,
    returnConfirmHours: 48,
    freshClaimHours: 48,
    autoConfirmDays: 7,
    settleWindowDays: 7,
    sevenDayNoReason: true,
    perishable: false,
    feeRateBp: 500,
  },
  bounds: {
    unpaidCancelMinutes: [1, 1440],
    flashSaleUnpaidCancelMinutes: [1, 1440],
    shipByHours: [1, 2160],
    refundResponseHours: [1, 720],
    fastRefundMaxFen: [0, 100_000_000],
    fastRefundWithinHours: [0, 720],
    afterSalesResponseHours: [1, 720],
    returnShipDays: [1, 60],
    returnConfirmHours: [1, 720],
    freshClaimHours: [1, 720],
    autoConfirmDays: [1, 60],
    settleWindowDays: [0, 90],
    feeRateBp: [0, 10_000],
    'lateShipment.compensationBp': [0, 10_000],
    'lateShipment.minFen': [0, 100_000_000],
    'lateShipment.maxFen': [0, 100_000_000],
    'lateShipment.violationMilliPoints': [0, 12_000],
  },
};

const defaults = (): RuleProfile => ({ ...BOOK.defaults, lateShipment: { ...BOOK.defaults.lateShipment } });
const checkRulesOf = (p: RuleProfile) => checkRules(BOOK, p);

test('every rule of the profile has exactly one field, and every whole-number field has bounds in the book', () => {
  const p = defaults();
  assert.deepEqual(checkRulesOf(p), {});
  assert.deepEqual(overriddenKeys(BOOK, p), []);
  const keys = NUM_FIELDS.map((f) => f.key);
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(
    keys.length,
    Object.values(p).filter((v) => typeof v === 'number').length + Object.keys(p.lateShipment).length,
  );
  assert.deepEqual([...keys].sort(), Object.keys(BOOK.bounds).sort());
  assert.equal(BOOL_FIELDS.length, Object.values(p).filter((v) => typeof v === 'boolean').length);
});

test('overrides are marked against the defaults; 7-day no-reason follows perishability', () => {
  let p = withValue(defaults(), 'shipByHours', 24);
  p = withValue(p, 'lateShipment.maxFen', 8000);
  assert.deepEqual(overriddenKeys(BOOK, p), ['shipByHours', 'lateShipment.maxFen']);
  const fresh = withValue(defaults(), 'perishable', true);
  assert.equal(fresh.sevenDayNoReason, false, 'perishable turns 7-day no-reason off');
  assert.equal(isOverridden(BOOK, fresh, 'sevenDayNoReason'), false, 'inherited for perishable goods');
  assert.equal(isOverridden(BOOK, fresh, 'perishable'), true);
  assert.equal(withValue(fresh, 'perishable', false).sevenDayNoReason, true);
  assert.equal(valueOf(p, 'lateShipment.maxFen'), 8000);
  assert.equal(defaults().lateShipment.maxFen, 5000, 'withValue does not change its input');
});

test('checkRules mirrors the server: bounds, whole numbers, min ≤ max, no 7-day returns for perishables', () => {
  assert.deepEqual(checkRulesOf(withValue(defaults(), 'shipByHours', 0)), {
    shipByHours: { code: 'range', min: 1, max: 2160 },
  });
  assert.deepEqual(checkRulesOf(withValue(defaults(), 'shipByHours', 2161)), {
    shipByHours: { code: 'range', min: 1, max: 2160 },
  });
  assert.deepEqual(checkRulesOf(withValue(defaults(), 'shipByHours', 2160)), {});
  assert.deepEqual(checkRulesOf(withValue(defaults(), 'returnShipDays', 2.5)), { returnShipDays: { code: 'whole' } });
  assert.deepEqual(checkRulesOf(withValue(defaults(), 'settleWindowDays', 0)), {});
  assert.deepEqual(checkRulesOf(withValue(defaults(), 'lateShipment.minFen', 6000)), {
    'lateShipment.minFen': { code: 'minAboveMax' },
  });
  const bad = { ...withValue(defaults(), 'perishable', true), sevenDayNoReason: true };
  assert.deepEqual(checkRulesOf(bad), { sevenDayNoReason: { code: 'perishableNoReason' } });
});

test('units: fen as ¥, basis points as %, thousandths as points, and back without drift', () => {
  assert.equal(toDisplay('fen', 5000), 50);
  assert.equal(toDisplay('bp', 500), 5);
  assert.equal(toDisplay('milliPoints', 100), 0.1);
  assert.equal(toDisplay('hours', 48), 48);
  assert.equal(fromDisplay('fen', 0.29), 29);
  assert.equal(fromDisplay('bp', 5.55), 555);
  assert.equal(fromDisplay('milliPoints', 0.3), 300);
  for (const fen of [1, 29, 57, 1999, 30_000, 100_000_000])
    assert.equal(fromDisplay('fen', toDisplay('fen', fen)), fen);
});

test('rulesPatch sends only what changed, late-shipment fields nested', () => {
  const before = defaults();
  assert.equal(rulesPatch(before, before), null);
  let after = withValue(before, 'shipByHours', 24);
  after = withValue(after, 'lateShipment.maxFen', 8000);
  after = withValue(after, 'perishable', true);
  assert.deepEqual(rulesPatch(before, after), {
    shipByHours: 24,
    sevenDayNoReason: false,
    perishable: true,
    lateShipment: { maxFen: 8000 },
  });
});
