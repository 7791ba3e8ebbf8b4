import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/index.js';
import { sign, SIGNATURE_HEADER } from '../payments/index.js';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import { applyNotification } from '../orders/index.js';
import { runDueTimers, TimerRegistry, findTimer } from '../timers/index.js';
import { DEADLINE, shopViolations } from '../rules/index.js';
import { registerOrderDeadlines } from '../orders/index.js';
import type { Actor } from '../context.js';
import { installLogistics } from './install.js';
import { receiveTrackingCallback, orderTracking } from './tracking.js';
import { registerSandboxCarrier, SANDBOX_SCAN_TIMER } from './sandbox-carrier.js';
import { sandboxScanPlan } from './sandbox-schedule.js';
import type { Carrier } from './carrier.js';
import { shipOrder } from './shipping.js';
import { orderDetail } from '../orderviews/index.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let txn = 0;
async function paidOrder(
  core: TestCore,
  login: string,
): Promise<{ orderId: string; buyer: Actor; owner: Actor; shopId: string }> {
  const shop = await makeShop(core, login);
  const buyer = await makePerson(core, `${login}-b`);
  const c = (
    await checkout(core.ctx, buyer, {
      items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
    })
  ).body;
  txn++;
  await applyNotification(
    core.ctx,
    'sandbox',
    {
      eventId: `lg${txn}`,
      kind: 'payment.succeeded',
      paymentId: c.payment.id,
      providerTxnId: `sbx_lg${txn}`,
      amountFen: c.totalFen,
      at: 0,
    },
    '{}',
  );
  return { orderId: c.orders[0]!.id, buyer, owner: shop.owner, shopId: shop.shopId };
}

/** Fires due timers, then hands the sandbox's queued callbacks to the platform (in-process). */
async function round(core: TestCore, carriers: ReadonlyMap<string, Carrier>, registry = core.timers): Promise<void> {
  await runDueTimers(core.ctx, registry);
  await core.sandbox.deliverDue(1000, async (url, body, headers) => {
    const carrier = new URL(url).pathname.split('/').pop()!;
    try {
      await receiveTrackingCallback(core.ctx, carriers, carrier, headers, body);
      return 200;
    } catch {
      return 400;
    }
  });
}

async function run(
  name: string,
  body: (core: TestCore, carriers: ReadonlyMap<string, Carrier>) => Promise<void>,
): Promise<void> {
  await test(name, async () => {
    const core = await openTestCore();
    try {
      await body(core, installLogistics(core));
    } finally {
      await core.dispose();
    }
  });
}

await run(
  'the sandbox carrier collects, moves and delivers a parcel on its schedule; the order is delivered and auto-confirm starts',
  async (core, carriers) => {
    const { orderId, buyer, owner } = await paidOrder(core, 'lg-full');
    const shippedAt = core.clock.now();
    await shipOrder(core.ctx, owner, orderId, [{ carrier: 'sandbox', trackingNo: 'SBX00000001' }]);
    const plan = sandboxScanPlan('SBX00000001', shippedAt);
    assert.ok(plan[0]!.at - shippedAt >= 2 * HOUR && plan[0]!.at - shippedAt <= 6 * HOUR);
    assert.ok(plan[3]!.at - plan[0]!.at >= DAY && plan[3]!.at - plan[0]!.at <= 3 * DAY);
    assert.equal(
      (await findTimer(core.ctx.db, DEADLINE.shipBy, orderId))?.status,
      'pending',
      'shipping is not dispatch with a scanning carrier',
    );
    const seen: string[] = [];
    for (const scan of plan) {
      core.clock.set(scan.at - 1);
      await round(core, carriers);
      assert.deepEqual(
        (await orderTracking(core.ctx.db, buyer, orderId)).parcels[0]!.events.map((e) => e.status),
        seen,
      );
      core.clock.set(scan.at);
      await round(core, carriers);
      seen.push(scan.status);
      const t = await orderTracking(core.ctx.db, buyer, orderId);
      assert.deepEqual(
        t.parcels[0]!.events.map((e) => e.status),
        seen,
      );
      assert.equal(t.parcels[0]!.status, scan.status);
    }
    const d = await orderDetail(core.ctx.db, buyer, orderId);
    assert.equal(d.status, 'delivered');
    assert.equal(d.deliveredAt, plan[3]!.at);
    assert.equal(d.transitions.at(-1)?.actorKind, 'carrier');
    const auto = await findTimer(core.ctx.db, DEADLINE.autoConfirm, orderId);
    assert.equal(auto?.status, 'pending');
    assert.equal(auto?.dueAt, plan[3]!.at + 7 * DAY);
    const row = await core.ctx.db
      .selectFrom('orders')
      .select('dispatched_at')
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(row.dispatched_at), plan[0]!.at);
    const t = await orderTracking(core.ctx.db, owner, orderId);
    assert.deepEqual(
      t.parcels[0]!.events.map((e) => e.at),
      plan.map((p) => p.at),
    );
    assert.equal(t.parcels[0]!.carrier, 'sandbox');
    const stranger = await makePerson(core, 'lg-full-x');
    await assert.rejects(orderTracking(core.ctx.db, stranger, orderId), { code: 'NOT_FOUND' });
  },
);

