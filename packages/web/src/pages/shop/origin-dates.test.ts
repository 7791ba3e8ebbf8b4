import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shanghaiDay, shanghaiDayStart } from './origin-dates.ts';

test('Shanghai days: 16:00 UTC is the next day’s midnight', () => {
  assert.equal(shanghaiDay(Date.UTC(2026, 10, 19, 15, 59, 59)), '2026-11-19');
  assert.equal(shanghaiDay(Date.UTC(2026, 10, 19, 16, 0, 0)), '2026-11-20');
  assert.equal(shanghaiDayStart('2026-11-20'), Date.UTC(2026, 10, 19, 16, 0, 0));
  assert.equal(shanghaiDay(shanghaiDayStart('2026-02-28')!), '2026-02-28');
});

test('Shanghai days: impossible or malformed dates are null', () => {
  for (const bad of ['2026-02-30', '2026-13-01', '26-11-20', '2026/11/20', '', 'tomorrow'])
    assert.equal(shanghaiDayStart(bad), null, bad);
});
