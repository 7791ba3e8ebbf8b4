import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { cancelOrder, applyNotification } from '../orders/index.js';
import { accountId } from './accounts.js';
import { checkLedger } from './check.js';
import { bal, completeOrder, paidOrder, sendRefunds, setCommission } from './test-support/money-fixtures.js';
import { compensateBuyer, refundOrder } from '../payments/index.js';
import { settleDueOrders, type SettleStep } from './settlement.js';
import { splitLine } from './split-rules.js';

const DAY = 24 * 60 * 60 * 1000;

test('captured → clearing; settles after the window: fee, creator, MCN, colonel, merchant; refunds after settlement claw back', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'money-shop');
    const buyer = await makePerson(core, 'money-buyer');
    const creator = await makePerson(core, 'money-creator', ['creator'], false);
    const mcn = await makePerson(core, 'money-mcn', ['mcn'], false);
    const colonel = await makePerson(core, 'money-colonel', ['colonel'], false);
    const o = await paidOrder(core, buyer, shop.skuIds[0]!, 2); // 2 × ¥29.90 + ¥8 shipping
    assert.equal(o.totalFen, 6780);
    assert.equal(await bal(core, accountId('clearing', shop.shopId)), 6780);
    assert.equal(await bal(core, accountId('provider_cash', 'sandbox')), -6780);
    await setCommission(core, o.orderId, {
      creatorId: creator.userId,
      creatorRateBp: 2000,
      mcnId: mcn.userId,
      mcnShareBp: 3000,
      colonelId: colonel.userId,
      colonelFeeBp: 300,
    });
    await completeOrder(core, shop.owner, buyer, o.orderId);
    assert.equal(await settleDueOrders(core.ctx), 0, 'not before the after-sales window');
    core.clock.advance(7 * DAY - 1000);
    assert.equal(await settleDueOrders(core.ctx), 0);
    core.clock.advance(1000);
    assert.equal(await settleDueOrders(core.ctx), 1);
    assert.equal(await settleDueOrders(core.ctx), 0, 'settled once');
    const parts = splitLine(5980, { feeRateBp: 200, creatorRateBp: 2000, mcnShareBp: 3000, colonelFeeBp: 300 });
    assert.equal(await bal(core, accountId('clearing', shop.shopId)), 0);
    assert.equal(await bal(core, accountId('merchant_available', shop.shopId)), parts.merchant + 800);
    assert.equal(await bal(core, accountId('creator_available', creator.userId)), parts.creator);
    assert.equal(await bal(core, accountId('mcn_available', mcn.userId)), parts.mcn);
    assert.equal(await bal(core, accountId('colonel_available', colonel.userId)), parts.colonel);
    assert.equal(await bal(core, accountId('platform_fee_revenue')), parts.fee);
    assert.deepEqual(
      parts,
      { merchant: 4485, creator: 837, mcn: 359, colonel: 179, fee: 120 },
      'largest remainder: the two spare fen go to the MCN (.8) and the fee (.6)',
    );

    // a refund after settlement claws back from everybody; the whole order refunded reverses it exactly
    const admin = await makePerson(core, 'money-admin', ['admin'], false);
    await refundOrder(core.ctx, admin, o.orderId, { amountFen: 1000, reason: '部分退款', requestKey: 'r1' });
    const again = await refundOrder(core.ctx, admin, o.orderId, {
      amountFen: 1000,
      reason: '部分退款',
      requestKey: 'r1',
    });
    assert.equal(again.duplicate, true, 'the same key never refunds twice');
    await assert.rejects(
      refundOrder(core.ctx, admin, o.orderId, { amountFen: 5781, reason: 'too much', requestKey: 'r2' }),
      { code: 'REFUND_EXCEEDS_REMAINDER' },
    );
    await assert.rejects(refundOrder(core.ctx, admin, o.orderId, { amountFen: 0, reason: 'zero', requestKey: 'r3' }), {
      code: 'INVALID_AMOUNT',
    });
    await assert.rejects(refundOrder(core.ctx, admin, o.orderId, { amountFen: -5, reason: 'neg', requestKey: 'r4' }), {
      code: 'INVALID_AMOUNT',
    });
    await assert.rejects(
      refundOrder(core.ctx, admin, o.orderId, { amountFen: 1, reason: 'key too long', requestKey: 'k'.repeat(65) }),
      { code: 'INVALID_INPUT', details: { field: 'requestKey' } },
      'the request key has the HTTP edge’s bound, 64',
    );
    const stranger = await makeShop(core, 'other-shop');
    await assert.rejects(
      refundOrder(core.ctx, stranger.owner, o.orderId, { amountFen: 10, reason: 'foreign', requestKey: 'r5' }),
      { code: 'NOT_FOUND' },
    );
    await refundOrder(core.ctx, admin, o.orderId, { amountFen: 5780, reason: '全部退款', requestKey: 'r6' });
    await sendRefunds(core);
    for (const a of [
      accountId('merchant_available', shop.shopId),
      accountId('creator_available', creator.userId),
      accountId('mcn_available', mcn.userId),
      accountId('colonel_available', colonel.userId),
      accountId('platform_fee_revenue'),
      accountId('refunds_payable'),
      accountId('provider_cash', 'sandbox'),
    ]) {
      assert.equal(await bal(core, a), 0, `${a} back to zero`);
    }
    const txn = await core.sandbox.transaction(o.txnId);
    assert.equal(txn.refundedFen, 6780);
    assert.ok((await checkLedger(core.ctx.db)).ok);
  } finally {
    await core.dispose();
  }
});