await run(
  'the first scan is the dispatch: collected in time means no late penalty even though delivery is after ship-by',
  async (core, carriers) => {
    const { orderId, buyer, owner, shopId } = await paidOrder(core, 'lg-intime');
    await shipOrder(core.ctx, owner, orderId, [{ carrier: 'sandbox', trackingNo: 'SBX00000002' }]);
    for (let h = 0; h < 5 * 24; h += 6) {
      core.clock.advance(6 * HOUR);
      await round(core, carriers);
    }
    const d = await orderDetail(core.ctx.db, buyer, orderId);
    assert.equal(d.status, 'delivered');
    assert.equal(d.promise.lateAt, null);
    assert.equal((await shopViolations(core.ctx.db, owner, shopId, 100, core.clock.now())).milliPoints, 0);
    assert.equal((await findTimer(core.ctx.db, DEADLINE.shipBy, orderId))?.status, 'cancelled');
  },
);

await run(
  'shipped just before the deadline but collected after it: late (the carrier scan counts, not the label)',
  async (core, carriers) => {
    const { orderId, buyer, owner, shopId } = await paidOrder(core, 'lg-late');
    core.clock.advance(47 * HOUR);
    await shipOrder(core.ctx, owner, orderId, [{ carrier: 'sandbox', trackingNo: 'SBX00000003' }]);
    core.clock.advance(HOUR);
    await round(core, carriers);
    const d = await orderDetail(core.ctx.db, buyer, orderId);
    assert.equal(d.status, 'shipped');
    assert.equal(d.promise.lateAt, core.clock.now());
    assert.equal((await shopViolations(core.ctx.db, owner, shopId, 100, core.clock.now())).milliPoints, 100);
  },
);

