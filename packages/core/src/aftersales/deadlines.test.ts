import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore, type TestCore } from '../test-support/index.js';
import { updateShop } from '../catalog/index.js';
import { updateCategoryRuleProfile, shopDeadlines } from '../rules/index.js';
import { runDueTimers, findTimer } from '../timers/index.js';
import { accountId, balanceOf } from '../ledger/index.js';
import { actOnCase, fileCase } from './cases.js';
import { caseView } from './case-views.js';
import { buyAndPay, DAY, delivered, HOUR, MIN, photo, ship, world, type World } from './test-support/fixtures.js';
import { orderDetail } from '../orderviews/index.js';

const fire = (core: TestCore) => runDueTimers(core.ctx, core.timers);
const statusOf = async (w: World, caseId: string) =>
  (await caseView(w.core.ctx.db, w.buyer, caseId, w.core.clock.now())).status;
const stockOf = async (w: World, sku = 0) =>
  Number(
    (
      await w.core.ctx.db
        .selectFrom('skus')
        .select('stock')
        .where('id', '=', w.shop.skuIds[sku]!)
        .executeTakeFirstOrThrow()
    ).stock,
  );
const refundsOf = async (w: World, orderId: string) =>
  (
    await w.core.ctx.db
      .selectFrom('refunds')
      .select(['amount_fen', 'request_key'])
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute()
  ).map((r) => [Number(r.amount_fen), r.request_key]);

test('a refund request before shipping that the merchant leaves unanswered is approved at the deadline: refunded with the shipping fee, stock back, order closed', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'dl-unshipped', { stock: 10 });
    await updateCategoryRuleProfile(core.ctx, w.admin, w.shop.categoryId, { refundResponseHours: 24 });
    const b = await buyAndPay(w, 2); // ¥59.80 + ¥8 shipping
    assert.equal(await stockOf(w), 8);
    core.clock.advance(10 * MIN);
    const caseId = await fileCase(core.ctx, w.buyer, b.orderId, {
      type: 'refund_unshipped',
      orderLineId: b.lineId,
      reasonCode: 'changed_mind',
    });
    const dueAt = core.clock.now() + 24 * HOUR;
    const v = await caseView(core.ctx.db, w.shop.owner, caseId, core.clock.now());
    assert.deepEqual(v.deadline, { kind: 'refund_response', dueAt });
    const countdowns = await shopDeadlines(core.ctx.db, w.shop.owner, w.shop.shopId, core.clock.now());
    assert.deepEqual(
      countdowns.items.find((i) => i.kind === 'refund_response'),
      { orderId: b.orderId, kind: 'refund_response', dueAt, remainingMs: 24 * HOUR, caseId },
    );

    core.clock.advance(24 * HOUR - 1);
    await fire(core);
    assert.equal(await statusOf(w, caseId), 'requested');
    core.clock.advance(1);
    await fire(core);
    const after = await caseView(core.ctx.db, w.buyer, caseId, core.clock.now());
    assert.equal(after.status, 'refunded');
    assert.equal(after.refundFen, 5980);
    assert.deepEqual(
      after.timeline.map((e) => [e.actor, e.kind]),
      [
        ['buyer', 'filed'],
        ['system', 'auto_approved'],
        ['system', 'refunded'],
      ],
    );
    assert.deepEqual(await refundsOf(w, b.orderId), [
      [5980, `aftersales:${caseId}`],
      [800, `aftersales:${caseId}:shipping`],
    ]);
    assert.equal(await stockOf(w), 10);
    const order = await orderDetail(core.ctx.db, w.buyer, b.orderId, core.clock.now());
    assert.equal(order.status, 'cancelled');
    assert.equal(order.transitions.at(-1)?.actorKind, 'buyer');
    assert.equal(
      (await findTimer(core.ctx.db, 'ship_by', b.orderId))?.status,
      'cancelled',
      'no ship-by deadline runs on the closed order',
    );
    assert.deepEqual((await shopDeadlines(core.ctx.db, w.shop.owner, w.shop.shopId, core.clock.now())).items, []);
  } finally {
    await core.dispose();
  }
});

