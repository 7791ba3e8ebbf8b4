import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  appealWindow,
  creditScore,
  DAY_MS,
  DEFAULT_CATALOGUE,
  MILESTONES,
  nextThreshold,
  penaltiesForCrossing,
  pointsInForce,
  thresholdsLost,
  thresholdsReached,
  CREDIT_MAX,
  FIRST_APPEAL_MS,
  LEDGERS,
  SECOND_APPEAL_MS,
} from './rules.js';

const record = fc
  .record({
    milliPoints: fc.integer({ min: -5_000, max: 48_000 }),
    createdAt: fc.integer({ min: 0, max: 400 * DAY_MS }),
    revoked: fc.boolean(),
  })
  .map((r) => ({ ...r, expiresAt: r.createdAt + 90 * DAY_MS }));

test('the catalogue has the three ledgers and late shipment at 0.1 point', () => {
  assert.deepEqual([...new Set(DEFAULT_CATALOGUE.map((r) => r.ledger))].sort(), [...LEDGERS].sort());
  assert.equal(DEFAULT_CATALOGUE.find((r) => r.code === 'late_shipment')?.milliPoints, 100);
  assert.deepEqual(
    MILESTONES.map((m) => m.points),
    [12, 24, 36, 48],
  );
});

test('points in force are never negative, count only unexpired and unrevoked records, and expire after 90 days', () => {
  fc.assert(
    fc.property(fc.array(record, { maxLength: 30 }), fc.integer({ min: 0, max: 500 * DAY_MS }), (records, now) => {
      const p = pointsInForce(records, now);
      assert.ok(p >= 0);
      const expected = records
        .filter((r) => !r.revoked && r.createdAt <= now && now < r.expiresAt)
        .reduce((s, r) => s + Math.max(0, r.milliPoints), 0);
      assert.equal(p, expected);
      // 90 days after the last record nothing counts.
      const last = Math.max(0, ...records.map((r) => r.createdAt));
      assert.equal(pointsInForce(records, last + 90 * DAY_MS), 0);
    }),
  );
  const r = { milliPoints: 3000, createdAt: 0, expiresAt: 90 * DAY_MS, revoked: false };
  assert.equal(pointsInForce([r], 90 * DAY_MS - 1), 3000);
  assert.equal(pointsInForce([r], 90 * DAY_MS), 0);
});

test('crossing 12 applies the caution at 7 and the warning and a ×0.7 throttle at 12; staying below applies nothing', () => {
  const now = 1_000;
  assert.deepEqual(
    penaltiesForCrossing(6_900, 7_000, now).map((p) => [p.milestone, p.kind]),
    [[7, 'caution']],
  );
  const at12 = penaltiesForCrossing(11_950, 12_050, now);
  assert.deepEqual(
    at12.map((p) => [p.milestone, p.kind, p.multiplierPermille]),
    [
      [12, 'warning', null],
      [12, 'traffic_throttle', 700],
    ],
  );
  assert.equal(at12[1]!.endsAt, now + 7 * DAY_MS);
  assert.deepEqual(penaltiesForCrossing(0, 6_999, now), []);
  assert.deepEqual(
    penaltiesForCrossing(0, 48_000, now)
      .filter((p) => p.kind === 'clear_out')
      .map((p) => p.milestone),
    [48],
  );
  assert.equal(nextThreshold(11_000)?.points, 12);
  assert.deepEqual(nextThreshold(50_000), null);
});

