import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { cancelOrder } from '../orders/index.js';
import {
  listReconciliations,
  reconcileDaily,
  reportDay,
  RECONCILE_GRACE_MS,
  runReconciliation,
} from './reconciliation.js';
import { paidOrder, sendRefunds } from './test-support/money-fixtures.js';

const HOUR = 3_600_000;

test('a refund asked for long ago but accepted and confirmed within the grace period is no mismatch; it is counted on the next run', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'recon-shop');
    const buyer = await makePerson(core, 'recon-buyer');
    const admin = await makePerson(core, 'recon-admin', ['admin'], false);
    const o = await paidOrder(core, buyer, shop.skuIds[0]!, 1);
    await cancelOrder(core.ctx, buyer, o.orderId, '不想要了'); // a refund is asked for now…
    core.clock.advance(5 * HOUR); // …and only reaches the provider hours later (as after a restart)
    await sendRefunds(core);
    const refund = await core.ctx.db
      .selectFrom('refunds')
      .select(['id', 'status'])
      .where('order_id', '=', o.orderId)
      .executeTakeFirstOrThrow();
    assert.equal(refund.status, 'succeeded');

    const daily = await reconcileDaily(core.ctx);
    assert.ok(daily);
    assert.deepEqual(daily.mismatches, [], 'the refund is in the grace period on both sides');
    assert.equal(daily.checked, 2, 'the payment, on both sides');
    assert.equal(daily.trigger, 'daily');
    assert.equal(daily.day, new Date(core.clock.now()).toISOString().slice(0, 10));

    core.clock.advance(RECONCILE_GRACE_MS + 1);
    const later = await runReconciliation(core.ctx, admin);
    assert.deepEqual(later.mismatches, []);
    assert.equal(later.checked, 4, 'the payment and the refund, on both sides');
  } finally {
    await core.dispose();
  }
});

test('real differences are still reported: a refund the ledger booked that the provider never made, a different amount, a payment missing in the ledger', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'recon-bad');
    const buyer = await makePerson(core, 'recon-bad-buyer');
    const admin = await makePerson(core, 'recon-bad-admin', ['admin'], false);
    const a = await paidOrder(core, buyer, shop.skuIds[0]!, 1);
    const b = await paidOrder(core, buyer, shop.skuIds[0]!, 1);
    await cancelOrder(core.ctx, buyer, a.orderId, '不想要了');
    await cancelOrder(core.ctx, buyer, b.orderId, '不想要了');
    await sendRefunds(core);
    const ra = await core.ctx.db
      .selectFrom('refunds')
      .select('id')
      .where('order_id', '=', a.orderId)
      .executeTakeFirstOrThrow();
    const rb = await core.ctx.db
      .selectFrom('refunds')
      .select(['id', 'amount_fen'])
      .where('order_id', '=', b.orderId)
      .executeTakeFirstOrThrow();
    await core.ctx.db.deleteFrom('sandbox_refunds').where('request_key', '=', ra.id).execute();
    await core.ctx.db
      .updateTable('sandbox_refunds')
      .set({ amount_fen: Number(rb.amount_fen) - 1 })
      .where('request_key', '=', rb.id)
      .execute();
    await core.ctx.db
      .insertInto('sandbox_txns')
      .values({
        id: 'sbx_phantom',
        merchant_ref: 'pay_phantom',
        amount_fen: 990,
        description: 'x',
        status: 'paid',
        expires_at: 0,
        return_url: '/',
        notify_url: '/',
        refunded_fen: 0,
        paid_at: core.clock.now() - HOUR,
        created_at: core.clock.now() - HOUR,
      })
      .execute();
    core.clock.advance(RECONCILE_GRACE_MS + 1);
    const report = await runReconciliation(core.ctx, admin);
    assert.deepEqual(
      report.mismatches.map((m) => [m.kind, m.ref, m.code]).sort(),
      [
        ['payment', 'pay_phantom', 'MISSING_IN_LEDGER'],
        ['refund', ra.id, 'MISSING_AT_PROVIDER'],
        ['refund', rb.id, 'AMOUNT_DIFFERS'],
      ].sort(),
    );
  } finally {
    await core.dispose();
  }
});

test('a manual run shows the day it ran, not its storage key; daily runs show their day', async () => {
  const core = await openTestCore();
  try {
    const admin = await makePerson(core, 'recon-day-admin', ['admin'], false);
    core.clock.set(Date.UTC(2026, 11, 6, 3, 15));
    const manual = await runReconciliation(core.ctx, admin);
    assert.deepEqual([manual.day, manual.trigger], ['2026-12-06', 'manual']);
    const daily = await reconcileDaily(core.ctx);
    assert.deepEqual([daily!.day, daily!.trigger], ['2026-12-06', 'daily']);
    assert.equal(await reconcileDaily(core.ctx), null, 'once a day');
    const listed = await listReconciliations(core.ctx, admin);
    assert.deepEqual(listed.map((r) => [r.day, r.trigger]).sort(), [
      ['2026-12-06', 'daily'],
      ['2026-12-06', 'manual'],
    ]);
    for (const r of listed) assert.match(r.day, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(reportDay('manual-2026-12-06T03:15:00.000Z-abc123'), { day: '2026-12-06', trigger: 'manual' });
  } finally {
    await core.dispose();
  }
});
