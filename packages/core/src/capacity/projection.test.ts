import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { projectCapacity, slotShipAt, slotsUntil } from './projection.js';
import { DAY_MS, HOUR_MS, endOfShanghaiDay, startOfShanghaiDay } from '../platform/index.js';
import { decideSale, NEAR_LIMIT, SURGE_POLICIES, type SurgePolicy } from './surge-policy.js';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0); // 10:00 in Shanghai
const WINDOW = 48 * HOUR_MS;

test('Shanghai days: midnight is 16:00 UTC', () => {
  assert.equal(startOfShanghaiDay(T0), Date.UTC(2026, 10, 22, 16, 0, 0));
  assert.equal(endOfShanghaiDay(T0), Date.UTC(2026, 10, 23, 16, 0, 0) - 1);
  assert.equal(startOfShanghaiDay(Date.UTC(2026, 10, 23, 16, 0, 0)), Date.UTC(2026, 10, 23, 16, 0, 0));
});

test('1,000 a day: today takes what is left after today’s shipments, then a day per 1,000', () => {
  assert.equal(slotShipAt(0, T0, 1000, 400), endOfShanghaiDay(T0));
  assert.equal(slotShipAt(599, T0, 1000, 400), endOfShanghaiDay(T0));
  assert.equal(slotShipAt(600, T0, 1000, 400), endOfShanghaiDay(T0) + DAY_MS);
  assert.equal(slotShipAt(1600, T0, 1000, 400), endOfShanghaiDay(T0) + 2 * DAY_MS);
  assert.equal(slotsUntil(T0 + WINDOW, T0, 1000, 0), 2000); // today and tomorrow end within 48 h; the day after does not
  const p = projectCapacity({
    now: T0,
    capacityPerDay: 1000,
    shippedToday: 0,
    backlog: [],
    pendingCount: 1600,
    promiseWindowMs: WINDOW,
  });
  assert.equal(p.pressure, 0.8);
  assert.equal(p.newOrderShipAt, endOfShanghaiDay(T0) + DAY_MS);
  assert.equal(p.projectedClearAt, null);
});

const backlogArb = fc.array(
  fc.record({
    orderId: fc.string({ minLength: 1, maxLength: 6 }),
    shipBy: fc.integer({ min: T0 - DAY_MS, max: T0 + 10 * DAY_MS }),
  }),
  { maxLength: 300 },
);
const inputArb = fc.record({
  now: fc.integer({ min: T0, max: T0 + 30 * DAY_MS }),
  capacityPerDay: fc.integer({ min: 1, max: 200 }),
  shippedToday: fc.integer({ min: 0, max: 300 }),
  backlog: backlogArb,
  pendingCount: fc.integer({ min: 0, max: 100 }),
  promiseWindowMs: fc.integer({ min: 1, max: 96 }).map((h) => h * HOUR_MS),
});

test('property: earliest ship-by first, no day over capacity, at risk exactly when projected after ship-by', () => {
  fc.assert(
    fc.property(inputArb, (input) => {
      const p = projectCapacity(input);
      assert.equal(p.projected.length, input.backlog.length);
      const perDay = new Map<number, number>();
      for (const [i, o] of p.projected.entries()) {
        if (i > 0) {
          assert.ok(o.shipBy >= p.projected[i - 1]!.shipBy);
          assert.ok(o.projectedShipAt >= p.projected[i - 1]!.projectedShipAt);
        }
        assert.ok(o.projectedShipAt >= input.now);
        assert.equal(o.projectedShipAt, endOfShanghaiDay(o.projectedShipAt));
        perDay.set(o.projectedShipAt, (perDay.get(o.projectedShipAt) ?? 0) + 1);
      }
      for (const [day, n] of perDay) {
        const limit =
          day === endOfShanghaiDay(input.now)
            ? Math.max(0, input.capacityPerDay - input.shippedToday)
            : input.capacityPerDay;
        assert.ok(n <= limit, `day ${day}: ${n} > ${limit}`);
      }
      assert.deepEqual(
        p.atRisk,
        p.projected.filter((o) => o.projectedShipAt > o.shipBy),
      );
      if (p.projectedClearAt !== null) assert.ok(p.newOrderShipAt >= p.projectedClearAt);
      assert.ok(p.pressure >= 0 && p.pressure <= 1);
      // A new order fits the window exactly when the pressure is below 1.
      assert.equal(p.newOrderShipAt <= input.now + input.promiseWindowMs, p.pressure < 1);
    }),
    { numRuns: 300 },
  );
});

