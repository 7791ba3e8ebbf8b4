import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { openTestCore, type TestCore } from '../test-support/index.js';
import { accountId, checkLedger, settleDueOrders, splitLine, sumParts } from '../ledger/index.js';
import { refundOrder } from '../payments/index.js';
import { bal, completeOrder, sendRefunds } from '../ledger/test-support/index.js';
import { applyToActivity, createActivity, decideActivityProduct } from './colonels.js';
import { acceptContract, endContract, proposeContract } from './mcn.js';
import { createPlan } from './plans.js';
import { addToShowcase } from './showcase.js';
import { createLink } from './links.js';
import { colonelPerformance, creatorEarnings, mcnPerformance, shopAffiliatePerformance } from './performance.js';
import { buyVia, lineOf, makeWorld, type World } from './test-support/affiliate-fixtures.js';

const DAY = 24 * 3_600_000;

interface Terms {
  generalBp: number;
  floorBp: number;
  feeBp: number;
  colonelRateBp: number;
  shareBp: number;
}

/** A general plan, a colonel activity with the product in it, an MCN contract, and the creator's link through the activity. */
async function setUp(
  core: TestCore,
  w: World,
  t: Terms,
): Promise<{ token: string; activityId: string; contractId: string }> {
  await createPlan(core.ctx, w.shop.owner, w.shop.productId, { kind: 'general', rateBp: t.generalBp });
  const activity = await createActivity(core.ctx, w.colonel, {
    name: '秋季水果节',
    commissionFloorBp: t.floorBp,
    serviceFeeBp: t.feeBp,
    endsAt: core.clock.now() + 60 * DAY,
  });
  const applied = await applyToActivity(core.ctx, w.shop.owner, w.shop.productId, {
    activityId: activity.id,
    rateBp: t.colonelRateBp,
  });
  await decideActivityProduct(core.ctx, w.colonel, applied.id, 'approve');
  const contract = await proposeContract(core.ctx, w.mcn, {
    creatorId: w.creator.userId,
    shareBp: t.shareBp,
    endsAt: core.clock.now() + 365 * DAY,
  });
  await acceptContract(core.ctx, w.creator, contract.id);
  await addToShowcase(core.ctx, w.creator, { productId: w.shop.productId, activityId: activity.id });
  const link = await createLink(core.ctx, w.creator, { productId: w.shop.productId, validDays: 30 });
  return { token: link.token, activityId: activity.id, contractId: contract.id };
}

test('creator, MCN and colonel are paid from the snapshot to the fen; the parts add up to the line; a refund claws back pro rata; a contract change applies to later orders only', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'mo');
    const { token, contractId } = await setUp(core, w, {
      generalBp: 1000,
      floorBp: 2000,
      feeBp: 500,
      colonelRateBp: 2500,
      shareBp: 3000,
    });
    const orderId = await buyVia(core, w.buyer, w.shop.skuIds[1]!, { source: 'link', contentId: token }, 2); // 2 × ¥49.90
    const line = await lineOf(core, orderId);
    assert.deepEqual(
      [line.plan_kind, line.creator_rate_bp, line.colonel_id, line.colonel_fee_bp, line.mcn_id, line.mcn_share_bp],
      ['colonel', 2000, w.colonel.userId, 500, w.mcn.userId, 3000],
    );
    const rates = { feeRateBp: 200, creatorRateBp: 2000, mcnShareBp: 3000, colonelFeeBp: 500 };
    const parts = splitLine(9980, rates);
    assert.equal(sumParts(parts), 9980);
    assert.deepEqual(
      parts,
      { merchant: 7285, creator: 1397, mcn: 599, colonel: 499, fee: 200 },
      'largest remainder: the spare fen goes to the MCN (.8 over the creator’s .2)',
    );

    await completeOrder(core, w.shop.owner, w.buyer, orderId);
    core.clock.advance(8 * DAY);
    assert.equal(await settleDueOrders(core.ctx), 1);
    const balances = async () => ({
      merchant: await bal(core, accountId('merchant_available', w.shop.shopId)),
      creator: await bal(core, accountId('creator_available', w.creator.userId)),
      mcn: await bal(core, accountId('mcn_available', w.mcn.userId)),
      colonel: await bal(core, accountId('colonel_available', w.colonel.userId)),
      fee: await bal(core, accountId('platform_fee_revenue')),
    });
    assert.deepEqual(await balances(), parts);

    const window = { from: core.clock.now() - 30 * DAY };
    const earned = await creatorEarnings(core.ctx, w.creator, window);
    assert.deepEqual(
      [earned.total.gmvFen, earned.total.orders, earned.total.creatorFen, earned.total.settledFen],
      [9980, 1, parts.creator, parts.creator],
    );
    assert.equal((await mcnPerformance(core.ctx, w.mcn, window)).total.mcnFen, parts.mcn);
    assert.equal((await colonelPerformance(core.ctx, w.colonel, window)).total.colonelFen, parts.colonel);
    const shop = await shopAffiliatePerformance(core.ctx, w.shop.owner, w.shop.shopId, window);
    assert.deepEqual(
      shop.rows.map((r) => [r.key, r.gmvFen, r.settledFen]),
      [[w.creator.userId, 9980, parts.creator + parts.mcn + parts.colonel]],
    );

    await refundOrder(core.ctx, w.shop.owner, orderId, {
      amountFen: 2495,
      reason: '一箱坏了一部分',
      requestKey: 'mo-r1',
    });
    await sendRefunds(core);
    const back = splitLine(2495, rates);
    assert.deepEqual(
      await balances(),
      {
        merchant: parts.merchant - back.merchant,
        creator: parts.creator - back.creator,
        mcn: parts.mcn - back.mcn,
        colonel: parts.colonel - back.colonel,
        fee: parts.fee - back.fee,
      },
      'every party gave back its split of the refund',
    );
    assert.equal((await creatorEarnings(core.ctx, w.creator, window)).total.refundsFen, 2495);

    // The MCN contract ends: later orders carry no MCN; the earlier line keeps its snapshot.
    await endContract(core.ctx, w.mcn, contractId);
    const later = await lineOf(
      core,
      await buyVia(core, w.buyer, w.shop.skuIds[1]!, { source: 'link', contentId: token }, 1),
    );
    assert.deepEqual([later.mcn_id, later.mcn_share_bp, later.creator_rate_bp], [null, 0, 2000]);
    assert.equal((await lineOf(core, orderId)).mcn_share_bp, 3000);
    const report = await checkLedger(core.ctx.db);
    assert.ok(report.ok, JSON.stringify(report));
  } finally {
    await core.dispose();
  }
});

