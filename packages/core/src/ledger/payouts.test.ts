import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { accountId } from './accounts.js';
import { checkLedger } from './check.js';
import {
  applyPayoutNotification,
  listPayouts,
  receivePayoutNotification,
  registerPayoutAccount,
  requestPayout,
  submitPayouts,
} from './payouts.js';
import { bal, completeOrder, deliverAllMoney, paidOrder } from './test-support/money-fixtures.js';
import { settleDueOrders } from './settlement.js';
import { statement, statementCsv } from './statements.js';
import { listReconciliations, runReconciliation } from './reconciliation.js';

const DAY = 24 * 60 * 60 * 1000;

test('payouts: registered account, minimum, never above available, failure returns the money, duplicates change nothing; statements and reconciliation', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'payout-shop');
    const buyer = await makePerson(core, 'payout-buyer');
    const admin = await makePerson(core, 'payout-admin', ['admin'], false);
    const o = await paidOrder(core, buyer, shop.skuIds[1]!, 2); // ¥99.80, free shipping, 2 % fee
    await completeOrder(core, shop.owner, buyer, o.orderId);
    core.clock.advance(8 * DAY);
    await settleDueOrders(core.ctx);
    const available = accountId('merchant_available', shop.shopId);
    assert.equal(await bal(core, available), 9980 - 200);

    const staff = await makePerson(core, 'payout-stranger', [], false);
    await assert.rejects(
      registerPayoutAccount(core.ctx, staff, {
        ledgerAccountId: available,
        holderName: '李四',
        bank: '招商银行',
        accountNo: '6225888812345678',
      }),
      { code: 'NOT_FOUND' },
    );
    await assert.rejects(
      registerPayoutAccount(core.ctx, shop.owner, {
        ledgerAccountId: available,
        holderName: '李四',
        bank: '招商银行',
        accountNo: '12ab',
      }),
      { code: 'INVALID_INPUT' },
    );
    const good = await registerPayoutAccount(core.ctx, shop.owner, {
      ledgerAccountId: available,
      holderName: '李四',
      bank: '招商银行',
      accountNo: '6225888812345678',
    });
    const frozen = await registerPayoutAccount(core.ctx, shop.owner, {
      ledgerAccountId: available,
      holderName: '李四',
      bank: '招商银行',
      accountNo: '6225888812340000',
    });
    assert.equal(good.accountNoMasked, '****5678');

    await assert.rejects(
      requestPayout(core.ctx, shop.owner, { payoutAccountId: good.id, amountFen: 50, requestKey: 'a' }),
      { code: 'BELOW_MINIMUM_PAYOUT' },
    );
    await assert.rejects(
      requestPayout(core.ctx, shop.owner, { payoutAccountId: good.id, amountFen: 0, requestKey: 'a' }),
      { code: 'INVALID_AMOUNT' },
    );
    await assert.rejects(
      requestPayout(core.ctx, shop.owner, { payoutAccountId: good.id, amountFen: 9781, requestKey: 'a' }),
      { code: 'INSUFFICIENT_FUNDS' },
    );
    await assert.rejects(
      requestPayout(core.ctx, staff, { payoutAccountId: good.id, amountFen: 100, requestKey: 'a' }),
      { code: 'NOT_FOUND' },
    );
    // concurrent requests for most of the balance: exactly one wins
    const tries = await Promise.allSettled(
      [1, 2, 3].map((i) =>
        requestPayout(core.ctx, shop.owner, { payoutAccountId: good.id, amountFen: 6000, requestKey: `c${i}` }),
      ),
    );
    assert.equal(tries.filter((t) => t.status === 'fulfilled').length, 1);
    const p1 = (tries.find((t) => t.status === 'fulfilled') as PromiseFulfilledResult<{ id: string }>).value;
    const again = await requestPayout(core.ctx, shop.owner, {
      payoutAccountId: good.id,
      amountFen: 6000,
      requestKey:
        tries.findIndex((t) => t.status === 'fulfilled') === 0
          ? 'c1'
          : tries.findIndex((t) => t.status === 'fulfilled') === 1
            ? 'c2'
            : 'c3',
    });
    assert.equal(again.id, p1.id, 'the same key answers the same payout');
    assert.equal(await bal(core, available), 9780 - 6000);
    const p2 = await requestPayout(core.ctx, shop.owner, {
      payoutAccountId: frozen.id,
      amountFen: 1000,
      requestKey: 'f1',
    });
    assert.equal(await submitPayouts(core.ctx), 2);
    assert.equal(await submitPayouts(core.ctx), 0, 'submitted once');
    await deliverAllMoney(core);
    const views = await listPayouts(core.ctx, shop.owner, available);
    assert.deepEqual(
      views.map((v) => [v.id, v.status]).sort(),
      [
        [p1.id, 'succeeded'],
        [p2.id, 'failed'],
      ].sort(),
    );
    assert.equal(await bal(core, available), 9780 - 6000, 'the failed payout came back');
    assert.equal(await bal(core, accountId('payouts_in_transit')), 0);
    // a replayed or forged notification changes nothing
    const replay = await applyPayoutNotification(core.ctx, 'sandbox', {
      eventId: 'x-1',
      kind: 'payout.failed',
      payoutId: p1.id,
      providerPayoutId: 'sbp_zz',
      amountFen: 6000,
      reason: null,
      at: 0,
    });
    assert.equal(replay.outcome, 'rejected');
    await assert.rejects(receivePayoutNotification(core.ctx, 'sandbox', {}, '{}'), { code: 'INVALID_SIGNATURE' });

    const s = await statement(core.ctx, shop.owner, available, { limit: 2 });
    assert.equal(s.items.length, 2);
    const rest = await statement(core.ctx, shop.owner, available, { cursor: s.nextCursor! });
    assert.equal(rest.openingFen, s.items[1]!.balanceFen, 'the running balance carries over pages');
    assert.equal(rest.items.at(-1)!.balanceFen, await bal(core, available));
    await assert.rejects(statement(core.ctx, buyer, available, {}), { code: 'NOT_FOUND' });
    const csv = await statementCsv(core.ctx, shop.owner, available, {});
    assert.match(csv, /settlement/);
    assert.equal(csv.trim().split('\r\n').length, 2 + s.items.length + rest.items.length);

    core.clock.advance(60 * 60 * 1000);
    const report = await runReconciliation(core.ctx, admin);
    assert.deepEqual(report.mismatches, [], 'provider and ledger agree');
    // the gateway paid out something we never booked: reconciliation lists it
    await core.ctx.db
      .insertInto('sandbox_payouts')
      .values({
        id: 'sbp_phantom',
        request_key: 'pyo_phantom',
        amount_fen: 500,
        account_no: '1',
        holder_name: 'x',
        status: 'succeeded',
        created_at: core.clock.now() - DAY,
      })
      .execute();
    const second = await runReconciliation(core.ctx, admin);
    assert.deepEqual(
      second.mismatches.map((m) => [m.kind, m.ref, m.code]),
      [['payout', 'pyo_phantom', 'MISSING_IN_LEDGER']],
    );
    assert.equal((await listReconciliations(core.ctx, admin)).length, 2);
    await assert.rejects(runReconciliation(core.ctx, shop.owner), { code: 'FORBIDDEN' });
    assert.ok((await checkLedger(core.ctx.db)).ok);
  } finally {
    await core.dispose();
  }
});
