import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamMessage } from '@zhongcao/core';
import { startPrivateNats } from '../test-support/private-services.js';
import { connectJetStream, DEFAULT_ACK_WAIT_MS, natsFilter, parseAckWait, STREAM_NAME } from './jetstream-stream.js';

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

test('a consumer filter: a prefix ending in a dot takes everything below it', () => {
  assert.equal(natsFilter('signals'), 'zhongcao.stream.signals');
  assert.equal(natsFilter('outbox.'), 'zhongcao.stream.outbox.>');
});

test('JetStream: the stream is created once, a repeated id is kept once, a durable consumer resumes where it stopped', {
  timeout: 60_000,
}, async (t) => {
  const nats = await startPrivateNats();
  const a = await connectJetStream(nats.url, 'test-a');
  const b = await connectJetStream(nats.url, 'test-b'); // a second process finds the stream and keeps it
  t.after(async () => {
    await a.close();
    await b.close();
    await nats.close();
  });
  await a.publish('signals', 'evn_1', [{ n: 1 }]);
  await b.publish('signals', 'evn_1', [{ n: 1 }]); // a retried publish of the same event
  await a.publish('outbox.payment.succeeded', 'evt_1', { topic: 'payment.succeeded' });
  await a.publish('outbox.order.created', 'evt_2', { topic: 'order.created' });

  const got: StreamMessage[] = [];
  let consumer = await b.consume('engine-test', ['signals', 'outbox.payment.succeeded'], (m) => void got.push(m));
  await until(() => got.length >= 2, 10_000);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(
    got.map((m) => m.id),
    ['evn_1', 'evt_1'],
    'one copy of the repeated id; the unfiltered topic not delivered',
  );
  await consumer.stop();

  await a.publish('signals', 'evn_2', []);
  got.length = 0;
  consumer = await b.consume('engine-test', ['signals', 'outbox.payment.succeeded'], (m) => void got.push(m));
  await until(() => got.length >= 1, 10_000);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(
    got.map((m) => m.id),
    ['evn_2'],
    'the durable consumer resumed after what it acknowledged',
  );
  await consumer.stop();
});

test('JetStream: what is offered while NATS is away is kept and reaches the consumer once it is back', {
  timeout: 60_000,
}, async (t) => {
  const nats = await startPrivateNats();
  const api = await connectJetStream(nats.url, 'test-api');
  const engine = await connectJetStream(nats.url, 'test-engine');
  t.after(async () => {
    await api.close();
    await engine.close();
    await nats.close();
  });
  const got = new Set<string>();
  await engine.consume('engine-restart', ['signals'], (m) => void got.add(m.id));
  api.offer('signals', 'evn_before', []);
  await until(() => got.size === 1, 10_000);
  await nats.stop(true);
  for (let i = 0; i < 20; i++) api.offer('signals', `evn_away_${i}`, [{ i }]);
  await new Promise((r) => setTimeout(r, 1_000));
  await nats.restart();
  await until(() => got.size === 21, 30_000);
  assert.equal(got.size, 21, `every offered message arrived: ${got.size}`);
  // The queue's figure moves when a batch's publishes are all answered, which can come after the
  // consumer has the messages (a publish whose answer was lost in the restart is sent again).
  await until(() => api.figures.queued === 0, 10_000);
  assert.equal(api.figures.queued, 0);
});

test('STREAM_ACK_WAIT_MS: 30 s unless set, a whole number of milliseconds from 1 s to 10 min', () => {
  assert.equal(parseAckWait(undefined), DEFAULT_ACK_WAIT_MS);
  assert.equal(parseAckWait(''), 30_000);
  assert.equal(parseAckWait('3000'), 3_000);
  for (const bad of ['999', '600001', '2.5', 'soon', '-3000'])
    assert.throws(() => parseAckWait(bad), /STREAM_ACK_WAIT_MS/, bad);
});

test('JetStream: what a process took and never acknowledged comes to the next reader after the configured acknowledgement wait', {
  timeout: 60_000,
}, async (t) => {
  const nats = await startPrivateNats();
  const publisher = await connectJetStream(nats.url, 'test-publisher');
  const dying = await connectJetStream(nats.url, 'test-dying', () => {}, { ackWaitMs: 1_000 });
  let release = () => {};
  const hung = new Promise<void>((r) => {
    release = r;
  });
  let next: Awaited<ReturnType<typeof connectJetStream>> | null = null;
  t.after(async () => {
    release();
    await next?.close();
    await dying.close();
    await publisher.close();
    await nats.close();
  });
  const taken: string[] = [];
  await dying.consume('ack-wait-test', ['signals'], async (m) => {
    taken.push(m.id);
    await hung; // the process dies before its handler returns: never acknowledged
  });
  await publisher.publish('signals', 'evn_taken', []);
  await until(() => taken.length === 1, 10_000);
  await dying.nats.close(); // as a kill -9: the connection is gone, the message unacknowledged

  next = await connectJetStream(nats.url, 'test-next', () => {}, { ackWaitMs: 1_000 });
  const got: string[] = [];
  await next.consume('ack-wait-test', ['signals'], (m) => void got.push(m.id));
  await until(() => got.length === 1, 15_000);
  // With the default wait (30 s) it would not have come yet.
  assert.deepEqual(got, ['evn_taken'], 'the unacknowledged message came again within 15 s');
  const info = await (await next.nats.jetstreamManager()).consumers.info(STREAM_NAME, 'ack-wait-test');
  assert.equal(info.config.ack_wait, 1_000_000_000, 'the durable consumer has the configured wait (in ns)');
});