test('refunds before settlement reduce what settles; a cancelled order never settles; balances may go negative after clawback', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'pre-shop');
    const buyer = await makePerson(core, 'pre-buyer');
    const creator = await makePerson(core, 'pre-creator', ['creator'], false);
    const a = await paidOrder(core, buyer, shop.skuIds[1]!, 2); // 2 × ¥49.90, free shipping
    const b = await paidOrder(core, buyer, shop.skuIds[0]!, 1);
    await setCommission(core, a.orderId, { creatorId: creator.userId, creatorRateBp: 1000 });
    await cancelOrder(core.ctx, buyer, b.orderId, '不想要了');
    assert.equal(await bal(core, accountId('refunds_payable')), b.totalFen);
    await refundOrder(core.ctx, shop.owner, a.orderId, { amountFen: 1980, reason: '少发一件配件', requestKey: 'k1' });
    await completeOrder(core, shop.owner, buyer, a.orderId);
    await sendRefunds(core);
    core.clock.advance(8 * DAY);
    assert.equal(await settleDueOrders(core.ctx), 1, 'only the completed order settles');
    const parts = splitLine(9980 - 1980, { feeRateBp: 200, creatorRateBp: 1000, mcnShareBp: 0, colonelFeeBp: 0 });
    assert.equal(await bal(core, accountId('merchant_available', shop.shopId)), parts.merchant);
    assert.equal(await bal(core, accountId('creator_available', creator.userId)), parts.creator);
    assert.equal(await bal(core, accountId('clearing', shop.shopId)), 0);
    // compensation by the merchant can take its balance below zero: visible, settled from future income
    await compensateBuyer(core.ctx, shop.owner, a.orderId, {
      amountFen: parts.merchant + 500,
      paidBy: 'merchant',
      reason: '水果坏了包赔',
      requestKey: 'c1',
    });
    assert.equal(await bal(core, accountId('merchant_available', shop.shopId)), -500);
    await assert.rejects(
      compensateBuyer(core.ctx, shop.owner, a.orderId, {
        amountFen: 100,
        paidBy: 'platform',
        reason: 'x',
        requestKey: 'c2',
      }),
      { code: 'FORBIDDEN' },
    );
    const report = await checkLedger(core.ctx.db);
    assert.ok(report.ok, JSON.stringify(report));
  } finally {
    await core.dispose();
  }
});

