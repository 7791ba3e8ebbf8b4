import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRequestKey, MAX_REQUEST_KEY_CHARS } from './request-key.js';

test('a money command’s request key: 1–64 letters, digits, "_" or "-", kept as sent', () => {
  for (const key of ['a', 'refund-2026_12_06', 'K'.repeat(MAX_REQUEST_KEY_CHARS)])
    assert.equal(checkRequestKey(key), key);
  for (const key of ['', 'K'.repeat(MAX_REQUEST_KEY_CHARS + 1), ' r1', 'r1 ', 'r:1', '退款1', null, undefined, 42])
    assert.throws(
      () => checkRequestKey(key),
      { code: 'INVALID_INPUT', details: { field: 'requestKey' } },
      JSON.stringify(key),
    );
});
