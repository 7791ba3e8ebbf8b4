import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canMoveRoom, checkCoupon, checkFlashSale, checkLuckyBag, entersLuckyBag, saleStatus } from './live-rules.js';
import { SaleGate } from './sale-gate.js';
import fc from 'fast-check';

test('rooms go scheduled → live → ended, never back', () => {
  assert.ok(canMoveRoom('scheduled', 'live'));
  assert.ok(canMoveRoom('scheduled', 'ended'));
  assert.ok(canMoveRoom('live', 'ended'));
  assert.ok(!canMoveRoom('live', 'scheduled'));
  assert.ok(!canMoveRoom('ended', 'live'));
});

test('a sale is scheduled before its start, open in its window, ended after it or once closed', () => {
  const s = { startsAt: 1000, endsAt: 2000, closedAt: null, remaining: 0 };
  assert.equal(saleStatus(s, 999), 'scheduled');
  assert.equal(saleStatus(s, 1000), 'open');
  assert.equal(saleStatus(s, 1999), 'open');
  assert.equal(saleStatus(s, 2000), 'ended');
  assert.equal(saleStatus({ ...s, closedAt: 1500 }, 1500), 'ended');
});

test('flash sale, coupon and lucky bag terms are checked', () => {
  const now = 1_000_000;
  const ok = { skuId: 'sku', priceFen: 990, quantity: 10, perPersonLimit: 2, startsAt: now, endsAt: now + 60_000 };
  checkFlashSale(ok, 2990, now);
  assert.throws(() => checkFlashSale({ ...ok, priceFen: 2990 }, 2990, now), { code: 'INVALID_INPUT' });
  assert.throws(() => checkFlashSale({ ...ok, endsAt: now }, 2990, now), { code: 'INVALID_INPUT' });
  assert.throws(() => checkFlashSale({ ...ok, perPersonLimit: 0 }, 2990, now), { code: 'INVALID_INPUT' });
  assert.throws(() => checkFlashSale({ ...ok, endsAt: now + 25 * 3600_000 }, 2990, now), { code: 'INVALID_INPUT' });
  checkCoupon({ amountFen: 500, minSpendFen: 5000, quantity: 100 });
  assert.throws(() => checkCoupon({ amountFen: 5000, minSpendFen: 5000, quantity: 1 }), { code: 'INVALID_INPUT' });
  assert.deepEqual(checkLuckyBag({ keyword: ' 种草 ', prize: '橙子一箱', winners: 3, drawAt: now + 60_000 }, now), {
    keyword: '种草',
    prize: '橙子一箱',
  });
  assert.throws(() => checkLuckyBag({ keyword: '种草', prize: 'x', winners: 3, drawAt: now }, now), {
    code: 'INVALID_INPUT',
  });
  assert.ok(entersLuckyBag(' 种草 ', '种草'));
  assert.ok(!entersLuckyBag('种草了', '种草'));
});

test('the gate never admits more than the units on offer or the per-person limit, whatever the order of requests and give-backs', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 20 }),
      fc.integer({ min: 1, max: 4 }),
      fc.array(
        fc.oneof(
          fc.record({
            kind: fc.constant('buy' as const),
            buyer: fc.integer({ min: 0, max: 5 }),
            qty: fc.integer({ min: 1, max: 5 }),
          }),
          fc.record({ kind: fc.constant('back' as const), pick: fc.nat() }),
        ),
        { maxLength: 80 },
      ),
      (units, limit, ops) => {
        const gate = new SaleGate(
          { startsAt: 0, endsAt: 10, closedAt: null, remaining: units, perPersonLimit: limit, onSale: true },
          [],
        );
        const held: Array<{ buyer: string; qty: number }> = [];
        for (const op of ops) {
          if (op.kind === 'buy') {
            const buyer = `b${op.buyer}`;
            if (gate.admit(buyer, op.qty, 5) === 'ok') held.push({ buyer, qty: op.qty });
          } else if (held.length) {
            const [h] = held.splice(op.pick % held.length, 1);
            gate.giveBack(h!.buyer, h!.qty);
          }
          const total = held.reduce((s, h) => s + h.qty, 0);
          assert.ok(total <= units);
          assert.equal(gate.estimatedRemaining, units - total);
          for (let b = 0; b < 6; b++)
            assert.ok(held.filter((h) => h.buyer === `b${b}`).reduce((s, h) => s + h.qty, 0) <= limit);
        }
      },
    ),
  );
});
