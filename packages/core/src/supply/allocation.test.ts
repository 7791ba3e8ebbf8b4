import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allocateFifo, fifoOrder, type BatchStock } from './allocation.js';
import { isQualityCase, qualityScore, tallyCases } from './quality-score.js';

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2026, 9, 1);

const batchesArb = fc.uniqueArray(
  fc.record({
    id: fc.stringMatching(/^bat_[0-9a-z]{4}$/),
    harvestedAt: fc.integer({ min: 0, max: 20 }).map((d) => T0 + d * DAY),
    receivedAt: fc.integer({ min: 0, max: 30 }).map((d) => T0 + d * DAY),
    remaining: fc.integer({ min: 0, max: 50 }),
  }),
  { selector: (b) => b.id, maxLength: 12 },
);

test('property: FIFO allocates every unit when stock suffices, never more than a batch has, oldest harvest first', () => {
  fc.assert(
    fc.property(batchesArb, fc.integer({ min: 0, max: 400 }), (batches: BatchStock[], quantity) => {
      const { parts, unbatched } = allocateFifo(batches, quantity);
      const total = batches.reduce((n, b) => n + b.remaining, 0);
      const allocated = parts.reduce((n, p) => n + p.quantity, 0);
      assert.equal(allocated + unbatched, quantity, 'every unit is allocated or unbatched');
      assert.equal(unbatched, Math.max(0, quantity - total), 'unbatched only when the batches run out');
      const byId = new Map(batches.map((b) => [b.id, b]));
      assert.equal(new Set(parts.map((p) => p.batchId)).size, parts.length, 'a batch appears once');
      for (const p of parts) {
        assert.ok(p.quantity > 0);
        assert.ok(p.quantity <= byId.get(p.batchId)!.remaining, 'never more than a batch has left');
      }
      // Oldest first: the parts are the FIFO order of the batches with units, each taken whole but the last.
      const order = batches.filter((b) => b.remaining > 0).sort(fifoOrder);
      assert.deepEqual(
        parts.map((p) => p.batchId),
        order.slice(0, parts.length).map((b) => b.id),
      );
      parts
        .slice(0, -1)
        .forEach((p) => assert.equal(p.quantity, byId.get(p.batchId)!.remaining, 'earlier batches are emptied first'));
    }),
    { numRuns: 500 },
  );
});

test('FIFO: a line splits across batches, oldest harvest first, ties by receipt', () => {
  const batches: BatchStock[] = [
    { id: 'bat_new', harvestedAt: T0 + 5 * DAY, receivedAt: T0 + 6 * DAY, remaining: 10 },
    { id: 'bat_old', harvestedAt: T0, receivedAt: T0 + 9 * DAY, remaining: 3 },
    { id: 'bat_mid', harvestedAt: T0 + 5 * DAY, receivedAt: T0 + 5 * DAY, remaining: 4 },
  ];
  assert.deepEqual(allocateFifo(batches, 9), {
    parts: [
      { batchId: 'bat_old', quantity: 3 },
      { batchId: 'bat_mid', quantity: 4 },
      { batchId: 'bat_new', quantity: 2 },
    ],
    unbatched: 0,
  });
  assert.deepEqual(allocateFifo(batches, 20), {
    parts: [
      { batchId: 'bat_old', quantity: 3 },
      { batchId: 'bat_mid', quantity: 4 },
      { batchId: 'bat_new', quantity: 10 },
    ],
    unbatched: 3,
  });
  assert.deepEqual(allocateFifo([], 2), { parts: [], unbatched: 2 });
  assert.throws(() => allocateFifo(batches, -1), RangeError);
});

test('quality score: 2 points per 1 % of units claimed and per 1 % of value refunded; null before shipping', () => {
  assert.equal(qualityScore({ shippedUnits: 0, shippedFen: 0, claimedUnits: 0, refundFen: 0 }), null);
  assert.equal(qualityScore({ shippedUnits: 100, shippedFen: 100_000, claimedUnits: 0, refundFen: 0 }), 100);
  assert.equal(qualityScore({ shippedUnits: 100, shippedFen: 100_000, claimedUnits: 2, refundFen: 1_000 }), 94);
  assert.equal(qualityScore({ shippedUnits: 10, shippedFen: 29_900, claimedUnits: 3, refundFen: 4_485 }), 10); // 100 − 60 − 30
  assert.equal(
    qualityScore({ shippedUnits: 10, shippedFen: 10_000, claimedUnits: 10, refundFen: 10_000 }),
    0,
    'never below 0',
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1e6 }),
      fc.integer({ min: 0, max: 1e9 }),
      fc.nat(),
      fc.nat(),
      (units, fen, claimed, refund) => {
        const s = qualityScore({ shippedUnits: units, shippedFen: fen, claimedUnits: claimed, refundFen: refund })!;
        assert.ok(Number.isInteger(s) && s >= 0 && s <= 100);
        const worse = qualityScore({
          shippedUnits: units,
          shippedFen: fen,
          claimedUnits: claimed + 1,
          refundFen: refund,
        })!;
        assert.ok(worse <= s, 'one more claimed unit never raises the score');
      },
    ),
  );
});

test('quality cases: fresh claims and quality reasons count unless withdrawn, rejected or closed without refund', () => {
  assert.equal(isQualityCase({ type: 'fresh_claim', reasonCode: 'other', status: 'requested' }), true);
  assert.equal(isQualityCase({ type: 'refund_only', reasonCode: 'not_as_described', status: 'refunded' }), true);
  assert.equal(isQualityCase({ type: 'return_refund', reasonCode: 'damaged', status: 'completed' }), true);
  assert.equal(isQualityCase({ type: 'return_refund', reasonCode: 'changed_mind', status: 'refunded' }), false);
  for (const status of ['cancelled', 'rejected', 'closed'])
    assert.equal(isQualityCase({ type: 'fresh_claim', reasonCode: 'spoiled', status }), false, status);
});

test('tally: a line claimed twice counts its units once; refunds are shared among its batches by units', () => {
  const t = tallyCases([
    // Case 1 on line L1 (10 units: 6 from supplier A's batch, 4 from supplier B's), ¥30 refunded.
    { caseId: 'c1', lineId: 'L1', batchId: 'a1', supplierId: 'A', units: 6, lineQuantity: 10, refundFen: 3000 },
    { caseId: 'c1', lineId: 'L1', batchId: 'b1', supplierId: 'B', units: 4, lineQuantity: 10, refundFen: 3000 },
    // Case 2 on the same line, ¥10 more.
    { caseId: 'c2', lineId: 'L1', batchId: 'a1', supplierId: 'A', units: 6, lineQuantity: 10, refundFen: 1000 },
    { caseId: 'c2', lineId: 'L1', batchId: 'b1', supplierId: 'B', units: 4, lineQuantity: 10, refundFen: 1000 },
    // Case 3 on line L2: 3 of its 5 units from A, 2 unbatched.
    { caseId: 'c3', lineId: 'L2', batchId: 'a2', supplierId: 'A', units: 3, lineQuantity: 5, refundFen: 500 },
  ]);
  assert.deepEqual(t.get('A'), { cases: 3, claimedUnits: 9, refundFen: 1800 + 600 + 300 });
  assert.deepEqual(t.get('B'), { cases: 2, claimedUnits: 4, refundFen: 1200 + 400 });
});