test('property: orders sold through the policies never carry a promise the projection cannot meet', () => {
  const step = fc.record({
    advanceMin: fc.integer({ min: 0, max: 600 }),
    ship: fc.integer({ min: 0, max: 8 }),
    policy: fc.constantFrom<SurgePolicy>(...SURGE_POLICIES),
    hours: fc.constantFrom(24, 48, 72),
  });
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 20 }),
      fc.array(step, { minLength: 1, maxLength: 200 }),
      (capacityPerDay, steps) => {
        let now = T0;
        let shippedToday = 0;
        let day = startOfShanghaiDay(now);
        let queue: Array<{ orderId: string; shipBy: number }> = [];
        let n = 0;
        for (const s of steps) {
          now += s.advanceMin * 60_000;
          const sorted = () => [...queue].sort((a, b) => a.shipBy - b.shipBy || (a.orderId < b.orderId ? -1 : 1));
          // The merchant keeps to the declared capacity: every day that ended shipped its share.
          while (startOfShanghaiDay(now) !== day) {
            queue = sorted().slice(Math.max(0, capacityPerDay - shippedToday));
            day += DAY_MS;
            shippedToday = 0;
          }
          // The merchant ships up to today's capacity, earliest ship-by first.
          const ship = Math.min(s.ship, Math.max(0, capacityPerDay - shippedToday), queue.length);
          queue = sorted().slice(ship);
          shippedToday += ship;
          const before = projectCapacity({
            now,
            capacityPerDay,
            shippedToday,
            backlog: queue,
            pendingCount: 0,
            promiseWindowMs: WINDOW,
          });
          assert.deepEqual(before.atRisk, [], 'nothing sold is at risk');
          const d = decideSale({
            policy: s.policy,
            shipByHours: s.hours,
            now,
            newOrderShipAt: before.newOrderShipAt,
            pressure: before.pressure,
          });
          if (d.sale === 'paused') {
            assert.equal(s.policy, 'pause');
            assert.ok(before.pressure >= NEAR_LIMIT || before.newOrderShipAt > now + s.hours * HOUR_MS);
            continue;
          }
          const shipBy = d.promise.kind === 'presale' ? d.promise.shipBy : now + d.promise.shipWithinHours * HOUR_MS;
          if (d.promise.kind === 'in_stock') assert.ok(before.newOrderShipAt <= shipBy);
          queue.push({ orderId: `o${String(n++).padStart(5, '0')}`, shipBy });
          const after = projectCapacity({
            now,
            capacityPerDay,
            shippedToday,
            backlog: queue,
            pendingCount: 0,
            promiseWindowMs: WINDOW,
          });
          assert.deepEqual(after.atRisk, [], `sold ${d.promise.kind} at pressure ${before.pressure}`);
        }
      },
    ),
    { numRuns: 200 },
  );
});

test('policies apply from the near-limit pressure; past the limit even warn sells only pre-sale', () => {
  const base = { shipByHours: 48, now: T0, newOrderShipAt: endOfShanghaiDay(T0) };
  assert.deepEqual(decideSale({ ...base, policy: 'presale', pressure: 0.79 }), {
    sale: 'open',
    promise: { kind: 'in_stock', shipWithinHours: 48 },
    warning: false,
  });
  assert.deepEqual(decideSale({ ...base, policy: 'presale', pressure: 0.8 }), {
    sale: 'open',
    promise: { kind: 'presale', shipBy: endOfShanghaiDay(T0) },
    warning: true,
  });
  assert.deepEqual(decideSale({ ...base, policy: 'pause', pressure: 0.8 }), { sale: 'paused' });
  assert.deepEqual(decideSale({ ...base, policy: 'warn', pressure: 0.8 }), {
    sale: 'open',
    promise: { kind: 'in_stock', shipWithinHours: 48 },
    warning: true,
  });
  const late = endOfShanghaiDay(T0) + 2 * DAY_MS;
  assert.deepEqual(decideSale({ ...base, policy: 'warn', pressure: 1, newOrderShipAt: late }), {
    sale: 'open',
    promise: { kind: 'presale', shipBy: late },
    warning: true,
  });
});
