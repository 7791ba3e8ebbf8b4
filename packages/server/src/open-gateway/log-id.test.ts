import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newLogId } from './log-id.js';

test('log_id: the UTC second in 14 digits, then 16 hex digits that differ across the random pool refills', () => {
  const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
  const ids = Array.from({ length: 2_000 }, () => newLogId(at));
  for (const id of ids) assert.match(id, /^20260102030405[0-9a-f]{16}$/);
  assert.equal(new Set(ids).size, ids.length);
  assert.match(newLogId(at + 1_000), /^20260102030406[0-9a-f]{16}$/);
});