await run(
  'callbacks: duplicates count once, out-of-order never moves a parcel back, forged and unknown ones are refused',
  async (core, carriers) => {
    const { orderId, buyer, owner } = await paidOrder(core, 'lg-cb');
    await shipOrder(core.ctx, owner, orderId, [{ carrier: 'sandbox', trackingNo: 'SBX00000004' }]);
    const now = core.clock.now();
    const ev = (eventId: string, status: string, at: number, trackingNo = 'SBX00000004') =>
      JSON.stringify({
        events: [{ eventId, trackingNo, status, at, location: '测试 / test', description: '测试 / test' }],
      });
    const send = (body: string, secret = core.sandboxSecret) =>
      receiveTrackingCallback(
        core.ctx,
        carriers,
        'sandbox',
        { [SIGNATURE_HEADER]: sign(secret, body, core.clock.now()) },
        body,
      );
    assert.deepEqual(await send(ev('e1', 'collected', now + HOUR)), { applied: 1, stale: 0, duplicate: 0 });
    assert.deepEqual(await send(ev('e1', 'collected', now + HOUR)), { applied: 0, stale: 0, duplicate: 1 });
    assert.deepEqual(await send(ev('e3', 'out_for_delivery', now + 3 * HOUR)), { applied: 1, stale: 0, duplicate: 0 });
    assert.deepEqual(await send(ev('e2', 'in_transit', now + 2 * HOUR)), { applied: 0, stale: 1, duplicate: 0 });
    const t = await orderTracking(core.ctx.db, buyer, orderId);
    assert.equal(t.parcels[0]!.status, 'out_for_delivery');
    assert.deepEqual(
      t.parcels[0]!.events.map((e) => e.status),
      ['collected', 'in_transit', 'out_for_delivery'],
      'the timeline is in scan order',
    );
    await assert.rejects(send(ev('e4', 'delivered', now + 4 * HOUR), 'forged-secret'), {
      code: 'INVALID_SIGNATURE',
      status: 401,
    });
    await assert.rejects(receiveTrackingCallback(core.ctx, carriers, 'sandbox', {}, ev('e4', 'delivered', now)), {
      code: 'INVALID_SIGNATURE',
    });
    await assert.rejects(send(ev('e5', 'delivered', now, 'NOPE000001')), { code: 'UNKNOWN_PARCEL', status: 404 });
    await assert.rejects(send(ev('e6', 'teleported', now)), { code: 'INVALID_NOTIFICATION', status: 400 });
    await assert.rejects(send('{not json'), { code: 'INVALID_NOTIFICATION' });
    await assert.rejects(receiveTrackingCallback(core.ctx, carriers, 'nobody', {}, '{}'), { code: 'NOT_FOUND' });
    assert.equal((await orderDetail(core.ctx.db, buyer, orderId)).status, 'shipped');
    assert.deepEqual(await send(ev('e4', 'delivered', now + 4 * HOUR)), { applied: 1, stale: 0, duplicate: 0 });
    assert.equal((await orderDetail(core.ctx.db, buyer, orderId)).status, 'delivered');
    assert.deepEqual(await send(ev('e7', 'exception', now + 5 * HOUR)), { applied: 0, stale: 1, duplicate: 0 });
    assert.equal((await orderTracking(core.ctx.db, buyer, orderId)).parcels[0]!.status, 'delivered');
  },
);

await run(
  'restart: scans that fell due while the process was down are sent once, in order, and deliver the order',
  async (core) => {
    const { orderId, buyer, owner } = await paidOrder(core, 'lg-restart');
    await shipOrder(core.ctx, owner, orderId, [{ carrier: 'sandbox', trackingNo: 'SBX00000005' }]);
    core.clock.advance(5 * DAY); // down for five days
    // A new process: fresh registries, same store.
    const registry = registerOrderDeadlines(new TimerRegistry());
    registerSandboxCarrier(registry, () => core.ctx.payments.baseUrl());
    const carriers = installLogistics({ ctx: core.ctx, timers: registry, sandboxSecret: core.sandboxSecret });
    await round(core, carriers, registry);
    await round(core, carriers, registry);
    const t = await orderTracking(core.ctx.db, buyer, orderId);
    assert.deepEqual(
      t.parcels[0]!.events.map((e) => e.status),
      ['collected', 'in_transit', 'out_for_delivery', 'delivered'],
    );
    assert.equal((await orderDetail(core.ctx.db, buyer, orderId)).status, 'delivered');
    const sent = await core.ctx.db
      .selectFrom('sandbox_deliveries')
      .select('id')
      .where('url', 'like', '%/logistics/notify/%')
      .execute();
    assert.equal(sent.length, 4, 'each scan was sent once');
    assert.equal((await findTimer(core.ctx.db, SANDBOX_SCAN_TIMER, 'SBX00000005'))?.status, 'done');
  },
);

await run(
  'a parcel marked "-EXC" ends in an exception and the order stays shipped; the merchant can still mark delivery by hand',
  async (core, carriers) => {
    const { orderId, buyer, owner } = await paidOrder(core, 'lg-exc');
    await shipOrder(core.ctx, owner, orderId, [{ carrier: 'sandbox', trackingNo: 'SBX00000007-EXC' }]);
    core.clock.advance(5 * DAY);
    await round(core, carriers);
    const t = await orderTracking(core.ctx.db, buyer, orderId);
    assert.equal(t.parcels[0]!.status, 'exception');
    assert.equal((await orderDetail(core.ctx.db, buyer, orderId)).status, 'shipped');
    const { markShipmentDelivered } = await import('../orders/index.js');
    assert.equal((await markShipmentDelivered(core.ctx, owner, t.parcels[0]!.shipmentId)).orderStatus, 'delivered');
  },
);