test('fast refund: refunded at once when the shop opted in, the amount is within the limit and the request is within 6 h of payment; otherwise the merchant answers', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'dl-fast', { stock: 50 });
    await updateShop(core.ctx, w.shop.owner, w.shop.shopId, {
      name: 'dl-fast-shop 的店',
      shippingFeeFen: 800,
      freeShippingOverFen: 9900,
      fastRefund: true,
    });
    const small = await buyAndPay(w);
    core.clock.advance(6 * HOUR);
    const fast = await fileCase(core.ctx, w.buyer, small.orderId, {
      type: 'refund_unshipped',
      orderLineId: small.lineId,
      reasonCode: 'changed_mind',
    });
    const v = await caseView(core.ctx.db, w.buyer, fast, core.clock.now());
    assert.deepEqual([v.status, v.refundFen, v.deadline], ['refunded', 2990, null]);
    assert.equal(v.timeline[1]!.kind, 'auto_approved');
    assert.equal((await orderDetail(core.ctx.db, w.buyer, small.orderId)).status, 'cancelled');
    assert.equal(await findTimer(core.ctx.db, 'refund_response', fast), undefined);

    const late = await buyAndPay(w);
    core.clock.advance(6 * HOUR + 1);
    const slow = await fileCase(core.ctx, w.buyer, late.orderId, {
      type: 'refund_unshipped',
      orderLineId: late.lineId,
      reasonCode: 'changed_mind',
    });
    assert.equal(await statusOf(w, slow), 'requested', 'more than 6 h after payment');

    const big = await buyAndPay(w, 7, 1); // 7 × ¥49.90 = ¥349.30 > ¥300
    const large = await fileCase(core.ctx, w.buyer, big.orderId, {
      type: 'refund_unshipped',
      orderLineId: big.lineId,
      reasonCode: 'changed_mind',
    });
    assert.equal(await statusOf(w, large), 'requested', 'above the fast-refund amount');
    await actOnCase(core.ctx, w.shop.owner, large, { action: 'reject', reason: '已打包' });
    assert.equal(await statusOf(w, large), 'rejected');

    const part = await buyAndPay(w, 7, 1);
    const partial = await fileCase(core.ctx, w.buyer, part.orderId, {
      type: 'refund_unshipped',
      orderLineId: part.lineId,
      reasonCode: 'changed_mind',
      amountFen: 30_000,
    });
    const pv = await caseView(core.ctx.db, w.buyer, partial, core.clock.now());
    assert.deepEqual([pv.status, pv.refundFen], ['refunded', 30_000], 'a partial request within the limit is fast');
    assert.equal(
      (await orderDetail(core.ctx.db, w.buyer, part.orderId)).status,
      'paid',
      'a partly refunded order still ships',
    );

    const off = await world(core, 'dl-nofast');
    const o = await buyAndPay(off);
    const normal = await fileCase(core.ctx, off.buyer, o.orderId, {
      type: 'refund_unshipped',
      orderLineId: o.lineId,
      reasonCode: 'changed_mind',
    });
    assert.equal(await statusOf(off, normal), 'requested', 'the shop did not opt in');
  } finally {
    await core.dispose();
  }
});

test('an after-sales request on a shipped order that the merchant leaves unanswered is approved after 48 h', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'dl-shipped');
    const b = await buyAndPay(w);
    await ship(w, b.orderId);
    const caseId = await fileCase(core.ctx, w.buyer, b.orderId, {
      type: 'refund_only',
      orderLineId: b.lineId,
      reasonCode: 'not_received',
      amountFen: 1000,
    });
    core.clock.advance(48 * HOUR - 1);
    await fire(core);
    assert.equal(await statusOf(w, caseId), 'requested');
    core.clock.advance(1);
    await fire(core);
    const v = await caseView(core.ctx.db, w.buyer, caseId, core.clock.now());
    assert.deepEqual([v.status, v.refundFen], ['refunded', 1000]);
    assert.deepEqual(await refundsOf(w, b.orderId), [[1000, `aftersales:${caseId}`]]);
    assert.equal((await orderDetail(core.ctx.db, w.buyer, b.orderId)).status, 'shipped');
  } finally {
    await core.dispose();
  }
});

