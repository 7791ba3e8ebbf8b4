import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import { newId } from '../platform/index.js';
import { supplierQuality } from './quality-report.js';
import { createSupplier } from './suppliers.js';
import { makeSupplier, paidOrderOf, receivedBatch } from './test-support/supply-fixtures.js';
import { shipOrder } from '../logistics/index.js';
import type { CaseStatus, CaseType } from '../storage/index.js';

/** An after-sales case row as the after-sales module stores it (type, status, reason, refund). */
async function fileCase(
  core: TestCore,
  orderId: string,
  c: { type: CaseType; status: CaseStatus; reason: string; refundFen: number },
): Promise<void> {
  const line = await core.ctx.db
    .selectFrom('order_lines')
    .innerJoin('orders', 'orders.id', 'order_lines.order_id')
    .select(['order_lines.id', 'order_lines.shop_id', 'orders.buyer_id'])
    .where('order_lines.order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  const now = core.clock.now();
  await core.ctx.db
    .insertInto('aftersales_cases')
    .values({
      id: newId('afterSalesCase', now),
      order_id: orderId,
      order_line_id: line.id,
      shop_id: line.shop_id,
      buyer_id: line.buyer_id,
      type: c.type,
      status: c.status,
      reason_code: c.reason,
      note: '',
      requested_fen: c.refundFen,
      refund_fen: c.refundFen,
      counter_fen: null,
      spoiled_percent: null,
      open_line_key: null,
      claim_line_key: null,
      return_carrier: null,
      return_tracking_no: null,
      return_shipped_at: null,
      reship_carrier: null,
      reship_tracking_no: null,
      reshipped_at: null,
      decided_at: null,
      deadline_kind: null,
      deadline_at: null,
      sort_key: `2${now}`,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

test('supplier quality: units shipped from each supplier’s batches, quality cases and refunds on them, the score', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'quality-shop', 100); // SKU 0 at ¥29.90, SKU 1 at ¥49.90
    const buyer = await makePerson(core, 'quality-buyer');
    const orchard = await makeSupplier(core, shop.owner, shop.shopId, '宾川果农合作社');
    const farm = await makeSupplier(core, shop.owner, shop.shopId, '华宁柑橘场');
    const idle = await createSupplier(core.ctx, shop.owner, shop.shopId, { name: '备用供应商' });
    await receivedBatch(core, shop.owner, shop.shopId, orchard, shop.skuIds[0]!, 100, 5);
    await receivedBatch(core, shop.owner, shop.shopId, farm, shop.skuIds[1]!, 100, 5);
    const ship = async (sku: number, quantity: number): Promise<string> => {
      const orderId = await paidOrderOf(core, buyer, [[shop.skuIds[sku]!, quantity]]);
      await shipOrder(core.ctx, shop.owner, orderId, [{ carrier: '顺丰速运', trackingNo: `SF${orderId.slice(-12)}` }]);
      return orderId;
    };
    const claimed = await ship(0, 2);
    await ship(0, 8);
    const rejected = await ship(0, 10);
    const returned = await ship(1, 5);
    const cancelled = await ship(1, 1);

    // A fresh-produce claim on 2 units, a quarter refunded (¥14.95): counts against the orchard.
    await fileCase(core, claimed, { type: 'fresh_claim', status: 'refunded', reason: 'spoiled', refundFen: 1495 });
    // A quality complaint the merchant rejected does not count; nor a change of mind, nor a withdrawn claim.
    await fileCase(core, rejected, { type: 'refund_only', status: 'rejected', reason: 'quality', refundFen: 0 });
    await fileCase(core, returned, {
      type: 'return_refund',
      status: 'refunded',
      reason: 'changed_mind',
      refundFen: 24_950,
    });
    await fileCase(core, cancelled, { type: 'fresh_claim', status: 'cancelled', reason: 'spoiled', refundFen: 0 });

    const { items } = await supplierQuality(core.ctx.db, shop.owner, shop.shopId);
    assert.deepEqual(
      items.map((i) => i.supplierName),
      ['宾川果农合作社', '华宁柑橘场', '备用供应商'],
      'lowest score first, unrated last',
    );
    const [o, f, i] = items;
    // Orchard: 20 units (¥598.00) shipped, 2 claimed, ¥14.95 refunded → 100 − 200·2/20 − 200·1495/59800 = 100 − 20 − 5.
    assert.deepEqual(o, {
      supplierId: orchard.supplierId,
      supplierName: '宾川果农合作社',
      batches: 1,
      shippedUnits: 20,
      shippedFen: 59_800,
      shippedLines: 3,
      cases: 1,
      claimedUnits: 2,
      refundFen: 1495,
      score: 75,
    });
    assert.deepEqual(f, {
      supplierId: farm.supplierId,
      supplierName: '华宁柑橘场',
      batches: 1,
      shippedUnits: 6,
      shippedFen: 29_940,
      shippedLines: 2,
      cases: 0,
      claimedUnits: 0,
      refundFen: 0,
      score: 100,
    });
    assert.deepEqual(i, {
      supplierId: idle.id,
      supplierName: '备用供应商',
      batches: 0,
      shippedUnits: 0,
      shippedFen: 0,
      shippedLines: 0,
      cases: 0,
      claimedUnits: 0,
      refundFen: 0,
      score: null,
    });
  } finally {
    await core.dispose();
  }
});
