/**
 * The demo is seeded relative to the first start: whatever the date, the worker's first rounds find
 * no deadline already passed, so no late-shipment compensation, violation point, automatic
 * confirmation or automatic approval fires on the first boot. (The same full seed also shows the
 * demo live room looping a video of its own goods, and the seed's progress reports.)
 *
 * The demo data set as a newcomer meets it: the figures that several screens show agree with each
 * other and with the ledger, parcels look like their carriers' and delivered ones were tracked to
 * the door, and the first reconciliation of a fresh install finds nothing wrong.
 *
 * A full seed is the costliest step of the suite: the file seeds once and each test opens a copy.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedTestStore } from '../test-support/index.js';
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
import {
  DEMO_AUTO_CONFIRM_DAYS,
  DEMO_SHORTEST_SHIP_BY_HOURS,
  demoOpenDeadline,
  demoOrderPlacedAt,
  type DemoOrderPlan,
} from './order-timeline.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FIRST_START = Date.UTC(2031, 2, 15, 9, 30);

/** Each progress stage in the order first reported, and its last report, from the last seed. */
const order: string[] = [];
const last = new Map<string, { done: number; total: number }>();
let seeded: boolean | null = null;

/** The demo seeded once for this file, on an arbitrary date; each test opens a copy of it. */
const demo = sharedTestStore(async (core) => {
  core.clock.set(FIRST_START);
  order.length = 0;
  last.clear();
  seeded = await seedDemo(core, (stage, done, total) => {
    if (!last.has(stage)) order.push(stage);
    last.set(stage, { done, total });
  });
});
after(() => demo.dispose());

test('every order the timeline leaves waiting on a deadline has it ahead of the first start', () => {
  const firstStart = Date.UTC(2029, 6, 1, 0, 0);
  const plans: DemoOrderPlan[] = ['completed', 'shipped', 'paid', 'cancelled', 'refunded', 'delivered'];
  for (const plan of plans) {
    for (let daysAgo = 1; daysAgo <= 40; daysAgo += 3) {
      for (let spread = 0; spread < 30; spread += 7) {
        const placedAt = demoOrderPlacedAt(firstStart, plan, firstStart - daysAgo * DAY, spread);
        assert.ok(placedAt < firstStart, `${plan} placed before the first start`);
        const due = demoOpenDeadline(plan, placedAt);
        if (due !== null) assert.ok(due > firstStart + HOUR, `${plan} (${daysAgo} days ago): its deadline is ahead`);
      }
    }
  }
  // Closed orders keep their place in the history.
  assert.equal(demoOrderPlacedAt(firstStart, 'completed', firstStart - 20 * DAY, 3), firstStart - 20 * DAY);
  // What the timeline guards against: a paid order left where the history would have put it.
  assert.ok(demoOpenDeadline('paid', firstStart - 20 * DAY)! < firstStart);
  assert.ok(DEMO_SHORTEST_SHIP_BY_HOURS <= 48 && DEMO_AUTO_CONFIRM_DAYS === 7);
});

test('seeded on an arbitrary date, the first worker rounds fire no deadline and apply no penalty', async () => {
  const core = await demo.open();
  try {
    const firstStart = FIRST_START;
    assert.equal(seeded, true);

    const before = await core.ctx.db.selectFrom('orders').select(['id', 'status']).orderBy('id').execute();
    const waiting = await core.ctx.db
      .selectFrom('timers')
      .select(['kind', 'subject_id', 'due_at'])
      .where('status', '=', 'pending')
      .execute();
    assert.ok(
      waiting.some((t) => t.kind === 'ship_by'),
      'paid orders wait to be shipped',
    );
    assert.ok(
      waiting.some((t) => t.kind === 'auto_confirm'),
      'delivered orders wait for the buyer',
    );
    // The earliest: the demo shopper's unpaid order, inside its payment window.
    for (const t of waiting)
      assert.ok(
        Number(t.due_at) > firstStart + 10 * MINUTE,
        `${t.kind} of ${t.subject_id} is due ${(Number(t.due_at) - firstStart) / MINUTE} min after the first start`,
      );

    // The worker's first round, and another ten minutes later.
    await core.tick();
    core.clock.advance(10 * MINUTE);
    await core.tick();

    const fired = await core.ctx.db
      .selectFrom('timers')
      .select(['kind', 'subject_id'])
      .where('fired_at', '>=', firstStart)
      .execute();
    assert.deepEqual(fired, [], 'no deadline fired');
    const late = await core.ctx.db.selectFrom('orders').select('id').where('late_at', 'is not', null).execute();
    assert.deepEqual(late, [], 'no order flagged late');
    const violations = await core.ctx.db.selectFrom('violations').selectAll().execute();
    assert.deepEqual(violations, [], 'no violation points');
    const after = await core.ctx.db.selectFrom('orders').select(['id', 'status']).orderBy('id').execute();
    assert.deepEqual(after, before, 'no order changed status');

    // The demo room loops a video of its own goods: one of the host's, carrying the pinned product.
    const room = await core.ctx.db
      .selectFrom('live_rooms')
      .selectAll()
      .where('status', '=', 'live')
      .executeTakeFirstOrThrow();
    const looped = await core.ctx.db
      .selectFrom('videos')
      .innerJoin('video_anchors', 'video_anchors.video_id', 'videos.id')
      .select('videos.id')
      .where('videos.owner_id', '=', room.host_id)
      .where('video_anchors.product_id', '=', room.pinned_product_id!)
      .where('videos.file_name', '=', room.fallback_video_url!.split('/').pop()!)
      .execute();
    assert.ok(looped.length > 0, `the room loops ${room.fallback_video_url}, a video of its pinned product`);
  } finally {
    await core.dispose();
  }
});

test('demo seeding reports every stage through to 100 %', async () => {
  await (await demo.open()).dispose();
  assert.ok(order.length >= 10, `stages reported: ${order.join(', ')}`);
  const unfinished = [...last]
    .filter(([, p]) => p.done !== p.total || p.total <= 0)
    .map(([s, p]) => `${s} ${p.done}/${p.total}`);
  assert.deepEqual(unfinished, [], 'every stage ends at done = total');
});

test('the demo data set: figures agree across screens and with the ledger; parcels are tracked to the door; a fresh install reconciles cleanly', async () => {
  const core = await demo.open();
  try {
    assert.equal(seeded, true);
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
