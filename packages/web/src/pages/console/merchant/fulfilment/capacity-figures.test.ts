import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkCapacity,
  gaugeFigures,
  hoursLate,
  planDays,
  shanghaiMonthDay,
  startOfShanghaiDay,
} from './capacity-figures';

const H = 3_600_000;
// 2026-12-01 10:00 in Shanghai (02:00 UTC).
const NOW = Date.UTC(2026, 11, 1, 2, 0, 0);

test('Shanghai days: start and label of the day containing a time', () => {
  assert.equal(startOfShanghaiDay(NOW), Date.UTC(2026, 10, 30, 16, 0, 0));
  assert.equal(shanghaiMonthDay(NOW), '12-01');
  // 23:30 UTC on 1 December is already 2 December in Shanghai.
  assert.equal(shanghaiMonthDay(Date.UTC(2026, 11, 1, 23, 30)), '12-02');
  assert.equal(startOfShanghaiDay(Date.UTC(2026, 11, 1, 23, 30)), Date.UTC(2026, 11, 1, 16, 0, 0));
});

test('gaugeFigures: pressure as a percentage, levels at the near-limit and full, days of work', () => {
  const base = { capacityPerDay: 1000, backlog: 600, pending: 150, nearLimitAt: 0.8 };
  assert.deepEqual(gaugeFigures({ ...base, pressure: 0.3125 }), {
    level: 'ok',
    percent: 31.3,
    nearPercent: 80,
    open: 750,
    capacityPerDay: 1000,
    daysOfWork: 0.8,
  });
  assert.equal(gaugeFigures({ ...base, pressure: 0.8 }).level, 'near');
  assert.equal(gaugeFigures({ ...base, pressure: 0.7999 }).level, 'ok');
  assert.equal(gaugeFigures({ ...base, pressure: 1 }).level, 'full');
  assert.equal(gaugeFigures({ ...base, pressure: 1.4 }).percent, 100);
  assert.deepEqual(gaugeFigures({ ...base, capacityPerDay: null, pressure: 0 }), {
    level: 'none',
    percent: 0,
    nearPercent: 80,
    open: 750,
    capacityPerDay: null,
    daysOfWork: null,
  });
});

test('planDays: paid orders first, unpaid after, today keeps what is left after today’s shipments', () => {
  const plan = planDays({ capacityPerDay: 100, backlog: 230, pending: 20, shippedToday: 40 }, NOW);
  assert.deepEqual(
    plan.days.map((d) => [d.label, d.shipped, d.paid, d.unpaid, d.capacity]),
    [
      ['12-01', 40, 60, 0, 100],
      ['12-02', 0, 100, 0, 100],
      ['12-03', 0, 70, 20, 100],
    ],
  );
  assert.equal(plan.later, 0);
  assert.equal(plan.days[1]!.dayStart - plan.days[0]!.dayStart, 24 * H);
});

test('planDays: at least three days, at most the limit, and what lies beyond it', () => {
  const idle = planDays({ capacityPerDay: 50, backlog: 0, pending: 0, shippedToday: 0 }, NOW);
  assert.equal(idle.days.length, 3);
  assert.ok(idle.days.every((d) => d.paid === 0 && d.unpaid === 0));
  const surge = planDays({ capacityPerDay: 1000, backlog: 3000, pending: 0, shippedToday: 1200 }, NOW, 3, 2);
  assert.deepEqual(
    surge.days.map((d) => d.paid),
    [0, 1000],
  );
  assert.equal(surge.later, 2000);
  assert.deepEqual(planDays({ capacityPerDay: null, backlog: 5, pending: 0, shippedToday: 0 }, NOW), {
    days: [],
    later: 0,
  });
});

test('hoursLate and checkCapacity', () => {
  assert.equal(hoursLate({ shipBy: NOW, projectedShipAt: NOW + 90 * 60_000 }), 2);
  assert.equal(hoursLate({ shipBy: NOW, projectedShipAt: NOW + 1 }), 1);
  assert.deepEqual(checkCapacity(800), { ok: true, value: 800 });
  assert.deepEqual(checkCapacity(' 12 '), { ok: true, value: 12 });
  assert.deepEqual(checkCapacity(''), { ok: false, reason: 'empty' });
  assert.deepEqual(checkCapacity(null), { ok: false, reason: 'empty' });
  assert.deepEqual(checkCapacity(1.5), { ok: false, reason: 'whole' });
  assert.deepEqual(checkCapacity('abc'), { ok: false, reason: 'whole' });
  assert.deepEqual(checkCapacity(0), { ok: false, reason: 'range' });
  assert.deepEqual(checkCapacity(1_000_001), { ok: false, reason: 'range' });
});
