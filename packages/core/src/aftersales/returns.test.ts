import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore } from '../test-support/index.js';
import { findTimer } from '../timers/index.js';
import { accountId, balanceOf } from '../ledger/index.js';
import { actOnCase, arbitrateCase, fileCase } from './cases.js';
import { adminCases, buyerCases, caseView, shopCases } from './case-views.js';
import { delivered, HOUR, rejectsWith, world } from './test-support/fixtures.js';

test('return and refund: approved, shipped back with tracking, confirmed by the merchant: refunded and the shipping insurance paid once', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'rt-refund', { perishable: false });
    const b = await delivered(w, 2);
    const caseId = await fileCase(core.ctx, w.buyer, b.orderId, {
      type: 'return_refund',
      orderLineId: b.lineId,
      reasonCode: 'not_as_described',
      amountFen: 4000,
      note: '颜色不对',
    });
    await rejectsWith(
      actOnCase(core.ctx, w.buyer, caseId, { action: 'ship_return', carrier: '中通快递', trackingNo: 'ZT8000000001' }),
      'ACTION_NOT_ALLOWED',
      409,
    );
    await actOnCase(core.ctx, w.shop.owner, caseId, { action: 'approve', note: '请寄回' });
    await rejectsWith(
      actOnCase(core.ctx, w.buyer, caseId, { action: 'ship_return', carrier: 'X', trackingNo: 'ZT8000000001' }),
      'INVALID_INPUT',
      400,
    );
    await rejectsWith(
      actOnCase(core.ctx, w.buyer, caseId, { action: 'ship_return', carrier: '中通快递', trackingNo: '12' }),
      'INVALID_INPUT',
      400,
    );
    core.clock.advance(HOUR);
    await actOnCase(core.ctx, w.buyer, caseId, {
      action: 'ship_return',
      carrier: '中通快递',
      trackingNo: 'ZT8000000001',
    });
    let v = await caseView(core.ctx.db, w.shop.owner, caseId, core.clock.now());
    assert.deepEqual(v.returnShipment, {
      carrier: '中通快递',
      trackingNo: 'ZT8000000001',
      shippedAt: core.clock.now(),
    });
    assert.deepEqual(v.allowedActions, ['confirm_return', 'reject_return']);
    assert.equal(v.deadline?.kind, 'return_confirm');
    const insurance = await balanceOf(core.ctx.db, accountId('platform_insurance_expense'));
    await actOnCase(core.ctx, w.shop.owner, caseId, { action: 'confirm_return' });
    v = await caseView(core.ctx.db, w.buyer, caseId, core.clock.now());
    assert.deepEqual([v.status, v.refundFen, v.refundableFen, v.deadline], ['refunded', 4000, 5980 - 4000, null]);
    assert.deepEqual(
      v.timeline.map((e) => e.kind),
      ['filed', 'approved', 'return_shipped', 'return_confirmed', 'refunded', 'insurance_paid'],
    );
    assert.equal(await balanceOf(core.ctx.db, accountId('platform_insurance_expense')), insurance - 800);
    const journals = await core.ctx.db
      .selectFrom('ledger_journals')
      .select(['reason', 'ref_kind'])
      .where('ref_id', '=', `${caseId}:insurance`)
      .execute();
    assert.deepEqual(journals, [{ reason: 'compensation', ref_kind: 'aftersales' }]);
    assert.equal((await findTimer(core.ctx.db, 'return_confirm', caseId))?.status, 'cancelled');
  } finally {
    await core.dispose();
  }
});

