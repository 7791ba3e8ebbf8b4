import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveRuntime, openCore, type LiveEvent } from '@zhongcao/core';
import { connectNatsFanout } from '../shared/nats-fanout.js';
import { startPrivateNats } from '../test-support/private-services.js';
import { decodeRelayMessage, relayLive } from './live-relay.js';
import type { LiveComment } from './room-channel.js';

test('relay messages from this process, or malformed ones, are dropped', () => {
  const enc = (m: unknown): Uint8Array => Buffer.from(JSON.stringify(m));
  const event: LiveEvent = { roomId: 'lr_1', kind: 'ended' };
  assert.equal(decodeRelayMessage('me', enc({ origin: 'me', kind: 'event', event })), null);
  assert.deepEqual(decodeRelayMessage('me', enc({ origin: 'other', kind: 'event', event })), {
    origin: 'other',
    kind: 'event',
    event,
  });
  assert.equal(decodeRelayMessage('me', enc({ origin: 'other', kind: 'comment', roomId: 'lr_1' })), null);
  assert.equal(decodeRelayMessage('me', Buffer.from('nope')), null);
});

async function eventually(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), 'condition not met in time');
}

test('two api processes see each other’s room events and comments once, also after NATS restarts', {
  timeout: 60_000,
}, async () => {
  const nats = await startPrivateNats();
  const dataDir = await mkdtemp(join(tmpdir(), 'zc-relay-'));
  // Two cores over one store: two live runtimes, as in two processes.
  const coreA = await openCore({ dataDir, databaseUrl: undefined });
  const coreB = await openCore({ dataDir, databaseUrl: undefined, migrate: false });
  const fanA = await connectNatsFanout(nats.url);
  const fanB = await connectNatsFanout(nats.url);
  try {
    const seenA: LiveEvent[] = [];
    const seenB: LiveEvent[] = [];
    const commentsB: LiveComment[] = [];
    liveRuntime(coreA.ctx).on((e) => seenA.push(e));
    liveRuntime(coreB.ctx).on((e) => seenB.push(e));
    const relayA = relayLive(liveRuntime(coreA.ctx), fanA, () => assert.fail('A hears its own comment'));
    relayLive(liveRuntime(coreB.ctx), fanB, (_room, c) => commentsB.push(c));
    await new Promise((r) => setTimeout(r, 100)); // subscriptions reach the server

    liveRuntime(coreA.ctx).publish({ roomId: 'lr_1', kind: 'pin', productId: 'prd_1' });
    await eventually(() => seenB.length === 1, 2_000);
    assert.deepEqual(seenB[0], { roomId: 'lr_1', kind: 'pin', productId: 'prd_1' });
    relayA.comment('lr_1', { id: `c${relayA.tag}.1`, userName: '小王', text: '上链接', at: 1 });
    await eventually(() => commentsB.length === 1, 2_000);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(seenA.length, 1, 'no echo back to the process that published');
    assert.equal(seenB.length, 1, 'received once');

    await nats.stop(true);
    await nats.restart();
    const sent = Date.now();
    // Frames published while disconnected are not kept; once reconnected they flow again.
    while (seenB.length < 2 && Date.now() - sent < 15_000) {
      liveRuntime(coreA.ctx).publish({ roomId: 'lr_1', kind: 'changed' });
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(seenB.length >= 2, 'events flow again after NATS restarts');
    assert.deepEqual(seenB.at(-1), { roomId: 'lr_1', kind: 'changed' });
  } finally {
    await fanA.close();
    await fanB.close();
    await coreA.close();
    await coreB.close();
    await nats.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
