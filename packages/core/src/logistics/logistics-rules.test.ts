import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advances } from './tracking-status.js';
import { sandboxCarrierSpeed, sandboxScanPlan } from './sandbox-schedule.js';
import { isLateDispatch } from '../rules/dispatch-rule.js';

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
    assert.deepEqual(plan.map((p) => p.status), ['collected', 'in_transit', 'out_for_delivery', no.endsWith('-EXC') ? 'exception' : 'delivered']);
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
