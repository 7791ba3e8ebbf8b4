import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { paidOrder } from '../ledger/test-support/index.js';
import { accountId, postJournal, checkLedger } from '../ledger/index.js';
import { submitPendingCompensations } from '../payments/index.js';
import { up } from './migrations/0017_buyer_compensation.js';

test('0017 gives compensation booked before payouts existed a pending payout, which is then paid', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'mig-cmp');
    const buyer = await makePerson(core, 'mig-cmp-b');
    const { orderId } = await paidOrder(core, buyer, shop.skuIds[0]!);
    // The schema as it was before 0017, with a late-shipment compensation booked the old way.
    await core.ctx.db.schema.dropTable('compensation_payouts').execute();
    await core.ctx.db.schema.dropTable('sandbox_transfers').execute();
    await core.ctx.db.transaction().execute((tx) =>
      postJournal(
        tx,
        {
          reason: 'compensation',
          refKind: 'order',
          refId: `${orderId}:late_shipment`,
          memo: 'late',
          entries: [
            { account: accountId('merchant_available', shop.shopId), amountFen: -300 },
            { account: accountId('buyer_compensation_payable'), amountFen: 300 },
          ],
        },
        core.clock.now(),
      ),
    );
    await up(core.ctx.db);
    const rows = await core.ctx.db.selectFrom('compensation_payouts').selectAll().execute();
    assert.deepEqual(
      rows.map((r) => [r.order_id, r.kind, r.paid_by, Number(r.amount_fen), r.status]),
      [[orderId, 'late_shipment', 'merchant', 300, 'pending']],
    );
    assert.equal((await checkLedger(core.ctx.db)).ok, true);
    assert.equal(await submitPendingCompensations(core.ctx), 1);
  } finally {
    await core.dispose();
  }
});
