import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { deliverAll, paidOrder } from '../ledger/test-support/index.js';
import { accountId, balanceOf, checkLedger } from '../ledger/index.js';
import { compensateBuyer } from './money-commands.js';
import { runDueTimers } from '../timers/index.js';
import { compensationRetryDelayMs, submitPendingCompensations } from './buyer-compensation.js';
import type { PaymentProvider } from './provider.js';
import { orderDetail } from '../orderviews/index.js';

const HOUR = 3600_000;
const payable = accountId('buyer_compensation_payable');

test('late-shipment compensation is paid to the buyer through the provider, once; the payable goes back to zero and the ledger check covers it', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'cmp-late');
    const buyer = await makePerson(core, 'cmp-late-b');
    const { orderId, txnId } = await paidOrder(core, buyer, shop.skuIds[0]!); // ¥37.90 → 5 % → the ¥3 floor
    const cashBefore = await balanceOf(core.ctx.db, accountId('provider_cash', 'sandbox'));
    core.clock.advance(48 * HOUR);
    await runDueTimers(core.ctx, core.timers);

    let d = await orderDetail(core.ctx.db, buyer, orderId);
    assert.equal(d.compensations.length, 1);
    assert.deepEqual(
      {
        kind: d.compensations[0]!.kind,
        paidBy: d.compensations[0]!.paidBy,
        amountFen: d.compensations[0]!.amountFen,
        status: d.compensations[0]!.status,
      },
      { kind: 'late_shipment', paidBy: 'merchant', amountFen: 300, status: 'pending' },
    );
    assert.equal(await balanceOf(core.ctx.db, payable), 300);
    assert.equal((await checkLedger(core.ctx.db)).ok, true, 'booked and pending is consistent');

    assert.equal(await submitPendingCompensations(core.ctx), 1);
    assert.equal(await submitPendingCompensations(core.ctx), 0, 'submitted once');
    const transfers = await core.ctx.db.selectFrom('sandbox_transfers').selectAll().execute();
    assert.deepEqual(
      transfers.map((t) => [t.txn_id, Number(t.amount_fen), t.request_key]),
      [[txnId, 300, d.compensations[0]!.id]],
    );
    assert.equal(d.compensations[0]!.status, 'pending', 'not paid until the provider says so');
    await deliverAll(core);
    await deliverAll(core); // a second delivery round changes nothing

    d = await orderDetail(core.ctx.db, buyer, orderId);
    assert.equal(d.compensations[0]!.status, 'succeeded');
    assert.equal(d.compensations[0]!.completedAt, core.clock.now());
    assert.equal(await balanceOf(core.ctx.db, payable), 0, 'nothing left payable for the order');
    assert.equal(
      await balanceOf(core.ctx.db, accountId('provider_cash', 'sandbox')),
      cashBefore + 300,
      'the cash left the provider account',
    );
    const report = await checkLedger(core.ctx.db);
    assert.deepEqual(report.compensationProblems, []);
    assert.equal(report.ok, true);
    // The gateway is idempotent by our payout id: asking again pays nothing more.
    await core.sandbox.transfer({
      txnId,
      amountFen: 300,
      requestKey: d.compensations[0]!.id,
      notifyUrl: 'http://127.0.0.1:1/x',
    });
    assert.equal((await core.ctx.db.selectFrom('sandbox_transfers').selectAll().execute()).length, 1);
    // The merchant sees the same on the order.
    assert.equal((await orderDetail(core.ctx.db, shop.owner, orderId)).compensations[0]!.status, 'succeeded');
  } finally {
    await core.dispose();
  }
});

