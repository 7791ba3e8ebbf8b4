import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  allocate,
  clawbackLine,
  payoutAllowed,
  splitLine,
  spreadRefund,
  sumParts,
  type LineRates,
} from './split-rules.js';

const rates = fc
  .record({
    feeRateBp: fc.integer({ min: 0, max: 3000 }),
    creatorRateBp: fc.integer({ min: 0, max: 5000 }),
    mcnShareBp: fc.integer({ min: 0, max: 10000 }),
    colonelFeeBp: fc.integer({ min: 0, max: 2000 }),
  })
  .filter((r) => r.feeRateBp + r.creatorRateBp + r.colonelFeeBp <= 10000) as fc.Arbitrary<LineRates>;

test('largest remainder: parts sum to the whole, each within one fen of its exact share', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1e12 }),
      fc.array(fc.integer({ min: 0, max: 1e8 }), { minLength: 1, maxLength: 8 }),
      (total, weights) => {
        const parts = allocate(total, weights);
        assert.equal(
          parts.reduce((a, b) => a + b, 0),
          total,
        );
        const W = weights.reduce((a, b) => a + b, 0);
        if (W > 0) for (const [i, p] of parts.entries()) assert.ok(Math.abs(p - (total * weights[i]!) / W) < 1 + 1e-6);
        for (const p of parts) assert.ok(p >= 0);
      },
    ),
  );
});

test('largest remainder: documented examples and tie-breaking', () => {
  assert.deepEqual(allocate(100, [1, 1, 1]), [34, 33, 33], 'ties go to the part listed first');
  assert.deepEqual(allocate(10, [1, 2]), [3, 7]);
  // ¥99.99 at a 5 % fee, 20 % creator commission of which the MCN takes 30 %, 3 % colonel fee
  const p = splitLine(9999, { feeRateBp: 500, creatorRateBp: 2000, mcnShareBp: 3000, colonelFeeBp: 300 });
  assert.deepEqual(p, { merchant: 7199, creator: 1400, mcn: 600, colonel: 300, fee: 500 });
  assert.equal(sumParts(p), 9999);
});

test('a line splits exactly; cumulative clawbacks reverse a settlement exactly', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1e9 }),
      rates,
      fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 6 }),
      (amount, r, cuts) => {
        const settled = splitLine(amount, r);
        assert.equal(sumParts(settled), amount);
        // refunds in random pieces up to the whole line
        const W = cuts.reduce((a, b) => a + b, 0);
        const pieces = allocate(amount, cuts);
        let before = 0;
        const back = { merchant: 0, creator: 0, mcn: 0, colonel: 0, fee: 0 };
        for (const piece of pieces) {
          const c = clawbackLine(before, before + piece, r);
          assert.equal(sumParts(c), piece);
          for (const k of Object.keys(back) as Array<keyof typeof back>) back[k] += c[k];
          before += piece;
        }
        assert.ok(W > 0);
        assert.deepEqual(back, settled, 'everything given back, to the fen');
      },
    ),
  );
});

test('refunds spread pro rata never exceed what each line has left', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 1e7 }), { minLength: 1, maxLength: 6 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (remaining, frac) => {
        const total = remaining.reduce((a, b) => a + b, 0);
        const amount = Math.max(1, Math.floor(total * frac));
        if (total === 0) return;
        const spread = spreadRefund(amount, remaining);
        assert.equal(
          spread.reduce((a, b) => a + b, 0),
          amount,
        );
        for (const [i, s] of spread.entries()) assert.ok(s <= remaining[i]! && s >= 0);
      },
    ),
  );
  assert.throws(() => spreadRefund(0, [10]), RangeError);
  assert.throws(() => spreadRefund(11, [10]), RangeError);
});

test('payout rule: never more than available, never below the minimum', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e6, max: 1e9 }), fc.integer({ min: -10, max: 1e9 }), (available, amount) => {
      const v = payoutAllowed(available, amount, 100);
      if (v === 'ok') assert.ok(amount <= available && amount >= 100);
    }),
  );
  assert.equal(payoutAllowed(500, 0, 100), 'INVALID_AMOUNT');
  assert.equal(payoutAllowed(500, 50, 100), 'BELOW_MINIMUM');
  assert.equal(payoutAllowed(500, 501, 100), 'INSUFFICIENT_FUNDS');
});

test('rates above the whole line are refused', () => {
  assert.throws(
    () => splitLine(100, { feeRateBp: 6000, creatorRateBp: 5000, mcnShareBp: 0, colonelFeeBp: 0 }),
    RangeError,
  );
  assert.throws(() => splitLine(100, { feeRateBp: -1, creatorRateBp: 0, mcnShareBp: 0, colonelFeeBp: 0 }), RangeError);
});
