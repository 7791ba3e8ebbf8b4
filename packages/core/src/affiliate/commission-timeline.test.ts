/**
 * Through the real services: random timelines of a merchant's rate changes and shoppers' orders
 * from creators' links. Each change is refused (with the rule's code) or applied exactly when
 * the oracle says, and each order line snapshots the rate the rules give at the order's time —
 * including the old rate kept by a creator who promoted the product before a cut.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DomainError } from '../platform/index.js';
import { openTestCore } from '../test-support/index.js';
import { changePlanRate, createPlan } from './plans.js';
import { createLink } from './links.js';
import { buyVia, lineOf, makeWorld } from './test-support/affiliate-fixtures.js';
import { RateModel } from './test-support/rate-model.js';

type Step = { advanceMin: number } & (
  | { op: 'change'; rate: number }
  | { op: 'order'; who: 'early' | 'late' }
  | { op: 'promote' }
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('change' as const),
      advanceMin: fc.integer({ min: 0, max: 2 * 24 * 60 }),
      rate: fc.integer({ min: 0, max: 5500 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('order' as const),
      advanceMin: fc.integer({ min: 0, max: 2 * 24 * 60 }),
      who: fc.constantFrom('early' as const, 'late' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('promote' as const), advanceMin: fc.integer({ min: 0, max: 2 * 24 * 60 }) }),
  },
);

test('random timelines of plan changes and orders: the rate on every order line is the one the rules give at the order’s time', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('general' as const, 'targeted' as const, 'exclusive' as const),
      fc.integer({ min: 300, max: 5000 }),
      fc.array(stepArb, { minLength: 3, maxLength: 12 }),
      async (kind, opening, steps) => {
        const core = await openTestCore();
        try {
          const w = await makeWorld(core, 'tl');
          const named =
            kind === 'targeted'
              ? { creatorIds: [w.creator.userId] }
              : kind === 'exclusive'
                ? { creatorId: w.creator.userId }
                : {};
          const plan = await createPlan(core.ctx, w.shop.owner, w.shop.productId, { kind, rateBp: opening, ...named });
          const model = new RateModel(kind, opening);
          // The early creator promotes (and makes a link) when the plan opens; under a general plan a late one may join later.
          const early = {
            token: (await createLink(core.ctx, w.creator, { productId: w.shop.productId, validDays: 30 })).token,
            promotedAt: core.clock.now(),
          };
          let late: { token: string; promotedAt: number } | null = null;
          for (const [i, s] of steps.entries()) {
            core.clock.advance(s.advanceMin * 60_000);
            const now = core.clock.now();
            if (s.op === 'change') {
              const expected = model.request(now, s.rate);
              let got: string;
              try {
                got = (await changePlanRate(core.ctx, w.shop.owner, plan.id, s.rate)).change;
              } catch (err) {
                if (!(err instanceof DomainError)) throw err;
                got = err.code;
              }
              assert.equal(got, expected, `step ${i}: change to ${s.rate}`);
            } else if (s.op === 'promote') {
              if (kind === 'general' && !late)
                late = {
                  token: (await createLink(core.ctx, w.other, { productId: w.shop.productId, validDays: 30 })).token,
                  promotedAt: now,
                };
            } else {
              const seller = s.who === 'early' ? early : late;
              if (!seller) continue;
              const line = await lineOf(
                core,
                await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'link', contentId: seller.token }, 1, false),
              );
              const want = model.rateAt(now, seller.promotedAt);
              assert.equal(
                line.creator_rate_bp,
                want,
                `step ${i}: ${s.who} creator's order at +${Math.round((now - plan.createdAt) / 60_000)} min`,
              );
              assert.equal(line.plan_id, plan.id);
              assert.equal(JSON.parse(line.rate_decision!).protected, want > model.inForce);
            }
          }
        } finally {
          await core.dispose();
        }
      },
    ),
    { numRuns: 12 },
  );
});
