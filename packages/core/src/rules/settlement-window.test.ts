import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { checkout } from '../checkout/index.js';
import { confirmReceipt, applyNotification } from '../orders/index.js';
import { updateCategoryRuleProfile } from './category-rules.js';
import { shipOrder } from '../logistics/index.js';

const DAY = 24 * 3600 * 1000;

test('settlement waits the window the order was sold under, not one changed afterwards', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'window-shop');
    const buyer = await makePerson(core, 'window-buyer');
    const admin = await makePerson(core, 'window-admin', ['admin'], false);
    const c = (
      await checkout(core.ctx, buyer, {
        items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
      })
    ).body;
    await applyNotification(
      core.ctx,
      'sandbox',
      {
        eventId: 'w1',
        kind: 'payment.succeeded',
        paymentId: c.payment.id,
        providerTxnId: 'sbx_w1',
        amountFen: c.totalFen,
        at: 0,
      },
      '{}',
    );
    await updateCategoryRuleProfile(core.ctx, admin, shop.categoryId, { settleWindowDays: 30 });
    const orderId = c.orders[0]!.id;
    await shipOrder(core.ctx, shop.owner, orderId, [{ carrier: '顺丰速运', trackingNo: 'SF90000001' }]);
    const completedAt = core.clock.now();
    await confirmReceipt(core.ctx, buyer, orderId);
    const money = await core.ctx.db
      .selectFrom('ledger_order_money')
      .select('settle_due_at')
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(money.settle_due_at), completedAt + 7 * DAY);
  } finally {
    await core.dispose();
  }
});
