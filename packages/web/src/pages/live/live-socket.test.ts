import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LiveSocket, type ConnectionStatus, type SocketLike, type Timers } from './live-socket';
import type { ServerMessage } from './live-state';

/** A socket the test drives by hand: it records what the client sends. */
class HandSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  receive(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
}

/** Timers on a hand-driven clock. */
function handClock() {
  let now = 0;
  let seq = 0;
  const jobs = new Map<number, { at: number; fn: () => void; every: number | null }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => (jobs.set(++seq, { at: now + ms, fn, every: null }), seq),
    clearTimeout: (h) => void jobs.delete(h as number),
    setInterval: (fn, ms) => (jobs.set(++seq, { at: now + ms, fn, every: ms }), seq),
    clearInterval: (h) => void jobs.delete(h as number),
  };
  function advance(ms: number) {
    const until = now + ms;
    for (;;) {
      const due = [...jobs.entries()].filter(([, j]) => j.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, job] = due;
      now = job.at;
      if (job.every === null) jobs.delete(id);
      else job.at += job.every;
      job.fn();
    }
    now = until;
  }
  return { timers, advance };
}

function setup() {
  const sockets: HandSocket[] = [];
  const statuses: ConnectionStatus[] = [];
  const messages: ServerMessage[] = [];
  const clock = handClock();
  const live = new LiveSocket({
    url: 'ws://x/api/v1/live/rooms/r1/ws',
    onMessage: (m) => messages.push(m),
    onStatus: (s) => statuses.push(s),
    create: () => {
      const s = new HandSocket();
      sockets.push(s);
      return s;
    },
    timers: clock.timers,
    random: () => 1,
    likeFlushMs: 500,
    pingMs: 25_000,
  });
  return { live, sockets, statuses, messages, clock };
}

test('a dropped connection is retried with growing waits until the server sends the state again', () => {
  const { live, sockets, statuses, clock } = setup();
  live.start();
  sockets[0]!.drop(); // never opened: the server is down
  assert.equal(statuses.at(-1), 'reconnecting');
  clock.advance(499);
  assert.equal(sockets.length, 1);
  clock.advance(1);
  assert.equal(sockets.length, 2, 'first retry after 500 ms');
  sockets[1]!.drop();
  clock.advance(999);
  assert.equal(sockets.length, 2);
  clock.advance(1);
  assert.equal(sockets.length, 3, 'second retry after 1 s');
  sockets[2]!.open();
  sockets[2]!.receive({ t: 'state', room: { id: 'r1' } });
  sockets[2]!.drop();
  clock.advance(500);
  assert.equal(sockets.length, 4, 'a successful join resets the backoff');
  live.stop();
  clock.advance(60_000);
  assert.equal(sockets.length, 4, 'no retry after stop');
  assert.equal(statuses.at(-1), 'closed');
});

test('likes go out as one aggregated message per flush, and wait while offline', () => {
  const { live, sockets, clock } = setup();
  live.start();
  for (let i = 0; i < 12; i++) live.like();
  clock.advance(500);
  assert.deepEqual(sockets[0]!.sent, [], 'not connected yet: the taps are kept');
  sockets[0]!.open();
  clock.advance(500);
  assert.deepEqual(sockets[0]!.sent, [{ t: 'like', n: 12 }]);
  clock.advance(2000);
  assert.equal(sockets[0]!.sent.length, 1, 'nothing sent without taps');
  live.stop();
});

test('comments are trimmed to 200 characters and refused while offline; messages reach the screen; ended stops', () => {
  const { live, sockets, messages, clock } = setup();
  live.start();
  assert.equal(live.comment('早'), false);
  sockets[0]!.open();
  assert.equal(live.comment('   '), false);
  assert.equal(live.comment('x'.repeat(300)), true);
  assert.deepEqual(sockets[0]!.sent, [{ t: 'comment', text: 'x'.repeat(200) }]);
  sockets[0]!.onmessage?.({ data: 'garbage' });
  sockets[0]!.receive({ t: 'likes', total: 3 });
  sockets[0]!.receive({ t: 'ended' });
  assert.deepEqual(messages, [{ t: 'likes', total: 3 }, { t: 'ended' }]);
  assert.equal(sockets[0]!.closed, true);
  clock.advance(60_000);
  assert.equal(sockets.length, 1, 'an ended room is not reconnected');
});

test('a room the server refuses for good (4404) is not retried', () => {
  const { live, sockets, statuses, messages, clock } = setup();
  live.start();
  sockets[0]!.open();
  sockets[0]!.receive({ t: 'error', code: 'ROOM_NOT_FOUND' });
  sockets[0]!.drop(4404);
  clock.advance(60_000);
  assert.equal(sockets.length, 1);
  assert.equal(statuses.at(-1), 'closed');
  assert.deepEqual(messages, [{ t: 'error', code: 'ROOM_NOT_FOUND' }]);
});

test('pings keep the line alive', () => {
  const { live, sockets, clock } = setup();
  live.start();
  sockets[0]!.open();
  clock.advance(25_000);
  assert.deepEqual(sockets[0]!.sent, [{ t: 'ping' }]);
  live.stop();
});