test('the earnings reports read what the ledger paid for each line: after a refund whose split rounds differently, rows and totals still equal the balances to the fen', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'mx');
    const { token } = await setUp(core, w, {
      generalBp: 1000,
      floorBp: 2000,
      feeBp: 500,
      colonelRateBp: 2500,
      shareBp: 3000,
    });
    const orderId = await buyVia(core, w.buyer, w.shop.skuIds[1]!, { source: 'link', contentId: token }, 2); // 2 × ¥49.90
    const open = await buyVia(core, w.buyer, w.shop.skuIds[1]!, { source: 'link', contentId: token }, 1); // not settled yet
    await completeOrder(core, w.shop.owner, w.buyer, orderId);
    core.clock.advance(8 * DAY);
    assert.equal(await settleDueOrders(core.ctx), 1);
    await refundOrder(core.ctx, w.shop.owner, orderId, { amountFen: 3, reason: '少了三分钱', requestKey: 'mx-r1' });
    await sendRefunds(core);
    const rates = { feeRateBp: 200, creatorRateBp: 2000, mcnShareBp: 3000, colonelFeeBp: 500 };
    const paid = splitLine(9980, rates).creator - splitLine(3, rates).creator;
    assert.notEqual(
      paid,
      splitLine(9977, rates).creator,
      'the case where recomputing from the refunded line is off by a fen',
    );
    const balance = {
      creator: await bal(core, accountId('creator_available', w.creator.userId)),
      mcn: await bal(core, accountId('mcn_available', w.mcn.userId)),
      colonel: await bal(core, accountId('colonel_available', w.colonel.userId)),
    };
    assert.equal(balance.creator, paid);

    const window = { from: core.clock.now() - 30 * DAY };
    const pending = splitLine(4990, rates);
    for (const groupBy of ['product', 'video'] as const) {
      const earned = await creatorEarnings(core.ctx, w.creator, { ...window, groupBy });
      assert.equal(earned.total.settledFen, balance.creator, 'settled = the ledger balance');
      assert.equal(
        earned.total.creatorFen,
        balance.creator + pending.creator,
        'and the open order adds what settlement will pay',
      );
      assert.equal(
        earned.rows.reduce((n, r) => n + r.settledFen, 0),
        earned.total.settledFen,
      );
      assert.equal(
        earned.rows.reduce((n, r) => n + r.creatorFen, 0),
        earned.total.creatorFen,
      );
    }
    assert.equal((await mcnPerformance(core.ctx, w.mcn, window)).total.settledFen, balance.mcn);
    assert.equal((await colonelPerformance(core.ctx, w.colonel, window)).total.settledFen, balance.colonel);
    const shop = await shopAffiliatePerformance(core.ctx, w.shop.owner, w.shop.shopId, window);
    assert.equal(shop.total.settledFen, balance.creator + balance.mcn + balance.colonel);
    assert.ok(open);
  } finally {
    await core.dispose();
  }
});