test('returns: a return not shipped back in time closes the case; a returned parcel not confirmed in time is refunded with the shipping insurance', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'dl-return', { perishable: false });
    const a = await delivered(w);
    const notShipped = await fileCase(core.ctx, w.buyer, a.orderId, {
      type: 'return_refund',
      orderLineId: a.lineId,
      reasonCode: 'no_reason',
    });
    core.clock.advance(48 * HOUR); // the merchant does not answer: approved, the return starts
    await fire(core);
    let v = await caseView(core.ctx.db, w.buyer, notShipped, core.clock.now());
    assert.equal(v.status, 'awaiting_return');
    assert.deepEqual(v.deadline, { kind: 'return_ship', dueAt: core.clock.now() + 7 * DAY });
    assert.deepEqual(v.allowedActions, ['ship_return', 'cancel']);
    assert.ok(
      !(await shopDeadlines(core.ctx.db, w.shop.owner, w.shop.shopId, core.clock.now())).items.some(
        (i) => i.kind === 'return_ship',
      ),
      "the buyer's deadline is not the merchant's countdown",
    );
    core.clock.advance(7 * DAY - 1);
    await fire(core);
    assert.equal(await statusOf(w, notShipped), 'awaiting_return');
    core.clock.advance(1);
    await fire(core);
    v = await caseView(core.ctx.db, w.buyer, notShipped, core.clock.now());
    assert.deepEqual([v.status, v.refundFen, v.timeline.at(-1)?.kind], ['closed', 0, 'closed']);

    const b = await delivered(w);
    const caseId = await fileCase(core.ctx, w.buyer, b.orderId, {
      type: 'return_refund',
      orderLineId: b.lineId,
      reasonCode: 'quality',
    });
    await actOnCase(core.ctx, w.shop.owner, caseId, { action: 'approve' });
    await actOnCase(core.ctx, w.buyer, caseId, {
      action: 'ship_return',
      carrier: '中通快递',
      trackingNo: 'ZT7000000001',
    });
    const insurance = await balanceOf(core.ctx.db, accountId('platform_insurance_expense'));
    const owed = await balanceOf(core.ctx.db, accountId('buyer_compensation_payable'));
    core.clock.advance(48 * HOUR - 1);
    await fire(core);
    assert.equal(await statusOf(w, caseId), 'return_shipped');
    core.clock.advance(1);
    await fire(core);
    v = await caseView(core.ctx.db, w.buyer, caseId, core.clock.now());
    assert.deepEqual([v.status, v.refundFen], ['refunded', 2990]);
    assert.deepEqual(
      v.timeline.slice(-3).map((e) => [e.actor, e.kind, e.amountFen]),
      [
        ['system', 'auto_approved', null],
        ['system', 'refunded', 2990],
        ['system', 'insurance_paid', 800],
      ],
    );
    assert.equal(await balanceOf(core.ctx.db, accountId('platform_insurance_expense')), insurance - 800);
    assert.equal(await balanceOf(core.ctx.db, accountId('buyer_compensation_payable')), owed + 800);
  } finally {
    await core.dispose();
  }
});

test('a counter-offer the buyer does not answer within 7 days lapses; a rejection can be escalated for 7 days only', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'dl-counter');
    const a = await delivered(w);
    const countered = await fileCase(core.ctx, w.buyer, a.orderId, {
      type: 'fresh_claim',
      orderLineId: a.lineId,
      reasonCode: 'spoiled',
      spoiledPercent: 40,
      evidence: [await photo(w)],
    });
    await actOnCase(core.ctx, w.shop.owner, countered, { action: 'counter', amountFen: 600, note: '给你六块' });
    const b = await delivered(w);
    const rejected = await fileCase(core.ctx, w.buyer, b.orderId, {
      type: 'refund_only',
      orderLineId: b.lineId,
      reasonCode: 'quality',
    });
    await actOnCase(core.ctx, w.shop.owner, rejected, { action: 'reject', reason: '质量没有问题' });
    core.clock.advance(7 * DAY - 1);
    await fire(core);
    assert.equal(await statusOf(w, countered), 'countered');
    assert.deepEqual((await caseView(core.ctx.db, w.buyer, rejected, core.clock.now())).allowedActions, ['escalate']);
    core.clock.advance(2);
    await fire(core);
    assert.equal(await statusOf(w, countered), 'closed');
    assert.deepEqual((await caseView(core.ctx.db, w.buyer, rejected, core.clock.now())).allowedActions, []);
    await assert.rejects(actOnCase(core.ctx, w.buyer, rejected, { action: 'escalate' }), {
      code: 'CLAIM_WINDOW_CLOSED',
    });
    const again = await fileCase(core.ctx, w.buyer, b.orderId, {
      type: 'return_refund',
      orderLineId: b.lineId,
      reasonCode: 'quality',
    });
    assert.equal(
      await statusOf(w, again),
      'requested',
      'after a rejection the buyer may file another case on the line',
    );
  } finally {
    await core.dispose();
  }
});
