import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AckPolicy, DeliverPolicy } from 'nats';
import {
  addFavourite,
  cancelOrder,
  checkout,
  ingestEvents,
  openCashier,
  putCartItem,
  rebuildRollups,
  receiveNotification,
  ROLLUPS_CONSUMER,
  sendEventsToOutbox,
  systemClock,
  type Actor,
} from '@zhongcao/core';
import { makePerson, makeShop, openTestCore, type TestCore } from '@zhongcao/core/test-support';
import { rollupsSnapshot, videoOf } from '@zhongcao/core/test-support/analytics';
import { startPrivateNats } from '../test-support/private-services.js';
import { connectJetStream, STREAM_NAME, STREAM_PREFIX } from '../shared/jetstream-stream.js';
import { startBackground, type RunningBackground } from './background-process.js';

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const count = async (api: TestCore, table: 'outbox' | 'orders', where?: 'undispatched' | 'paid'): Promise<number> => {
  let q = api.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
  if (where === 'undispatched') q = q.where('dispatched_at' as never, 'is', null);
  if (where === 'paid') q = q.where('paid_at' as never, 'is not', null);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

test('scaled mode: the 罗盘 rollups consume the stream once per message through a worker killed mid-stream and a full redelivery, and equal the recount from the raw rows', {
  timeout: 240_000,
}, async (t) => {
  const nats = await startPrivateNats();
  // The api process's store (SQLite, or PostgreSQL in the PG suite), on the real clock: the worker's is real too.
  const api = await openTestCore({ clock: systemClock });
  let worker: RunningBackground | null = null;
  t.after(async () => {
    await worker?.stop().catch(() => {});
    await api.dispose().catch(() => {});
    await nats.close();
  });
  sendEventsToOutbox(api.ctx.db); // as an api-role process with NATS does
  const shop = await makeShop(api, 'rs-owner', 500);
  const creator = await makePerson(api, 'rs-creator', ['creator']);
  const buyers = [await makePerson(api, 'rs-b1'), await makePerson(api, 'rs-b2'), await makePerson(api, 'rs-b3')];
  const video = await videoOf(api, creator, [shop.productId]);

  const startWorker = (): Promise<RunningBackground> =>
    startBackground({
      dataDir: api.dataDir,
      databaseUrl: api.databaseUrl,
      pgSchema: api.pgSchema,
      migrate: false,
      natsUrl: nats.url,
      logLevel: 'silent',
      intervalMs: 50,
      retrain: false,
      // The gateway's notifications reach the platform as the api processes would receive them.
      sandboxPost: async (_url, body, headers) => {
        await receiveNotification(api.ctx, 'sandbox', headers, body);
        return 200;
      },
    });

  // What the api processes do meanwhile: client events (some late), cart adds, favourites, paid orders, refunds.
  let n = 0;
  const paid: Array<{ orderId: string; buyer: Actor }> = [];
  const round = async (): Promise<void> => {
    const i = n++;
    const now = Date.now();
    await ingestEvents(api.ctx, { viewerId: `rs-viewer-${i % 4}` }, [
      { type: 'impression', videoId: video, at: now - (i % 3) * 40 * 60_000, clientEventId: `i${i}` },
      ...(i % 2 === 0
        ? [{ type: 'product_tap' as const, videoId: video, productId: shop.productId, at: now, clientEventId: `t${i}` }]
        : []),
    ]);
    const buyer = buyers[i % buyers.length]!;
    if (i % 3 === 0)
      await putCartItem(api.ctx, buyer, {
        skuId: shop.skuIds[i % 2]!,
        quantity: 1,
        attribution: { source: 'video', contentId: video },
      });
    if (i % 5 === 0) await addFavourite(api.ctx, buyer, shop.productId);
    if (i % 2 === 1) {
      const c = (
        await checkout(api.ctx, buyer, {
          items: [
            { skuId: shop.skuIds[i % 2]!, quantity: 1 + (i % 3), attribution: { source: 'video', contentId: video } },
          ],
        })
      ).body;
      const txnId = (await openCashier(api.ctx, buyer, c.payment.id)).cashierUrl.split('/').pop()!;
      await api.sandbox.complete(txnId, 'paid');
      paid.push({ orderId: c.orders[0]!.id, buyer });
    }
    if (i % 7 === 6 && paid.length) {
      // A paid order cancelled before shipping: refunded by the worker's loop through the gateway.
      const [o] = paid.splice(0, 1);
      const row = await api.ctx.db
        .selectFrom('orders')
        .select('paid_at')
        .where('id', '=', o!.orderId)
        .executeTakeFirst();
      if (row?.paid_at != null) await cancelOrder(api.ctx, o!.buyer, o!.orderId, '不想要了');
      else paid.push(o!);
    }
  };
  const rounds = async (k: number): Promise<void> => {
    for (let j = 0; j < k; j++) await round();
  };

  await rounds(4); // before any worker: on the outbox, relayed when one starts
  worker = await startWorker();
  await rounds(8);
  await until('the worker has counted messages', () => worker!.rollups!.figures.messages > 5);

  // Killed mid-stream while events keep coming: the durable consumer resumes after its last acknowledgement.
  const producing = rounds(10);
  await new Promise((r) => setTimeout(r, 300));
  await worker.stop();
  worker = null;
  await producing;
  worker = await startWorker();
  await rounds(6);

  const settled = async (): Promise<void> => {
    const probe = await connectJetStream(nats.url, 'rs-probe');
    const jsm = await probe.nats.jetstreamManager();
    try {
      await until(
        'the outbox is relayed, the payments and refunds are through, and the consumer has nothing pending',
        async () => {
          const notifying = await api.ctx.db
            .selectFrom('sandbox_deliveries')
            .select('id')
            .where('delivered_at', 'is', null)
            .executeTakeFirst();
          if (notifying) return false;
          if ((await count(api, 'outbox', 'undispatched')) > 0) return false;
          const pendingRefunds = await api.ctx.db
            .selectFrom('refunds')
            .select('id')
            .where('status', '=', 'pending')
            .executeTakeFirst();
          if (pendingRefunds) return false;
          const info = await jsm.consumers.info(STREAM_NAME, ROLLUPS_CONSUMER);
          return info.num_pending === 0 && info.num_ack_pending === 0;
        },
      );
    } finally {
      await probe.close();
    }
  };
  await settled();
  const incremental = await rollupsSnapshot(api.ctx.db);
  const before = worker.rollups!.figures;
  // What the first worker committed it acknowledged before it stopped: the restarted one finds none
  // of it handled. (JetStream may hand the new pull a message of the stopped one twice, which it
  // recognises as its own repeat and counts once.)
  assert.ok(
    before.messages > 0 && before.duplicates === before.repeats,
    `the restarted worker counted ${before.messages} messages, none twice: ${JSON.stringify(before)}`,
  );

  // Every acknowledgement lost (the consumer recreated from the stream's start, as after a crash
  // between each write and its ack): every message comes again and adds nothing.
  await worker.stop();
  worker = null;
  const admin = await connectJetStream(nats.url, 'rs-admin');
  try {
    const jsm = await admin.nats.jetstreamManager();
    await jsm.consumers.delete(STREAM_NAME, ROLLUPS_CONSUMER);
    await jsm.consumers.add(STREAM_NAME, {
      durable_name: ROLLUPS_CONSUMER,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: `${STREAM_PREFIX}>`,
    });
  } finally {
    await admin.close();
  }
  worker = await startWorker();
  await settled();
  const again = worker.rollups!.figures;
  assert.equal(again.messages, 0, 'no message counted a second time');
  assert.ok(again.duplicates > 20, `every message delivered again (${again.duplicates})`);
  assert.deepEqual(await rollupsSnapshot(api.ctx.db), incremental, 'the redelivery changed nothing');
  await worker.stop();
  worker = null;

  // Something of every kind was counted.
  const total = (c: string) =>
    incremental.rollups
      .filter((r) => r.scope === 'platform' && r.dim === 'total')
      .reduce((a, r) => a + Number(r[c]), 0);
  assert.ok(total('impressions') > 0 && total('clicks') > 0, 'impressions and taps');
  assert.ok(total('carts') > 0 && total('favourites') > 0, 'add-to-carts and favourites');
  assert.equal(total('orders'), await count(api, 'orders', 'paid'), 'one order per paid order');
  assert.ok(total('refund_fen') > 0, 'refunds');

  // The recount from the raw rows equals what the stream's consumer kept.
  await rebuildRollups(api.ctx, null);
  const recount = await rollupsSnapshot(api.ctx.db);
  assert.deepEqual(incremental.rollups, recount.rollups);
  assert.deepEqual(incremental.people, recount.people);
  assert.deepEqual(incremental.rollupsDaily, recount.rollupsDaily);
  assert.deepEqual(incremental.peopleDaily, recount.peopleDaily);
  assert.deepEqual(incremental.minutes, recount.minutes);
});