test('crash safety: settlement aborted at every step leaves nothing behind; the rerun settles each order once', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'crash-shop');
    const buyer = await makePerson(core, 'crash-buyer');
    const creator = await makePerson(core, 'crash-creator', ['creator'], false);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const o = await paidOrder(core, buyer, shop.skuIds[0]!, 1);
      await setCommission(core, o.orderId, { creatorId: creator.userId, creatorRateBp: 1500 });
      await completeOrder(core, shop.owner, buyer, o.orderId);
      ids.push(o.orderId);
    }
    core.clock.advance(8 * DAY);
    const snapshot = async () => ({
      settlements: (await core.ctx.db.selectFrom('ledger_settlements').select('order_id').execute()).length,
      held: (
        await core.ctx.db.selectFrom('ledger_order_money').select('order_id').where('status', '=', 'held').execute()
      ).length,
      entries: (await core.ctx.db.selectFrom('ledger_entries').select('id').execute()).length,
      clearing: await bal(core, accountId('clearing', shop.shopId)),
    });
    const before = await snapshot();
    for (const step of ['claimed', 'loaded', 'posted', 'recorded'] as SettleStep[]) {
      await assert.rejects(
        settleDueOrders(core.ctx, {
          batchSize: 2,
          fault: (s) => {
            if (s === step) throw new Error(`crash at ${s}`);
          },
        }),
        /crash at/,
      );
      assert.deepEqual(await snapshot(), before, `nothing written when crashing at ${step}`);
      assert.ok((await checkLedger(core.ctx.db)).ok);
    }
    assert.equal(await settleDueOrders(core.ctx, { batchSize: 2 }), 3);
    assert.equal(await settleDueOrders(core.ctx, { batchSize: 2 }), 0);
    const after = await snapshot();
    assert.equal(after.settlements, 3);
    assert.equal(after.clearing, 0);
    assert.ok((await checkLedger(core.ctx.db)).ok);
  } finally {
    await core.dispose();
  }
});

test('duplicate and reordered provider callbacks change nothing in the ledger', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'dup-shop');
    const buyer = await makePerson(core, 'dup-buyer');
    const o = await paidOrder(core, buyer, shop.skuIds[0]!, 1);
    // the payment notification again, under another event id (a gateway that re-sends)
    const again = await applyNotification(
      core.ctx,
      'sandbox',
      {
        eventId: 'replay-1',
        kind: 'payment.succeeded',
        paymentId: o.paymentId,
        providerTxnId: o.txnId,
        amountFen: o.totalFen,
        at: 0,
      },
      '{}',
    );
    assert.equal(again.outcome, 'ignored');
    assert.equal(await bal(core, accountId('clearing', shop.shopId)), o.totalFen, 'captured once');
    await cancelOrder(core.ctx, buyer, o.orderId, '重复下单');
    const refund = await core.ctx.db.selectFrom('refunds').select(['id']).executeTakeFirstOrThrow();
    // a refund notification before we even submitted it (reordered), then again
    const n = {
      eventId: 'rf-1',
      kind: 'refund.succeeded' as const,
      refundId: refund.id,
      providerRefundId: 'sbr_x',
      providerTxnId: o.txnId,
      amountFen: o.totalFen,
      at: 0,
    };
    assert.equal((await applyNotification(core.ctx, 'sandbox', n, '{}')).outcome, 'applied');
    assert.equal((await applyNotification(core.ctx, 'sandbox', n, '{}')).outcome, 'duplicate');
    assert.equal((await applyNotification(core.ctx, 'sandbox', { ...n, eventId: 'rf-2' }, '{}')).outcome, 'ignored');
    assert.equal(
      (await applyNotification(core.ctx, 'sandbox', { ...n, eventId: 'rf-3', providerTxnId: 'sbx_other' }, '{}'))
        .outcome,
      'rejected',
    );
    assert.equal(await bal(core, accountId('refunds_payable')), 0);
    assert.equal(await bal(core, accountId('provider_cash', 'sandbox')), 0);
    assert.ok((await checkLedger(core.ctx.db)).ok);
  } finally {
    await core.dispose();
  }
});
