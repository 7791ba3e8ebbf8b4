import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from './errors.js';
import { checkParcelRef, MAX_CARRIER_CHARS, MAX_TRACKING_NO_CHARS } from './parcel-refs.js';

/** The field a refused parcel reference names (INVALID_INPUT), or null when it is accepted. */
function refusedField(input: Parameters<typeof checkParcelRef>[0]): string | null {
  try {
    checkParcelRef(input);
    return null;
  } catch (e) {
    assert.ok(e instanceof DomainError);
    assert.equal(e.code, 'INVALID_INPUT');
    assert.equal(e.status, 400);
    return String(e.details.field);
  }
}

test('a parcel reference is trimmed and kept as typed otherwise: Chinese carrier names, spaces inside, "-" in numbers', () => {
  assert.deepEqual(checkParcelRef({ carrier: '  顺丰速运 ', trackingNo: ' SF1234567890 ' }), {
    carrier: '顺丰速运',
    trackingNo: 'SF1234567890',
  });
  assert.deepEqual(checkParcelRef({ carrier: 'JD Logistics_2', trackingNo: 'JD-0001-23' }), {
    carrier: 'JD Logistics_2',
    trackingNo: 'JD-0001-23',
  });
});

test('the bounds are inclusive: 2 and 30 characters of carrier, 6 and 40 of tracking number', () => {
  assert.equal(refusedField({ carrier: 'EM', trackingNo: 'A'.repeat(6) }), null);
  assert.equal(
    refusedField({ carrier: '中'.repeat(MAX_CARRIER_CHARS), trackingNo: '9'.repeat(MAX_TRACKING_NO_CHARS) }),
    null,
  );
  assert.equal(refusedField({ carrier: 'E', trackingNo: 'A'.repeat(6) }), 'carrier');
  assert.equal(refusedField({ carrier: 'E'.repeat(MAX_CARRIER_CHARS + 1), trackingNo: 'A'.repeat(6) }), 'carrier');
  assert.equal(refusedField({ carrier: 'EMS', trackingNo: 'A'.repeat(5) }), 'trackingNo');
  assert.equal(refusedField({ carrier: 'EMS', trackingNo: '9'.repeat(MAX_TRACKING_NO_CHARS + 1) }), 'trackingNo');
  assert.equal(refusedField({ carrier: ' E ', trackingNo: 'A'.repeat(6) }), 'carrier', 'spaces around do not count');
});

test('what the rule refuses: other characters, missing or non-text values; the carrier is named first', () => {
  assert.equal(refusedField({ carrier: 'SF<script>', trackingNo: 'SF123456' }), 'carrier');
  assert.equal(refusedField({ carrier: 'SF', trackingNo: 'SF 123456' }), 'trackingNo', 'no space inside a number');
  assert.equal(refusedField({ carrier: 'SF', trackingNo: 'SF_123456' }), 'trackingNo');
  assert.equal(refusedField({ carrier: 'SF', trackingNo: '顺丰123456' }), 'trackingNo');
  assert.equal(refusedField({ trackingNo: 'SF123456' }), 'carrier');
  assert.equal(refusedField({ carrier: 'SF', trackingNo: null }), 'trackingNo');
  assert.equal(refusedField({}), 'carrier');
  // @ts-expect-error a client's JSON can carry a number where text belongs: refused as invalid, not a TypeError
  assert.equal(refusedField({ carrier: 'SF', trackingNo: 12345678 }), 'trackingNo');
});