test('property: random terms, quantities and refunds — the snapshot holds the rules’ rates; every party is paid its split of the line and gives back its split of the refund', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        generalBp: fc.integer({ min: 100, max: 5000 }),
        floorBp: fc.integer({ min: 0, max: 4000 }),
        feeBp: fc.integer({ min: 0, max: 4000 }),
        extraBp: fc.integer({ min: 0, max: 3000 }),
        shareBp: fc.integer({ min: 100, max: 9000 }),
        viaActivity: fc.boolean(),
        qty: fc.integer({ min: 1, max: 5 }),
        refundPer10k: fc.integer({ min: 0, max: 10000 }),
      }),
      async (r) => {
        const core = await openTestCore();
        try {
          const w = await makeWorld(core, 'fc');
          const floorBp = Math.max(r.floorBp, r.feeBp);
          const colonelRateBp = Math.min(floorBp + r.extraBp, 9000 - r.feeBp);
          const { token, activityId } = await setUp(core, w, {
            generalBp: r.generalBp,
            floorBp,
            feeBp: r.feeBp,
            colonelRateBp,
            shareBp: r.shareBp,
          });
          if (!r.viaActivity) {
            // Another creator without the activity: the general plan, no colonel, no MCN.
            await addToShowcase(core.ctx, w.other, { productId: w.shop.productId });
          }
          const seller = r.viaActivity ? w.creator : w.other;
          const sellerToken = r.viaActivity
            ? token
            : (await createLink(core.ctx, w.other, { productId: w.shop.productId })).token;
          const orderId = await buyVia(
            core,
            w.buyer,
            w.shop.skuIds[1]!,
            { source: 'link', contentId: sellerToken },
            r.qty,
          );
          const line = await lineOf(core, orderId);
          const expected = r.viaActivity
            ? {
                creatorRateBp: colonelRateBp - r.feeBp,
                colonelFeeBp: r.feeBp,
                mcnShareBp: colonelRateBp - r.feeBp > 0 ? r.shareBp : 0,
              }
            : { creatorRateBp: r.generalBp, colonelFeeBp: 0, mcnShareBp: 0 };
          assert.deepEqual(
            { creatorRateBp: line.creator_rate_bp, colonelFeeBp: line.colonel_fee_bp, mcnShareBp: line.mcn_share_bp },
            expected,
            activityId,
          );
          const amount = 4990 * r.qty;
          await completeOrder(core, w.shop.owner, w.buyer, orderId);
          core.clock.advance(8 * DAY);
          assert.equal(await settleDueOrders(core.ctx), 1);
          const refund = Math.floor((amount * r.refundPer10k) / 10000);
          if (refund > 0) {
            await refundOrder(core.ctx, w.shop.owner, orderId, {
              amountFen: refund,
              reason: '部分退款',
              requestKey: 'fc-r',
            });
            await sendRefunds(core);
          }
          // Settled on the whole line, then each party gave back its split of what the line refunded (the rest of a refund is shipping).
          const lineRefunded = Number((await lineOf(core, orderId)).refunded_fen);
          const settled = splitLine(amount, { feeRateBp: 200, ...expected });
          const back = splitLine(lineRefunded, { feeRateBp: 200, ...expected });
          assert.equal(sumParts(settled), amount);
          assert.equal(sumParts(back), lineRefunded);
          assert.equal(await bal(core, accountId('creator_available', seller.userId)), settled.creator - back.creator);
          assert.equal(
            await bal(core, accountId('mcn_available', w.mcn.userId)),
            r.viaActivity ? settled.mcn - back.mcn : 0,
          );
          assert.equal(
            await bal(core, accountId('colonel_available', w.colonel.userId)),
            settled.colonel - back.colonel,
          );
          assert.equal(await bal(core, accountId('platform_fee_revenue')), settled.fee - back.fee);
          assert.ok((await checkLedger(core.ctx.db)).ok);
        } finally {
          await core.dispose();
        }
      },
    ),
    {
      numRuns: 6,
      examples: [
        [
          {
            generalBp: 100,
            floorBp: 0,
            feeBp: 0,
            extraBp: 0,
            shareBp: 100,
            viaActivity: false,
            qty: 1,
            refundPer10k: 1325,
          },
        ],
      ],
    },
  );
});
