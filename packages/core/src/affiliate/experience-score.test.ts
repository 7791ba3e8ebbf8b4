import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refundOrder } from '../ledger/money-commands.js';
import { recordViolation } from '../violations/index.js';
import { makeShop, openTestCore } from '../test-support/harness.js';
import { createPlan } from './plans.js';
import { marketplace } from './marketplace.js';
import { EXPERIENCE_WINDOW_MS, experienceScore, shopExperienceScores } from './experience-score.js';
import { buyVia, lineOf, makeWorld } from './test-support/affiliate-fixtures.js';

test('experience score: 5 with a clean record, 0.1 off per 1 % refunded and 0.5 per violation point, never below 0, none without sales', () => {
  assert.equal(experienceScore({ paidFen: 0, refundedFen: 0, violationMilliPoints: 0 }), null);
  assert.equal(experienceScore({ paidFen: 10_000, refundedFen: 0, violationMilliPoints: 0 }), 5);
  assert.equal(experienceScore({ paidFen: 10_000, refundedFen: 300, violationMilliPoints: 0 }), 4.7);
  assert.equal(experienceScore({ paidFen: 10_000, refundedFen: 300, violationMilliPoints: 1_000 }), 4.2);
  assert.equal(experienceScore({ paidFen: 10_000, refundedFen: 10_000, violationMilliPoints: 0 }), 0);
  assert.equal(experienceScore({ paidFen: 10_000, refundedFen: 0, violationMilliPoints: 20_000 }), 0);
  assert.equal(experienceScore({ paidFen: 3, refundedFen: 1, violationMilliPoints: 0 }), 1.67, 'two decimals');
});

test('experience score from the store: paid sales and refunds of the last 90 days, violation points; the marketplace shows it', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'xp');
    const quiet = await makeShop(core, 'xp-quiet', 10);
    const p = w.shop.productId;
    await createPlan(core.ctx, w.shop.owner, p, { kind: 'general', rateBp: 1000 });
    assert.equal((await shopExperienceScores(core.ctx.db, [w.shop.shopId], core.ctx.clock.now())).get(w.shop.shopId), null, 'no sales yet');

    const orderId = await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'shelf' }, 2);
    const line = await lineOf(core, orderId);
    const refund = Math.round(Number(line.line_total_fen) / 10);
    await refundOrder(core.ctx, w.shop.owner, orderId, { amountFen: refund, lineId: line.id, reason: '少发一件', requestKey: 'xp-refund-1' });
    for (let i = 0; i < 5; i++) await core.tick();
    const refunded = Number((await lineOf(core, orderId)).refunded_fen);
    assert.equal(refunded, refund, 'the refund reached the line');
    await core.ctx.db.transaction().execute((tx) => recordViolation(tx, { subjectKind: 'shop', subjectId: w.shop.shopId, rule: 'content_rejected', refId: orderId }, core.ctx.clock.now()));

    const now = core.ctx.clock.now();
    const expected = experienceScore({ paidFen: Number(line.line_total_fen), refundedFen: refund, violationMilliPoints: 1000 });
    assert.ok(expected !== null && expected < 4.75 && expected > 3, `10 % refunded and one point: ${expected}`);
    const scores = await shopExperienceScores(core.ctx.db, [w.shop.shopId, quiet.shopId], now);
    assert.deepEqual([scores.get(w.shop.shopId), scores.get(quiet.shopId)], [expected, null]);
    const item = (await marketplace(core.ctx, w.creator, { limit: 20 })).items.find((i) => i.product.id === p)!;
    assert.equal(item.experienceScore, expected);

    core.clock.advance(EXPERIENCE_WINDOW_MS + 1);
    assert.equal((await shopExperienceScores(core.ctx.db, [w.shop.shopId], core.ctx.clock.now())).get(w.shop.shopId), null, 'old sales leave the window');
  } finally {
    await core.dispose();
  }
});
