import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamMessage } from '@zhongcao/core';
import { startPrivateNats } from '../test-support/private-services.js';
import { connectJetStream, natsFilter } from './jetstream-stream.js';

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
  assert.equal(api.figures.queued, 0);
});
