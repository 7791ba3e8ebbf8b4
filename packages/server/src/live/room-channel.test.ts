import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebSocket } from 'ws';
import type { RoomStatsTracker } from '@zhongcao/core';
import { FLUSH_GROUPS, MAX_COMMENTS_PER_S, RoomChannel, type Viewer } from './room-channel.js';

/** A viewer whose connection records the messages written to it (unmasked text frames, lengths < 64 KiB). */
function fakeViewer(name: string): Viewer & { received: Array<Record<string, unknown>> } {
  const received: Array<Record<string, unknown>> = [];
  const tcp = {
    writable: true,
    write(data: Buffer): boolean {
      for (let at = 0; at < data.length; ) {
        let length = data[at + 1]! & 0x7f;
        let header = 2;
        if (length === 126) {
          length = data.readUInt16BE(at + 2);
          header = 4;
        }
        received.push(
          JSON.parse(data.subarray(at + header, at + header + length).toString()) as Record<string, unknown>,
        );
        at += header + length;
      }
      return true;
    },
  };
  const socket = {
    readyState: 1,
    bufferedAmount: 0,
    _socket: tcp,
    _sender: { _bufferedBytes: 0 },
  } as unknown as WebSocket;
  return { socket, userId: null, userName: name, received };
}

const stats = (): RoomStatsTracker => ({ comments: 0 }) as unknown as RoomStatsTracker;
const comment = (n: number) => ({ id: `c${n}`, userName: 'fan', text: `#${n}`, at: 0 });

test('viewers are flushed in groups, in turn: each gets every comment once, numbered, with the frames queued for all', () => {
  const ch = new RoomChannel('room', stats());
  const viewers = Array.from({ length: FLUSH_GROUPS * 2 }, (_, i) => fakeViewer(`v${i}`));
  for (const v of viewers) ch.join(v);
  ch.addComment(comment(1), 0);
  ch.addComment(comment(2), 0);
  ch.queueForAll('likes', Buffer.from('{"t":"likes","total":1}'));
  ch.queueForAll('likes', Buffer.from('{"t":"likes","total":2}'));
  ch.flushNext();
  const flushed = viewers.filter((v) => v.received.length > 0);
  assert.equal(flushed.length, 2, 'one group of two viewers per flush');
  assert.deepEqual(flushed[0]!.received, [
    { t: 'comments', upTo: 2, count: 2, items: [comment(1), comment(2)] },
    { t: 'likes', total: 2 },
  ]);

  ch.addComment(comment(3), 0);
  for (let i = 1; i < FLUSH_GROUPS; i++) ch.flushNext();
  ch.flushNext();
  for (const v of viewers) {
    const texts = v.received
      .filter((f) => f.t === 'comments')
      .flatMap((f) => (f.items as Array<{ text: string }>).map((c) => c.text));
    assert.deepEqual(texts, ['#1', '#2', '#3'], v.userName);
    assert.equal(v.received.filter((f) => f.t === 'likes').length, 1, v.userName);
  }
  assert.deepEqual(flushed[0]!.received.at(-1), { t: 'comments', upTo: 3, count: 1, items: [comment(3)] });
});

test('a room busier than people can read samples comments out as they arrive, and the frames say how many', () => {
  const ch = new RoomChannel('room', stats());
  const v = fakeViewer('v');
  ch.join(v);
  // A steady rate under the limit passes whole, even when frames come late.
  for (let i = 0; i < MAX_COMMENTS_PER_S; i++) ch.addComment(comment(i), i * 5);
  for (let i = 0; i < FLUSH_GROUPS; i++) ch.flushNext();
  assert.equal(v.received[0]!.count, MAX_COMMENTS_PER_S);
  assert.equal(v.received[0]!.sampledOut, undefined);
  // A thousand at once: a burst's worth passes, the rest are counted as sampled out.
  for (let i = 0; i < 1000; i++) ch.addComment(comment(1000 + i), 5000);
  for (let i = 0; i < FLUSH_GROUPS; i++) ch.flushNext();
  const frame = v.received[1]!;
  assert.ok((frame.count as number) < 200, `${String(frame.count)} passed`);
  assert.equal((frame.count as number) + (frame.sampledOut as number), 1000);
});

test('the newest word on anything comes last; a viewer who left is no longer written to', () => {
  const ch = new RoomChannel('room', stats());
  const [stays, leaves] = [fakeViewer('stays'), fakeViewer('leaves')];
  for (const v of [stays, leaves]) ch.join(v);
  ch.queueForAll('pin', Buffer.from('{"t":"pin","pinned":"a"}'));
  ch.queueForAll('state', Buffer.from('{"t":"state","pinned":"a"}'));
  ch.queueForAll('pin', Buffer.from('{"t":"pin","pinned":"b"}'));
  assert.equal(ch.leave(leaves), true);
  assert.equal(ch.leave(leaves), false);
  for (let i = 0; i < FLUSH_GROUPS; i++) ch.flushNext();
  assert.deepEqual(stays.received, [
    { t: 'state', pinned: 'a' },
    { t: 'pin', pinned: 'b' },
  ]);
  assert.deepEqual(leaves.received, []);
});
