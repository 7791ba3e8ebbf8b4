import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore, type TestCore } from '../test-support/index.js';
import { updateCategoryRuleProfile } from '../rules/index.js';
import { runDueTimers } from '../timers/index.js';
import { actOnCase, fileCase } from './cases.js';
import { buyAndPay, HOUR, MIN, world } from './test-support/fixtures.js';

const fire = (core: TestCore) => runDueTimers(core.ctx, core.timers);
const lateAt = async (core: TestCore, orderId: string) =>
  (await core.ctx.db.selectFrom('orders').select('late_at').where('id', '=', orderId).executeTakeFirstOrThrow())
    .late_at;
const violations = async (core: TestCore, shopId: string) =>
  (
    await core.ctx.db
      .selectFrom('violations')
      .select('ref_id')
      .where('subject_kind', '=', 'shop')
      .where('subject_id', '=', shopId)
      .execute()
  ).length;

test('the ship-by rule waits while the buyer’s refund request before shipping is open; a rejected request that still does not ship is late', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'shipby-wait', { stock: 10 });
    await updateCategoryRuleProfile(core.ctx, w.admin, w.shop.categoryId, { shipByHours: 48, refundResponseHours: 72 });
    const b = await buyAndPay(w, 1);
    core.clock.advance(47 * HOUR);
    const caseId = await fileCase(core.ctx, w.buyer, b.orderId, {
      type: 'refund_unshipped',
      orderLineId: b.lineId,
      reasonCode: 'changed_mind',
    });
    core.clock.advance(2 * HOUR); // past the ship-by deadline, the request still open
    await fire(core);
    assert.equal(await lateAt(core, b.orderId), null, 'no late flag while the request is open');
    assert.equal(await violations(core, w.shop.shopId), 0);

    await actOnCase(core.ctx, w.shop.owner, caseId, { action: 'reject', reason: '已与买家协商继续发货' });
    core.clock.advance(30 * MIN);
    await fire(core);
    assert.equal(await lateAt(core, b.orderId), null, 'the next check is an hour after the last');
    core.clock.advance(31 * MIN);
    await fire(core);
    assert.equal(await lateAt(core, b.orderId), core.clock.now(), 'rejected and still not shipped: late');
    assert.equal(await violations(core, w.shop.shopId), 1);
  } finally {
    await core.dispose();
  }
});
