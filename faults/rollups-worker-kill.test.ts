/**
 * Fault: the worker-role process, which keeps the 罗盘 rollups as the stream's durable consumer
 * `rollups`, is killed with -9 while buyers' client events and paid orders flow into two api
 * processes, and a new one is started; then NATS (its JetStream store kept on disk) is killed with
 * -9 and started again. Batches the dead worker had taken and not acknowledged come again after
 * the acknowledgement wait (shortened here, STREAM_ACK_WAIT_MS), to the new worker, which finds them handled. Afterwards every rollup,
 * distinct-people row and live minute equals the recount from the raw rows, and the totals equal
 * the paid orders and the stored impressions and taps: nothing lost, nothing counted twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'nats';
import { openCore, rebuildRollups, ROLLUPS_CONSUMER, SIGNATURE_HEADER, sign } from '@zhongcao/core';
import { rollupsSnapshot } from '@zhongcao/core/test-support/analytics';
import { call, type Answer } from './cluster.ts';
import { startScaledCluster, type ScaledCluster } from './scaled-cluster.ts';

const BUYERS = 120;
const CLIENTS = 4;
const SANDBOX_SECRET = 'fault-rollups-sandbox-secret';
/**
 * The consumers' acknowledgement wait (30 s in production): what the killed worker had taken and
 * not acknowledged comes back after it, so the test waits it out; a short one keeps that short. A
 * batch handled for longer than this on a loaded machine is delivered again meanwhile and found
 * handled: more repeats, which is what the test checks are never counted twice.
 */
const ACK_WAIT_MS = 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A broken connection or a 5xx is retried with the same request (ids and Idempotency-Key), as a client would, for up to 20 s. */
async function send(c: ScaledCluster, path: string, headers: Record<string, string>, body: string): Promise<Answer> {
  let reply = await call(c.url, 'POST', path, headers, body);
  for (let retry = 0; (reply.status === 0 || reply.status >= 500) && retry < 80; retry++) {
    await sleep(250);
    reply = await call(c.url, 'POST', path, headers, body);
  }
  return reply;
}

interface Flow {
  ops: number;
  events: number;
  paid: number;
}

/** One buyer's step: a batch of client events (impressions and a product tap on the videos), or every fourth an order paid through the sandbox gateway's signed notification. */
async function step(c: ScaledCluster, i: number, flow: Flow): Promise<void> {
  const buyer = c.fx.buyers[i % c.fx.buyers.length]!;
  const auth = { authorization: `Bearer ${buyer.token}` };
  const video = c.videoIds[i % c.videoIds.length]!;
  if (i % 4 === 3) {
    const placed = await send(
      c,
      '/api/v1/checkout',
      { ...auth, 'idempotency-key': `fault-rollups-${i}` },
      JSON.stringify({
        items: [{ skuId: c.fx.skuId, quantity: 1, attribution: { source: 'video', contentId: video } }],
      }),
    );
    assert.equal(placed.status, 201, placed.body);
    const payment = (JSON.parse(placed.body) as { payment: { id: string; amountFen: number } }).payment;
    const at = Date.now();
    const body = JSON.stringify({
      eventId: `sbx_fault_${i}:paid`,
      kind: 'payment.succeeded',
      merchantRef: payment.id,
      txnId: `sbx_fault_${i}`,
      amountFen: payment.amountFen,
      at,
    });
    const paid = await send(
      c,
      '/api/v1/payments/notify/sandbox',
      { [SIGNATURE_HEADER]: sign(SANDBOX_SECRET, body, at) },
      body,
    );
    assert.equal(paid.status, 200, paid.body);
    flow.paid++;
  } else {
    const now = Date.now();
    const events = [
      ...Array.from({ length: 5 }, (_, k) => ({
        type: 'impression',
        videoId: c.videoIds[(i + k) % c.videoIds.length],
        at: now - (k % 3) * 20 * 60_000, // some arrive late: they count in the hour they happened
        clientEventId: `fault-rollups-${i}-${k}`,
      })),
      {
        type: 'product_tap',
        videoId: video,
        productId: c.fx.productId,
        at: now,
        clientEventId: `fault-rollups-${i}-t`,
      },
    ];
    const reply = await send(c, '/api/v1/events', auth, JSON.stringify({ events }));
    assert.equal(reply.status, 202, reply.body);
    flow.events += (JSON.parse(reply.body) as { accepted: number }).accepted;
  }
  flow.ops++;
}

/**
 * Waits until the outbox is relayed and the rollups' consumer has nothing pending or unacknowledged;
 * returns how long that took and how many deliveries were redeliveries (the consumer reads the
 * whole stream, so its deliveries past the stream's last sequence were repeats).
 */
