import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { counterVerdict, grantableFen, INSURANCE_PAYOUT_FEN, requestedFen, spoiledShareFen } from './amounts.js';

const refundable = fc.integer({ min: 1, max: 100_000_000 });
const percent = fc.integer({ min: 1, max: 100 });

test('the spoiled share is the percentage of what remains, rounded half up, at least 1 fen and never above what remains', () => {
  fc.assert(
    fc.property(refundable, percent, (r, p) => {
      const share = spoiledShareFen(r, p);
      assert.ok(Number.isSafeInteger(share));
      assert.ok(share >= 1 && share <= r, `${share} of ${r}`);
      if (p === 100) assert.equal(share, r);
      assert.ok(Math.abs(share - (r * p) / 100) <= 0.5 || share === 1);
    }),
  );
  assert.equal(spoiledShareFen(2990, 30), 897);
  assert.equal(spoiledShareFen(2990, 35), 1047); // 1046.5 rounds up
  assert.equal(spoiledShareFen(1, 1), 1);
  assert.equal(spoiledShareFen(0, 50), 0);
  assert.throws(() => spoiledShareFen(100, 0), RangeError);
  assert.throws(() => spoiledShareFen(100, 101), RangeError);
});

test('what a case asks for never exceeds what remains refundable of the line', () => {
  fc.assert(
    fc.property(
      refundable,
      percent,
      fc.option(fc.integer({ min: 1, max: 200_000_000 }), { nil: undefined }),
      fc.constantFrom('refund_unshipped', 'refund_only', 'return_refund', 'exchange', 'fresh_claim' as const),
      (r, p, amount, type) => {
        let asked: number;
        try {
          asked = requestedFen(type, { amountFen: amount, spoiledPercent: p }, r);
        } catch (e) {
          assert.equal((e as { code?: string }).code, 'AMOUNT_EXCEEDS_REFUNDABLE');
          assert.ok(amount !== undefined && amount > r);
          return;
        }
        assert.ok(asked >= 0 && asked <= r);
        if (type === 'exchange') assert.equal(asked, 0);
        else assert.ok(asked >= 1);
      },
    ),
  );
  assert.throws(() => requestedFen('fresh_claim', {}, 1000), /spoiledPercent/);
});

test('an accepted counter-offer is at least 1 fen, below what was asked and within what remains; grants never exceed what remains', () => {
  fc.assert(
    fc.property(
      refundable,
      fc.integer({ min: -10, max: 200_000_000 }),
      fc.integer({ min: 1, max: 100_000_000 }),
      (r, counter, asked) => {
        const requested = Math.min(asked, r);
        if (counterVerdict(counter, requested, r) === 'ok') {
          assert.ok(counter >= 1 && counter < requested && counter <= r);
        } else {
          assert.ok(counter < 1 || counter >= requested || counter > r);
        }
        const g = grantableFen(counter, r);
        assert.ok(g >= 0 && g <= r && g <= Math.max(0, counter));
      },
    ),
  );
  assert.equal(counterVerdict(1.5, 100, 100), 'COUNTER_EXCEEDS_PAID');
  assert.equal(INSURANCE_PAYOUT_FEN, 800);
});