test('exchange: the merchant receives the parcel and reships; no money moves. A rejected return may be escalated and the platform may reject it', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'rt-exchange', { perishable: false });
    const a = await delivered(w);
    const ex = await fileCase(core.ctx, w.buyer, a.orderId, {
      type: 'exchange',
      orderLineId: a.lineId,
      reasonCode: 'wrong_item',
      amountFen: 100,
    });
    await actOnCase(core.ctx, w.shop.owner, ex, { action: 'approve' });
    await actOnCase(core.ctx, w.buyer, ex, { action: 'ship_return', carrier: '圆通速递', trackingNo: 'YT9000000001' });
    await rejectsWith(actOnCase(core.ctx, w.shop.owner, ex, { action: 'confirm_return' }), 'ACTION_NOT_ALLOWED', 409);
    const stockOf = async () =>
      Number(
        (
          await core.ctx.db
            .selectFrom('skus')
            .select('stock')
            .where('id', '=', w.shop.skuIds[0]!)
            .executeTakeFirstOrThrow()
        ).stock,
      );
    const before = await stockOf();
    await core.ctx.db.updateTable('skus').set({ stock: 0 }).where('id', '=', w.shop.skuIds[0]!).execute();
    await rejectsWith(
      actOnCase(core.ctx, w.shop.owner, ex, { action: 'reship', carrier: '圆通速递', trackingNo: 'YT9000000002' }),
      'OUT_OF_STOCK',
      409,
    );
    await core.ctx.db.updateTable('skus').set({ stock: before }).where('id', '=', w.shop.skuIds[0]!).execute();
    await actOnCase(core.ctx, w.shop.owner, ex, { action: 'reship', carrier: '圆通速递', trackingNo: 'YT9000000002' });
    assert.equal(await stockOf(), before - 1, 'the replacement leaves stock');
    const v = await caseView(core.ctx.db, w.buyer, ex, core.clock.now());
    assert.deepEqual([v.status, v.requestedFen, v.refundFen], ['completed', 0, 0]);
    assert.equal(v.reshipment?.trackingNo, 'YT9000000002');
    assert.deepEqual(
      v.timeline.map((e) => e.kind),
      ['filed', 'approved', 'return_shipped', 'return_confirmed', 'reshipped'],
    );
    assert.equal(
      (await core.ctx.db.selectFrom('refunds').select('id').where('order_id', '=', a.orderId).execute()).length,
      0,
    );

    const b = await delivered(w);
    const rr = await fileCase(core.ctx, w.buyer, b.orderId, {
      type: 'return_refund',
      orderLineId: b.lineId,
      reasonCode: 'damaged',
    });
    await actOnCase(core.ctx, w.shop.owner, rr, { action: 'approve' });
    await actOnCase(core.ctx, w.buyer, rr, { action: 'ship_return', carrier: '圆通速递', trackingNo: 'YT9000000003' });
    await rejectsWith(actOnCase(core.ctx, w.shop.owner, rr, { action: 'reject_return' }), 'INVALID_INPUT', 400);
    await actOnCase(core.ctx, w.shop.owner, rr, { action: 'reject_return', reason: '退回的是空盒' });
    await actOnCase(core.ctx, w.buyer, rr, { action: 'escalate' });
    await rejectsWith(arbitrateCase(core.ctx, w.admin, rr, { decision: 'reject', reason: '  ' }), 'INVALID_INPUT', 400);
    await arbitrateCase(core.ctx, w.admin, rr, { decision: 'reject', reason: '快递记录显示包裹重量不符' });
    const r = await caseView(core.ctx.db, w.buyer, rr, core.clock.now());
    assert.deepEqual([r.status, r.refundFen], ['closed', 0]);
    assert.deepEqual(
      r.timeline.slice(-2).map((e) => [e.actor, e.kind]),
      [
        ['admin', 'arbitrated'],
        ['admin', 'closed'],
      ],
    );
    await rejectsWith(
      arbitrateCase(core.ctx, w.admin, rr, { decision: 'refund', amountFen: 1, reason: '再议' }),
      'ACTION_NOT_ALLOWED',
      409,
    );
  } finally {
    await core.dispose();
  }
});

test('listings: the buyer’s cases newest first, the shop’s most urgent deadline first with counts, the platform’s escalated queue; the buyer may withdraw', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'rt-lists', { perishable: false });
    const orders = [await delivered(w), await delivered(w), await delivered(w), await delivered(w)];
    const file = (i: number, type: string) =>
      fileCase(core.ctx, w.buyer, orders[i]!.orderId, { type, orderLineId: orders[i]!.lineId, reasonCode: 'quality' });
    const first = await file(0, 'refund_only'); // deadline in 48 h
    core.clock.advance(HOUR);
    const second = await file(1, 'return_refund');
    await actOnCase(core.ctx, w.shop.owner, second, { action: 'approve' });
    await actOnCase(core.ctx, w.buyer, second, {
      action: 'ship_return',
      carrier: '中通快递',
      trackingNo: 'ZT9100000001',
    }); // merchant deadline in 48 h from now
    const third = await file(2, 'refund_only');
    await actOnCase(core.ctx, w.shop.owner, third, { action: 'reject', reason: '无质量问题' });
    await actOnCase(core.ctx, w.buyer, third, { action: 'escalate' });
    const fourth = await file(3, 'exchange');
    await actOnCase(core.ctx, w.buyer, fourth, { action: 'cancel' });
    assert.equal((await findTimer(core.ctx.db, 'aftersales_response', fourth))?.status, 'cancelled');

    const mine = await buyerCases(core.ctx.db, w.buyer, { limit: 3 });
    assert.deepEqual(
      mine.items.map((c) => c.id),
      [fourth, third, second],
    );
    assert.deepEqual(
      (await buyerCases(core.ctx.db, w.buyer, { limit: 3, cursor: mine.nextCursor! })).items.map((c) => c.id),
      [first],
    );
    assert.equal(mine.items[0]!.title, '云南冰糖橙 新鲜现摘');
    assert.equal(mine.items[0]!.shopName, 'rt-lists-shop 的店');

    const shop = await shopCases(core.ctx.db, w.shop.owner, w.shop.shopId, { limit: 2 });
    assert.deepEqual(
      shop.items.map((c) => c.id),
      [first, second],
    );
    const rest = await shopCases(core.ctx.db, w.shop.owner, w.shop.shopId, { limit: 2, cursor: shop.nextCursor! });
    assert.deepEqual(
      rest.items.map((c) => c.id),
      [third, fourth],
    );
    assert.equal(rest.nextCursor, null);
    assert.deepEqual(shop.counts, {
      requested: 1,
      countered: 0,
      awaiting_return: 0,
      return_shipped: 1,
      escalated: 1,
      refunded: 0,
      rejected: 0,
      completed: 0,
      closed: 0,
      cancelled: 1,
    });
    assert.deepEqual(
      (await shopCases(core.ctx.db, w.shop.owner, w.shop.shopId, { limit: 10, status: 'escalated' })).items.map(
        (c) => c.id,
      ),
      [third],
    );
    await rejectsWith(shopCases(core.ctx.db, w.buyer, w.shop.shopId, { limit: 10 }), 'NOT_FOUND', 404);

    assert.deepEqual(
      (await adminCases(core.ctx.db, w.admin, { limit: 10 })).items.map((c) => c.id),
      [third],
    );
    await rejectsWith(adminCases(core.ctx.db, w.shop.owner, { limit: 10 }), 'FORBIDDEN', 403);
  } finally {
    await core.dispose();
  }
});
