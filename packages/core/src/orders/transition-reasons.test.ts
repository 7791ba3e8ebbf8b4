import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  reasonColumns,
  reasonOf,
  reasonText,
  TRANSITION_REASON_CODES,
  type TransitionReason,
} from './transition-reasons.js';

test('a reason is stored as its code, its parameters and its English sentence, and reads back the same', () => {
  const shipped: TransitionReason = { code: 'shipped', params: { parcels: 2 } };
  const cols = reasonColumns(shipped);
  assert.deepEqual(cols, { reason: 'shipped in 2 parcel(s)', reason_code: 'shipped', reason_params: '{"parcels":2}' });
  assert.deepEqual(reasonOf(cols), { code: 'shipped', params: { parcels: 2 } });
  assert.deepEqual(reasonOf(reasonColumns({ code: 'payment_captured' })), { code: 'payment_captured', params: {} });
  assert.deepEqual(reasonOf(reasonColumns({ code: 'cancelled_with_note', params: { note: '不想要了' } })), {
    code: 'cancelled_with_note',
    params: { note: '不想要了' },
  });
});

test('rows written before the codes map their known English sentences to codes', () => {
  const old = (reason: string) => reasonOf({ reason, reason_code: '', reason_params: '{}' });
  assert.deepEqual(old('flash sale order placed'), { code: 'flash_sale_order_placed', params: {} });
  assert.deepEqual(old('payment captured'), { code: 'payment_captured', params: {} });
  assert.deepEqual(old('shipped in 1 parcel(s)'), { code: 'shipped', params: { parcels: 1 } });
  assert.deepEqual(old('all parcels delivered (carrier scan)'), { code: 'carrier_scan_delivered', params: {} });
  assert.deepEqual(old('something a script wrote'), { code: 'legacy', params: { text: 'something a script wrote' } });
  // An unknown stored code (a newer server's) falls back to the sentence.
  assert.deepEqual(reasonOf({ reason: 'payment captured', reason_code: 'from_the_future', reason_params: '{}' }), {
    code: 'payment_captured',
    params: {},
  });
});

test('every code has an English sentence', () => {
  for (const code of TRANSITION_REASON_CODES) {
    const reason = (
      code === 'shipped'
        ? { code, params: { parcels: 1 } }
        : code === 'cancelled_with_note'
          ? { code, params: { note: 'n' } }
          : code === 'legacy'
            ? { code, params: { text: 't' } }
            : { code }
    ) as TransitionReason;
    assert.ok(reasonText(reason).length > 0, code);
  }
});
