import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/index.js';
import { actOnCase, fileCase } from '../aftersales/index.js';
import { applyNotification } from '../orders/index.js';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { arbitrationConversation } from './desk.js';
import { openConversation } from './conversations.js';
import { sendMessage } from './messages.js';
import { shipOrder } from '../logistics/index.js';

test('an admin reads the conversation of a case only once it is under arbitration, and every read is logged', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'arb-shop');
    const buyer = await makePerson(core, 'arb-buyer');
    const admin = await makePerson(core, 'arb-admin', ['admin']);
    const c = (
      await checkout(core.ctx, buyer, {
        items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
      })
    ).body;
    await applyNotification(
      core.ctx,
      'sandbox',
      {
        eventId: `arb-${c.payment.id}`,
        kind: 'payment.succeeded',
        paymentId: c.payment.id,
        providerTxnId: `sbx_arb_${c.payment.id}`,
        amountFen: c.totalFen,
        at: 0,
      },
      '{}',
    );
    const orderId = c.orders[0]!.id;
    await shipOrder(core.ctx, shop.owner, orderId, [{ carrier: '顺丰速运', trackingNo: 'SFARB0000001' }]);
    const lineId = (
      await core.ctx.db.selectFrom('order_lines').select('id').where('order_id', '=', orderId).executeTakeFirstOrThrow()
    ).id;
    const caseId = await fileCase(core.ctx, buyer, orderId, {
      type: 'refund_only',
      orderLineId: lineId,
      reasonCode: 'missing',
    });

    const conv = await openConversation(core.ctx, buyer, { source: 'aftersales', sourceId: caseId });
    await sendMessage(core.ctx, buyer, conv.id, { clientId: 'a1', kind: 'aftersales', caseId });
    await sendMessage(core.ctx, shop.owner, conv.id, { clientId: 's1', kind: 'text', text: '我们核实一下发货记录' });

    await assert.rejects(arbitrationConversation(core.ctx, buyer, caseId), { code: 'FORBIDDEN' });
    await assert.rejects(arbitrationConversation(core.ctx, admin, caseId), { code: 'NOT_ARBITRATED', status: 403 });
    assert.equal((await core.ctx.db.selectFrom('service_access_log').selectAll().execute()).length, 0);

    await actOnCase(core.ctx, shop.owner, caseId, { action: 'reject', reason: '已核实发货' });
    await actOnCase(core.ctx, buyer, caseId, { action: 'escalate' });
    const read = await arbitrationConversation(core.ctx, admin, caseId);
    assert.equal(read.conversation?.id, conv.id);
    assert.deepEqual(
      read.messages.map((m) => m.kind),
      ['aftersales', 'text'],
    );
    const log = await core.ctx.db.selectFrom('service_access_log').selectAll().execute();
    assert.deepEqual(
      log.map((l) => [l.admin_id, l.case_id, l.conversation_id]),
      [[admin.userId, caseId, conv.id]],
    );
  } finally {
    await core.dispose();
  }
});
