/**
 * The demo data set as a newcomer meets it: the figures that several screens show agree with each
 * other and with the ledger, parcels look like their carriers' and delivered ones were tracked to
 * the door, and the first reconciliation of a fresh install finds nothing wrong.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore } from '../test-support/index.js';
import { loadActor } from '../accounts/index.js';
import { creatorEarnings, mcnPerformance } from '../affiliate/index.js';
import { shopDashboard } from '../console/index.js';
import { accountId, reconcileDaily, RECONCILE_GRACE_MS, runReconciliation, submitPayouts } from '../ledger/index.js';
import { fitsWaybillFormat, orderTracking, waybillFormat } from '../logistics/index.js';
import { submitPendingRefunds } from '../payments/index.js';
import { shopDeadlines } from '../rules/index.js';
import { runDueTimers } from '../timers/index.js';
import { deliverAllMoney } from '../ledger/test-support/index.js';
import { seedDemo } from './seed.js';

const DAY = 24 * 3_600_000;

test('the demo data set: figures agree across screens and with the ledger; parcels are tracked to the door; a fresh install reconciles cleanly', async () => {
  const core = await openTestCore();
  try {
    assert.equal(await seedDemo(core), true);
    const db = core.ctx.db;
    const userId = async (login: string): Promise<string> =>
      (await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirstOrThrow()).id;

    // What the server does on its first round: due deadlines, refunds and payouts to the provider, its notifications back.
    await runDueTimers(core.ctx, core.timers, { limit: 5_000 });
    await submitPendingRefunds(core.ctx);
    await submitPayouts(core.ctx);
    await deliverAllMoney(core);
    const first = await reconcileDaily(core.ctx);
    assert.ok(first, 'the first automatic reconciliation ran');
    assert.deepEqual(first.mismatches, [], 'a fresh install reconciles cleanly');
    assert.ok(first.checked > 100, `it compared the demo's money (${first.checked} records)`);
    core.clock.advance(RECONCILE_GRACE_MS + 60_000);
    const admin = await loadActor(db, await userId('demo-admin'));
    const manual = await runReconciliation(core.ctx, admin);
    assert.deepEqual(manual.mismatches, [], 'and so does the next run, once the grace period has passed');
    assert.match(manual.day, /^\d{4}-\d{2}-\d{2}$/);

    // Commission earnings: the report's rows add up to what the ledger paid, to the fen.
    const creator = await loadActor(db, await userId('demo-creator'));
    const account = accountId('creator_available', creator.userId);
    const paid = await db
      .selectFrom('ledger_entries')
      .innerJoin('ledger_journals', 'ledger_journals.id', 'ledger_entries.journal_id')
      .select((eb) => eb.fn.sum<number | string>('ledger_entries.amount_fen').as('fen'))
      .where('ledger_entries.account_id', '=', account)
      .where('ledger_journals.reason', 'in', ['settlement', 'clawback'])
      .executeTakeFirstOrThrow();
    const paidOut = await db
      .selectFrom('ledger_entries')
      .innerJoin('ledger_journals', 'ledger_journals.id', 'ledger_entries.journal_id')
      .select((eb) => eb.fn.sum<number | string>('ledger_entries.amount_fen').as('fen'))
      .where('ledger_entries.account_id', '=', account)
      .where('ledger_journals.reason', 'not in', ['settlement', 'clawback'])
      .executeTakeFirstOrThrow();
    const balance = await db
      .selectFrom('ledger_balances')
      .select('balance_fen')
      .where('account_id', '=', account)
      .executeTakeFirstOrThrow();
    const earnedFen = Number(paid.fen ?? 0);
    assert.ok(earnedFen > 0, 'the demo creator has settled commission');
    assert.equal(earnedFen + Number(paidOut.fen ?? 0), Number(balance.balance_fen));
    const since = { from: core.clock.now() - 60 * DAY };
    for (const groupBy of ['product', 'video'] as const) {
      const report = await creatorEarnings(core.ctx, creator, { ...since, groupBy });
      assert.equal(
        report.rows.reduce((n, r) => n + r.settledFen, 0),
        earnedFen,
        `带货收益 by ${groupBy}: the settled rows add up to the ledger`,
      );
      assert.equal(report.total.settledFen, earnedFen);
      assert.equal(
        report.rows.reduce((n, r) => n + r.creatorFen, 0),
        report.total.creatorFen,
      );
    }
    const mcn = await loadActor(db, await userId('demo-mcn'));
    const mcnPaid = await db
      .selectFrom('ledger_entries')
      .innerJoin('ledger_journals', 'ledger_journals.id', 'ledger_entries.journal_id')
      .select((eb) => eb.fn.sum<number | string>('ledger_entries.amount_fen').as('fen'))
      .where('ledger_entries.account_id', '=', accountId('mcn_available', mcn.userId))
      .where('ledger_journals.reason', 'in', ['settlement', 'clawback'])
      .executeTakeFirst();
    assert.equal((await mcnPerformance(core.ctx, mcn, since)).total.settledFen, Number(mcnPaid?.fen ?? 0));

    // Parcels: numbers in their own carrier's format; delivered ones tracked from pickup to signature.
    const parcels = await db
      .selectFrom('shipments')
      .innerJoin('orders', 'orders.id', 'shipments.order_id')
      .select([
        'shipments.order_id',
        'shipments.id',
        'shipments.carrier',
        'shipments.tracking_no',
        'shipments.status',
        'shipments.created_at',
        'shipments.delivered_at',
        'orders.buyer_id',
      ])
      .execute();
    assert.ok(parcels.length > 20);
    for (const p of parcels) {
      assert.ok(waybillFormat(p.carrier), `${p.carrier} is a carrier of the table`);
      assert.ok(
        fitsWaybillFormat(p.carrier, p.tracking_no),
        `${p.carrier} parcel ${p.tracking_no} has its carrier's number`,
      );
    }
    const delivered = parcels.filter((p) => p.status === 'delivered');
    assert.ok(delivered.length > 10, `${delivered.length} delivered parcels`);
    for (const p of delivered) {
      const buyer = await loadActor(db, p.buyer_id);
      const tracked = (await orderTracking(db, buyer, p.order_id)).parcels.find((x) => x.shipmentId === p.id)!;
      assert.equal(tracked.status, 'delivered');
      assert.deepEqual(
        tracked.events.map((e) => e.status),
        ['collected', 'in_transit', 'out_for_delivery', 'delivered'],
        `parcel ${p.tracking_no}`,
      );
      const times = tracked.events.map((e) => e.at);
      assert.ok(times[0]! > Number(p.created_at), 'collected after the label');
      for (let i = 1; i < times.length; i++) assert.ok(times[i]! > times[i - 1]!, 'each scan after the one before');
      assert.equal(times[3], Number(p.delivered_at), 'signed for when the parcel was delivered');
    }

    // Orders waiting to ship: the merchant 首页 and 履约中心 count the same overdue orders in every shop.
    for (const shop of await db.selectFrom('shops').select(['id', 'owner_id']).execute()) {
      const owner = await loadActor(db, shop.owner_id);
      const now = core.clock.now();
      const dash = await shopDashboard(db, owner, shop.id, now);
      const shipBy = (await shopDeadlines(db, owner, shop.id, now, { kind: 'ship_by', limit: 500 })).items;
      assert.equal(
        dash.today.overdue,
        shipBy.filter((d) => d.remainingMs <= 0).length,
        `shop ${shop.id}: overdue on 首页 = overdue in 履约中心`,
      );
      assert.equal(dash.today.toShip, shipBy.length);
      for (const o of dash.toShipOldest) assert.equal(shipBy.find((d) => d.orderId === o.orderId)?.dueAt, o.shipByAt);
    }
  } finally {
    await core.dispose();
  }
});