async function drained(c: ScaledCluster, timeoutMs: number): Promise<{ ms: number; redelivered: number }> {
  const started = Date.now();
  const nc = await connect({ servers: c.nats.url });
  const jsm = await nc.jetstreamManager();
  const core = await openCore({ dataDir: c.dataDir, databaseUrl: c.pg.url, migrate: false });
  try {
    for (;;) {
      const undispatched = await core.ctx.db
        .selectFrom('outbox')
        .select('id')
        .where('dispatched_at', 'is', null)
        .executeTakeFirst();
      const info = await jsm.consumers.info('ZHONGCAO', ROLLUPS_CONSUMER);
      if (!undispatched && info.num_pending === 0 && info.num_ack_pending === 0)
        return { ms: Date.now() - started, redelivered: info.delivered.consumer_seq - info.delivered.stream_seq };
      if (Date.now() - started > timeoutMs)
        throw new Error(
          `not drained in ${timeoutMs} ms: outbox ${undispatched ? 'not ' : ''}relayed, ${info.num_pending} pending, ${info.num_ack_pending} unacknowledged`,
        );
      await sleep(500);
    }
  } finally {
    await core.close();
    await nc.close();
  }
}

test('kill -9 the worker, then NATS, while events and paid orders flow: every rollup equals the recount, nothing counted twice', {
  timeout: 300_000,
}, async (t) => {
  const started = Date.now();
  const c = await startScaledCluster(t, BUYERS, {
    videos: 12,
    env: { SANDBOX_PAY_SECRET: SANDBOX_SECRET, STREAM_ACK_WAIT_MS: String(ACK_WAIT_MS) },
  });
  t.diagnostic(`cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const flow: Flow = { ops: 0, events: 0, paid: 0 };
  let flowing = true;
  let next = 0;
  const clients = Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (flowing) {
        await step(c, next++, flow);
        await sleep(50);
      }
    }),
  );
  await sleep(3_000); // the worker is relaying and consuming
  const beforeKill = flow.ops;
  await c.killWorker();
  await sleep(1_000); // events and orders keep coming while no worker runs
  await c.restartWorker();
  await sleep(3_000);
  await c.nats.stop(true);
  await sleep(2_000);
  await c.nats.restart();
  await sleep(3_000);
  flowing = false;
  await clients;
  assert.ok(c.workerAlive(), 'the restarted worker is still running');
  // Batches the killed worker held come back after the acknowledgement wait (ACK_WAIT_MS).
  const drain = await drained(c, 120_000);
  t.diagnostic(
    `${flow.ops} steps (${beforeKill} before the kill): ${flow.events} events stored, ${flow.paid} orders paid; drained ${(drain.ms / 1000).toFixed(1)} s after the flow stopped, ${drain.redelivered} deliveries were repeats`,
  );
  await c.stopRoles();

  const core = await openCore({ dataDir: c.dataDir, databaseUrl: c.pg.url, migrate: false });
  try {
    const db = core.ctx.db;
    const kept = await rollupsSnapshot(db);
    const total = (counter: string): number =>
      kept.rollups
        .filter((r) => r.scope === 'platform' && r.dim === 'total')
        .reduce((a, r) => a + Number(r[counter]), 0);
    const paid = Number(
      (
        await db
          .selectFrom('orders')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('paid_at', 'is not', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const events = async (type: string): Promise<number> =>
      Number(
        (
          await db
            .selectFrom('events')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('type', '=', type)
            .executeTakeFirstOrThrow()
        ).n,
      );
    assert.equal(paid, flow.paid, 'every paid answer is a paid order');
    assert.equal(total('orders'), paid, 'each paid order counted once');
    assert.equal(total('impressions'), await events('impression'), 'each stored impression counted once');
    assert.equal(total('clicks'), await events('product_tap'), 'each stored tap counted once');
    const handled = Number(
      (
        await db
          .selectFrom('analytics_stream_handled')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    t.diagnostic(`${handled} stream messages handled once each`);

    const recounting = Date.now();
    await rebuildRollups(core.ctx, null);
    t.diagnostic(`recounted in ${((Date.now() - recounting) / 1000).toFixed(1)} s`);
    const recount = await rollupsSnapshot(db);
    assert.deepEqual(kept.rollups, recount.rollups, 'hourly rollups equal the recount');
    assert.deepEqual(kept.rollupsDaily, recount.rollupsDaily, 'daily rollups equal the recount');
    assert.deepEqual(kept.people, recount.people, 'hourly distinct people equal the recount');
    assert.deepEqual(kept.peopleDaily, recount.peopleDaily, 'daily distinct people equal the recount');
    assert.deepEqual(kept.minutes, recount.minutes, 'live minutes equal the recount');
  } finally {
    await core.close();
  }
});
