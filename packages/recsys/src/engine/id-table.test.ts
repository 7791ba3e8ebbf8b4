import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdTable } from './id-table.js';

test('every id gets its own row, growing the capacity when needed', () => {
  const table = new IdTable<string>(2);
  const grown: number[] = [];
  table.onGrow((cap) => grown.push(cap));
  const rows = ['a', 'b', 'c', 'd', 'e'].map((id, t) => table.acquire(id, t)[0]);
  assert.equal(new Set(rows).size, 5);
  assert.deepEqual(table.acquire('c', 9), [rows[2], false]);
  assert.equal(table.find('zzz'), -1);
  assert.equal(table.idOf(rows[4]!), 'e');
  assert.ok(table.capacity >= 5);
  assert.deepEqual(grown, [4, 8]);
  assert.equal(table.size, 5);
  assert.equal(table.rowCount, 5);
});

test('ids not seen since a time expire and their rows are reused', () => {
  const table = new IdTable<number>(4);
  table.acquire(1, 10);
  const [stale] = table.acquire(2, 5);
  table.acquire(3, 20);
  table.acquire(1, 30); // seen again: stays
  const versionBefore = table.version;
  assert.deepEqual(table.expire(15), [stale]);
  assert.ok(table.version > versionBefore);
  assert.equal(table.find(2), -1);
  assert.equal(table.find(1) >= 0 && table.find(3) >= 0, true);
  const [reused, isNew] = table.acquire(4, 40);
  assert.equal(reused, stale);
  assert.equal(isNew, true);
  assert.equal(table.lastSeenOf(table.find(1)), 30);
});

test('small integer ids and other ids live side by side; expiry frees both kinds', () => {
  const table = new IdTable<number | string>(2);
  const ids: Array<number | string> = [0, 7, 5_000_000, -3, 2.5, 'x', 2 ** 30];
  const rows = ids.map((id, t) => table.acquire(id, t)[0]);
  assert.equal(new Set(rows).size, ids.length);
  ids.forEach((id, k) => assert.equal(table.find(id), rows[k]));
  assert.equal(table.find(8), -1);
  assert.equal(table.find(-4), -1);
  assert.equal(table.size, ids.length);
  // Last seen at 0..6: expire those before 4 (0, 7, 5_000_000, -3).
  const freed = table.expire(4);
  assert.deepEqual(
    freed.sort((a, b) => a - b),
    rows.slice(0, 4).sort((a, b) => a - b),
  );
  for (const id of ids.slice(0, 4)) assert.equal(table.find(id), -1);
  for (const id of ids.slice(4)) assert.ok(table.find(id) >= 0);
  assert.equal(table.size, 3);
  assert.equal(table.acquire(7, 10)[1], true, 'an expired id is new again');
});
