import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advances } from './tracking-status.js';
import { deliveredScanPlan, sandboxCarrierSpeed, sandboxScanPlan } from './sandbox-schedule.js';
import { fitsWaybillFormat, WAYBILL_FORMATS, waybillFormat, waybillNumber } from './waybill-formats.js';
import { isLateDispatch } from '../rules/index.js';

const HOUR = 3_600_000;

test('a parcel only moves forward; delivered after an exception is allowed, not the reverse', () => {
  assert.equal(advances(null, 'collected'), true);
  assert.equal(advances('in_transit', 'collected'), false);
  assert.equal(advances('in_transit', 'in_transit'), false);
  assert.equal(advances('exception', 'delivered'), true);
  assert.equal(advances('delivered', 'exception'), false);
});

test('the sandbox schedule is deterministic, in order, in the documented ranges, and SANDBOX_CARRIER_SPEED divides it', () => {
  for (const no of ['SBX1', 'SBX2', 'SF123456', 'YT9-EXC']) {
    const plan = sandboxScanPlan(no, 0);
    assert.deepEqual(plan, sandboxScanPlan(no, 0));
    assert.deepEqual(
      plan.map((p) => p.status),
      ['collected', 'in_transit', 'out_for_delivery', no.endsWith('-EXC') ? 'exception' : 'delivered'],
    );
    for (let i = 1; i < plan.length; i++) assert.ok(plan[i]!.at > plan[i - 1]!.at);
    assert.ok(plan[0]!.at >= 2 * HOUR && plan[0]!.at <= 6 * HOUR);
    assert.ok(plan[3]!.at - plan[0]!.at >= 24 * HOUR && plan[3]!.at - plan[0]!.at <= 72 * HOUR);
    const fast = sandboxScanPlan(no, 0, 3600);
    assert.ok(Math.abs(fast[3]!.at - plan[3]!.at / 3600) < 5);
  }
  assert.equal(sandboxCarrierSpeed({ SANDBOX_CARRIER_SPEED: '60' }), 60);
  assert.equal(sandboxCarrierSpeed({ SANDBOX_CARRIER_SPEED: 'fast' }), 1);
  assert.equal(sandboxCarrierSpeed({}), 1);
});

test('dispatch for ship-by: the first scan with a scanning carrier, the ship action otherwise', () => {
  const base = { shipByAt: 100, shippedAt: 50, dispatchedAt: null, tracked: false };
  assert.equal(isLateDispatch({ ...base, status: 'paid' }), true);
  assert.equal(isLateDispatch({ ...base, status: 'shipped' }), false);
  assert.equal(isLateDispatch({ ...base, status: 'shipped', shippedAt: 101 }), true);
  assert.equal(isLateDispatch({ ...base, status: 'shipped', tracked: true }), true, 'labelled but never collected');
  assert.equal(isLateDispatch({ ...base, status: 'shipped', tracked: true, dispatchedAt: 100 }), false);
  assert.equal(isLateDispatch({ ...base, status: 'delivered', tracked: true, dispatchedAt: 101 }), true);
});

test('waybill numbers follow their carrier: one table, each row makes numbers it accepts, and no carrier takes another one’s', () => {
  for (const f of WAYBILL_FORMATS) {
    assert.match(f.example, f.pattern, `${f.carrier} example`);
    for (const serial of [0, 1, 7919, 1_400_007_919, 9_999_999_999]) {
      const no = waybillNumber(f.carrier, serial);
      assert.match(no, f.pattern, `${f.carrier} ${no}`);
      assert.match(no, /^[A-Za-z0-9-]{6,40}$/, 'and shipOrder takes it');
      assert.equal(waybillNumber(f.code, serial), no, 'by code as by name');
    }
    assert.notEqual(waybillNumber(f.carrier, 1), waybillNumber(f.carrier, 2));
  }
  assert.match(waybillNumber('顺丰速运', 42), /^SF\d{13}$/);
  assert.match(waybillNumber('中通快递', 42), /^[57]\d{11}$/);
  assert.match(waybillNumber('圆通速递', 42), /^YT\d{13}$/);
  assert.equal(fitsWaybillFormat('中通快递', 'SF1400011081'), false, 'a 中通 parcel never carries a 顺丰 number');
  assert.equal(fitsWaybillFormat('顺丰速运', waybillNumber('中通快递', 5)), false);
  assert.equal(fitsWaybillFormat('中通快递', '731062985471'), true);
  assert.equal(fitsWaybillFormat('sandbox', 'ANY-123'), true, 'carriers outside the table are not judged');
  assert.equal(waybillFormat('zto')?.carrier, '中通快递');
  assert.throws(() => waybillNumber('unknown', 1));
});

test('a delivered parcel’s scans: collected, in transit, out for delivery, delivered, in order within the span, the last at delivery', () => {
  const shippedAt = 1_700_000_000_000;
  for (const no of ['SF1400000007919', '731062985471', 'YT6700000000001-EXC']) {
    for (const span of [4, 3 * HOUR, 48 * HOUR, 10 * 24 * HOUR]) {
      const scans = deliveredScanPlan(no, shippedAt, shippedAt + span);
      assert.deepEqual(
        scans.map((s) => s.status),
        ['collected', 'in_transit', 'out_for_delivery', 'delivered'],
      );
      assert.ok(scans[0]!.at > shippedAt);
      for (let i = 1; i < scans.length; i++)
        assert.ok(scans[i]!.at > scans[i - 1]!.at, `${no} ${span}: scan ${i} after scan ${i - 1}`);
      assert.equal(scans[3]!.at, shippedAt + span);
      assert.deepEqual(scans, deliveredScanPlan(no, shippedAt, shippedAt + span), 'deterministic');
    }
  }
  const two = deliveredScanPlan('SF1400000007919', shippedAt, shippedAt + 48 * HOUR);
  assert.ok(
    two[0]!.at - shippedAt >= HOUR && two[0]!.at - shippedAt <= 6 * HOUR,
    'collected within hours of the label',
  );
  assert.throws(() => deliveredScanPlan('SF1', shippedAt, shippedAt));
});
