import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, DeliverPolicy } from 'nats';
import {
  authorizeSelfUse,
  checkout,
  openCore,
  PUSH_CONSUMER,
  registerApp,
  reviewApp,
  updateApp,
  type Core,
  type PushPost,
} from '@zhongcao/core';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startPrivateNats } from '../test-support/private-services.js';
import { connectJetStream, STREAM_NAME, STREAM_PREFIX } from '../shared/jetstream-stream.js';
import { startBackground, type RunningBackground } from './background-process.js';

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('scaled mode: message push consumes the stream as a durable consumer, resumes after the worker was down, and an event delivered twice makes one message', {
  timeout: 120_000,
}, async (t) => {
  const nats = await startPrivateNats();
  const dataDir = await mkdtemp(join(tmpdir(), 'zc-push-stream-'));
  let worker: RunningBackground | null = null;
  let api: Core | null = null;
  t.after(async () => {
    await worker?.stop().catch(() => {});
    await api?.close().catch(() => {});
    await nats.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  // An api process (no background loop of its own) where the orders are placed.
  api = await openCore({ dataDir });
  const shop = await makeShop(api, 'push-owner', 50);
  const admin = await makePerson(api, 'push-admin', ['admin']);
  const buyer = await makePerson(api, 'push-buyer');
  const { app } = await registerApp(api.ctx, shop.owner, {
    name: '推送测试',
    kind: 'self',
    shopId: shop.shopId,
    groups: ['orders'],
  });
  await reviewApp(api.ctx, admin, app.id, 'approve');
  await authorizeSelfUse(api.ctx, shop.owner, app.id);
  await updateApp(api.ctx, shop.owner, app.id, { pushUrl: 'http://receiver.test/push', pushTags: ['100'] });
  const order = async (): Promise<string> =>
    (
      await checkout(api!.ctx, buyer, {
        items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
      })
    ).body.orders[0]!.id;
  const sent: string[] = [];
  const openPush: PushPost = async (_url, body) => {
    sent.push(...(JSON.parse(body) as Array<{ msg_id: string }>).map((m) => m.msg_id));
    return { status: 200, body: '{"code":0,"msg":"success"}' };
  };
  const startWorker = (): Promise<RunningBackground> =>
    startBackground({ dataDir, migrate: false, natsUrl: nats.url, logLevel: 'silent', intervalMs: 50, openPush });
  const messages = async (): Promise<number> =>
    Number(
      (
        await api!.ctx.db
          .selectFrom('open_push_messages')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  worker = await startWorker();
  await order();
  await until('the first order is pushed', () => sent.length === 1);
  assert.equal(worker.push!.figures.events, 1, 'the push handled the event from the stream');

  // The worker is down while an order is placed: its event waits in the outbox, then on the stream.
  await worker.stop();
  worker = null;
  await order();
  worker = await startWorker();
  await until('the second order is pushed', () => sent.length >= 2);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(sent.length, 2, 'the first order is not pushed again after the restart');
  assert.equal(new Set(sent).size, 2);

  // The consumer loses its acknowledgements (recreated from the stream's start, as after a lost
  // acknowledgement every event comes again): both events are delivered twice, and make no second message.
  await worker.stop();
  worker = null;
  const nc = await connectJetStream(nats.url, 'push-test');
  try {
    const jsm = await nc.nats.jetstreamManager();
    await jsm.consumers.delete(STREAM_NAME, PUSH_CONSUMER);
    await jsm.consumers.add(STREAM_NAME, {
      durable_name: PUSH_CONSUMER,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: `${STREAM_PREFIX}>`,
    });
  } finally {
    await nc.close();
  }
  worker = await startWorker();
  await until('both events delivered again', () => worker!.push!.figures.events === 2);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await messages(), 2, 'one message per event');
  assert.equal(sent.length, 2, 'nothing pushed twice');
});
