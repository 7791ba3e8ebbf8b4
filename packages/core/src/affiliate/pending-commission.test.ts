import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore } from '../test-support/index.js';
import { settleDueOrders, splitLine } from '../ledger/index.js';
import { refundOrder } from '../payments/index.js';
import { completeOrder } from '../ledger/test-support/index.js';
import { acceptContract, proposeContract } from './mcn.js';
import { applyToActivity, createActivity, decideActivityProduct } from './colonels.js';
import { createPlan } from './plans.js';
import { addToShowcase } from './showcase.js';
import { createLink } from './links.js';
import { pendingCommission } from './pending-commission.js';
import { buyVia, makeWorld } from './test-support/affiliate-fixtures.js';

const DAY = 24 * 3_600_000;

test('pending commission: paid, unsettled orders with the expected part and settlement date; gone once settled; refunds lower it; others see none', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'pc');
    await createPlan(core.ctx, w.shop.owner, w.shop.productId, { kind: 'general', rateBp: 1000 });
    const activity = await createActivity(core.ctx, w.colonel, {
      name: '秋季水果节',
      commissionFloorBp: 2000,
      serviceFeeBp: 500,
      endsAt: core.clock.now() + 60 * DAY,
    });
    const applied = await applyToActivity(core.ctx, w.shop.owner, w.shop.productId, {
      activityId: activity.id,
      rateBp: 2500,
    });
    await decideActivityProduct(core.ctx, w.colonel, applied.id, 'approve');
    const contract = await proposeContract(core.ctx, w.mcn, {
      creatorId: w.creator.userId,
      shareBp: 3000,
      endsAt: core.clock.now() + 365 * DAY,
    });
    await acceptContract(core.ctx, w.creator, contract.id);
    await addToShowcase(core.ctx, w.creator, { productId: w.shop.productId, activityId: activity.id });
    const { token } = await createLink(core.ctx, w.creator, { productId: w.shop.productId, validDays: 30 });

    const first = await buyVia(core, w.buyer, w.shop.skuIds[1]!, { source: 'link', contentId: token }, 2); // 2 × ¥49.90
    const second = await buyVia(core, w.buyer, w.shop.skuIds[1]!, { source: 'link', contentId: token }, 1);
    const rates = { feeRateBp: 200, creatorRateBp: 2000, mcnShareBp: 3000, colonelFeeBp: 500 };
    const two = splitLine(9980, rates);
    const one = splitLine(4990, rates);

    let mine = await pendingCommission(core.ctx, w.creator, 'creator');
    assert.deepEqual([mine.orders, mine.totalFen], [2, two.creator + one.creator]);
    assert.deepEqual(
      mine.items.map((i) => [i.orderId, i.expectedFen, i.settleDueAt, i.settleWindowDays, i.orderStatus]),
      [
        [second, one.creator, null, 7, 'paid'],
        [first, two.creator, null, 7, 'paid'],
      ],
      'not yet received: no date, settles 7 days after receipt',
    );
    assert.equal((await pendingCommission(core.ctx, w.mcn, 'mcn')).totalFen, two.mcn + one.mcn);
    assert.equal((await pendingCommission(core.ctx, w.colonel, 'colonel')).totalFen, two.colonel + one.colonel);

    // Receipt confirmed: the date is known, and it sorts first.
    await completeOrder(core, w.shop.owner, w.buyer, first);
    const completedAt = core.clock.now();
    mine = await pendingCommission(core.ctx, w.creator, 'creator');
    assert.deepEqual(
      mine.items.map((i) => [i.orderId, i.settleDueAt]),
      [
        [first, completedAt + 7 * DAY],
        [second, null],
      ],
    );

    // A partial refund of the other order lowers what is expected from it.
    await refundOrder(core.ctx, w.shop.owner, second, { amountFen: 990, reason: '少发一个', requestKey: 'pc-r1' });
    mine = await pendingCommission(core.ctx, w.creator, 'creator');
    const kept = await core.ctx.db
      .selectFrom('order_lines')
      .select(['line_total_fen', 'refunded_fen'])
      .where('order_id', '=', second)
      .executeTakeFirstOrThrow();
    assert.ok(
      Number(kept.refunded_fen) > 0 && Number(kept.refunded_fen) <= 990,
      'the refund is spread over the line and the shipping fee',
    );
    assert.equal(
      mine.items.find((i) => i.orderId === second)!.expectedFen,
      splitLine(Number(kept.line_total_fen) - Number(kept.refunded_fen), rates).creator,
    );
    assert.ok(mine.items.find((i) => i.orderId === second)!.expectedFen < one.creator);

    // Settled: no longer pending.
    core.clock.advance(8 * DAY);
    assert.equal(await settleDueOrders(core.ctx), 1);
    mine = await pendingCommission(core.ctx, w.creator, 'creator');
    assert.deepEqual(
      mine.items.map((i) => i.orderId),
      [second],
    );

    await assert.rejects(pendingCommission(core.ctx, w.buyer, 'creator'), { code: 'FORBIDDEN' });
    await assert.rejects(pendingCommission(core.ctx, w.creator, 'mcn'), { code: 'FORBIDDEN' });
  } finally {
    await core.dispose();
  }
});
