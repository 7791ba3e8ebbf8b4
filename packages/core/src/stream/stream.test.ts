import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedStream, SeenIds, type StreamMessage } from './stream.js';

test('SeenIds: an id is first once; the last ids are remembered across a generation turn', () => {
  const seen = new SeenIds(3);
  assert.equal(seen.first('a'), true);
  assert.equal(seen.first('a'), false);
  for (const id of ['b', 'c', 'd']) assert.equal(seen.first(id), true);
  assert.equal(seen.first('c'), false, 'still remembered in the previous generation');
  for (const id of ['e', 'f', 'g', 'h']) seen.first(id);
  assert.equal(seen.first('a'), true, 'old ids are forgotten (bounded memory)');
});

test('the embedded stream delivers in this process to the consumers whose prefixes match, in order', async () => {
  const stream = new EmbeddedStream();
  const engine: StreamMessage[] = [];
  const all: string[] = [];
  await stream.consume('engine', ['signals', 'outbox.payment.succeeded'], (m) => void engine.push(m));
  const everything = await stream.consume('audit', ['signals', 'outbox.'], (m) => void all.push(m.id));
  await stream.publish('signals', 'evn_1', [{ kind: 'view' }]);
  await stream.publish('outbox.order.created', 'evt_1', {});
  await stream.publish('outbox.payment.succeeded', 'evt_2', {});
  assert.deepEqual(
    engine.map((m) => m.id),
    ['evn_1', 'evt_2'],
  );
  assert.deepEqual(engine[0]!.payload, [{ kind: 'view' }]);
  assert.deepEqual(all, ['evn_1', 'evt_1', 'evt_2']);
  await everything.stop();
  await stream.publish('signals', 'evn_2', []);
  assert.deepEqual(all, ['evn_1', 'evt_1', 'evt_2'], 'a stopped consumer receives nothing');
});