test('milestone crossing both ways: going up applies each threshold once; going down loses exactly those no longer reached', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 60_000 }),
      fc.integer({ min: 0, max: 60_000 }),
      fc.integer({ min: 0, max: 60_000 }),
      (a, b, c) => {
        const [lo, mid, hi] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
        const step = [...penaltiesForCrossing(lo, mid, 0), ...penaltiesForCrossing(mid, hi, 0)];
        const direct = penaltiesForCrossing(lo, hi, 0);
        assert.deepEqual(
          step.map((p) => `${p.milestone}:${p.kind}`).sort(),
          direct.map((p) => `${p.milestone}:${p.kind}`).sort(),
        );
        assert.deepEqual(penaltiesForCrossing(hi, lo, 0), []);
        const lost = thresholdsLost(hi, lo);
        const reachedHi = thresholdsReached(hi).map((t) => t.points);
        const reachedLo = new Set(thresholdsReached(lo).map((t) => t.points));
        assert.deepEqual(
          lost,
          reachedHi.filter((p) => !reachedLo.has(p)),
        );
        assert.deepEqual(thresholdsLost(lo, hi), []);
      },
    ),
  );
});

test('creator credit: 12 at start, falls with violations, never below 0, back 1 point per 30 clean days up to 12', () => {
  assert.equal(creditScore([], 0), 12_000);
  assert.equal(creditScore([{ at: 0, milliPoints: 4_000 }], 29 * DAY_MS), 8_000);
  assert.equal(creditScore([{ at: 0, milliPoints: 4_000 }], 30 * DAY_MS), 9_000);
  assert.equal(
    creditScore(
      [
        { at: 0, milliPoints: 4_000 },
        { at: 45 * DAY_MS, milliPoints: 1_000 },
      ],
      75 * DAY_MS,
    ),
    8_000 + 1_000 - 1_000 + 1_000,
  );
  assert.equal(creditScore([{ at: 0, milliPoints: 4_000 }], 10_000 * DAY_MS), 12_000);
  fc.assert(
    fc.property(
      fc.array(
        fc.record({ at: fc.integer({ min: 0, max: 300 * DAY_MS }), milliPoints: fc.integer({ min: 0, max: 20_000 }) }),
        { maxLength: 20 },
      ),
      fc.integer({ min: 0, max: 400 * DAY_MS }),
      (events, now) => {
        const s = creditScore(events, now);
        assert.ok(s >= 0 && s <= CREDIT_MAX * 1000);
      },
    ),
  );
});

test('appeals: within 30 days, then within 15 days of a rejection; twice at most; not while one is pending', () => {
  const v = {
    createdAt: 0,
    revoked: false,
    appeals: [] as Array<{ status: 'pending' | 'granted' | 'rejected'; decidedAt: number | null }>,
  };
  assert.deepEqual(appealWindow(v, FIRST_APPEAL_MS), { ok: true, attempt: 1, until: FIRST_APPEAL_MS });
  assert.deepEqual(appealWindow(v, FIRST_APPEAL_MS + 1), { ok: false, code: 'APPEAL_WINDOW_CLOSED' });
  assert.deepEqual(appealWindow({ ...v, appeals: [{ status: 'pending', decidedAt: null }] }, 1), {
    ok: false,
    code: 'APPEAL_PENDING',
  });
  const rejected = { ...v, appeals: [{ status: 'rejected' as const, decidedAt: 40 * DAY_MS }] };
  assert.deepEqual(appealWindow(rejected, 40 * DAY_MS + SECOND_APPEAL_MS), {
    ok: true,
    attempt: 2,
    until: 40 * DAY_MS + SECOND_APPEAL_MS,
  });
  assert.deepEqual(appealWindow(rejected, 40 * DAY_MS + SECOND_APPEAL_MS + 1), {
    ok: false,
    code: 'APPEAL_WINDOW_CLOSED',
  });
  assert.deepEqual(
    appealWindow(
      {
        ...v,
        appeals: [
          { status: 'rejected', decidedAt: 1 },
          { status: 'rejected', decidedAt: 2 },
        ],
      },
      3,
    ),
    { ok: false, code: 'APPEAL_LIMIT_REACHED' },
  );
  assert.deepEqual(appealWindow({ ...v, revoked: true }, 1), { ok: false, code: 'VIOLATION_REVOKED' });
});