test('an unreachable provider is retried with back-off; a refusal marks the payout failed and the money stays payable', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'cmp-retry');
    const buyer = await makePerson(core, 'cmp-retry-b');
    const a = await paidOrder(core, buyer, shop.skuIds[0]!);
    const b = await paidOrder(core, buyer, shop.skuIds[0]!);
    await compensateBuyer(core.ctx, shop.owner, a.orderId, {
      amountFen: 500,
      paidBy: 'merchant',
      reason: '补偿 / goodwill',
      requestKey: 'k1',
    });
    assert.deepEqual(
      await compensateBuyer(core.ctx, shop.owner, a.orderId, {
        amountFen: 500,
        paidBy: 'merchant',
        reason: '补偿 / goodwill',
        requestKey: 'k1',
      }),
      { journalId: null },
      'the same key books once',
    );
    const real = core.ctx.payments.default;
    let down = true;
    const flaky: PaymentProvider = {
      name: real.name,
      createPayment: (r) => real.createPayment(r),
      refund: (r) => real.refund(r),
      verifyNotification: (h, body) => real.verifyNotification(h, body),
      transfer: async (r) => {
        if (down) throw new Error('connect ECONNREFUSED');
        return real.transfer(r);
      },
    };
    const ctx = {
      ...core.ctx,
      payments: {
        ...core.ctx.payments,
        get: (name: string) => (name === real.name ? flaky : core.ctx.payments.get(name)),
        default: flaky,
      },
    };
    assert.equal(await submitPendingCompensations(ctx), 0);
    let row = await core.ctx.db
      .selectFrom('compensation_payouts')
      .selectAll()
      .where('order_id', '=', a.orderId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.status, Number(row.attempts), Number(row.next_attempt_at) - core.clock.now()],
      ['pending', 1, compensationRetryDelayMs(1)],
    );
    assert.match(row.last_error ?? '', /ECONNREFUSED/);
    assert.equal(await submitPendingCompensations(ctx), 0, 'not due yet: nothing is tried');
    assert.equal(
      Number(
        (
          await core.ctx.db
            .selectFrom('compensation_payouts')
            .select('attempts')
            .where('id', '=', row.id)
            .executeTakeFirstOrThrow()
        ).attempts,
      ),
      1,
    );
    core.clock.advance(compensationRetryDelayMs(1));
    await submitPendingCompensations(ctx);
    row = await core.ctx.db
      .selectFrom('compensation_payouts')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(row.next_attempt_at) - core.clock.now(), compensationRetryDelayMs(2), 'the wait doubles');
    assert.equal(compensationRetryDelayMs(2), 2 * compensationRetryDelayMs(1));
    down = false;
    core.clock.advance(compensationRetryDelayMs(2));
    assert.equal(await submitPendingCompensations(ctx), 1);
    await deliverAll(core);
    assert.equal((await orderDetail(core.ctx.db, buyer, a.orderId)).compensations[0]!.status, 'succeeded');

    // The gateway refuses a transfer above what was paid: failed for good, still payable, still consistent.
    await compensateBuyer(core.ctx, shop.owner, b.orderId, {
      amountFen: b.totalFen + 1,
      paidBy: 'merchant',
      reason: '超额 / too much',
      requestKey: 'k2',
    });
    await submitPendingCompensations(core.ctx);
    const failed = (await orderDetail(core.ctx.db, buyer, b.orderId)).compensations[0]!;
    assert.equal(failed.status, 'failed');
    assert.equal(await balanceOf(core.ctx.db, payable), b.totalFen + 1);
    assert.equal((await checkLedger(core.ctx.db)).ok, true);
  } finally {
    await core.dispose();
  }
});

test('the ledger check finds a payout marked paid without its journal, and a booking without a payout', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'cmp-check');
    const buyer = await makePerson(core, 'cmp-check-b');
    const { orderId } = await paidOrder(core, buyer, shop.skuIds[0]!);
    await compensateBuyer(core.ctx, shop.owner, orderId, {
      amountFen: 400,
      paidBy: 'merchant',
      reason: '补偿',
      requestKey: 'c1',
    });
    await core.ctx.db
      .updateTable('compensation_payouts')
      .set({ status: 'succeeded' })
      .where('order_id', '=', orderId)
      .execute();
    let report = await checkLedger(core.ctx.db);
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.compensationProblems.map((p) => [p.code, p.orderId, p.expectedFen, p.actualFen]),
      [
        ['PAID_STATUS_DIFFERS', orderId, 400, 0],
        ['ORDER_PAYABLE_DIFFERS', orderId, 0, 400],
        ['PAYABLE_BALANCE_DIFFERS', null, 0, 400],
      ],
    );
    await core.ctx.db.deleteFrom('compensation_payouts').where('order_id', '=', orderId).execute();
    report = await checkLedger(core.ctx.db);
    assert.deepEqual(
      report.compensationProblems.map((p) => p.code),
      ['BOOKED_WITHOUT_PAYOUT', 'PAYABLE_BALANCE_DIFFERS'],
    );
  } finally {
    await core.dispose();
  }
});
