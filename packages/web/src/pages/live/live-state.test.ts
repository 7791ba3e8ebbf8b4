import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FlashSale, Room } from '../../api/live';
import { applyMessage, emptyView, MAX_CHAT_LINES, parseServerMessage, viewFromRoom } from './live-state';

const sale: FlashSale = {
  id: 's1',
  roomId: 'r1',
  productId: 'p1',
  skuId: 'k1',
  title: '蜜橘',
  specValues: ['5斤'],
  label: '蜜橘 · 5斤',
  priceFen: 990,
  originalPriceFen: 1990,
  quantity: 10,
  remaining: 10,
  perPersonLimit: 2,
  startsAt: 0,
  endsAt: 9e12,
  status: 'open',
};
const room: Room = {
  id: 'r1',
  title: '果园直播',
  status: 'live',
  host: { kind: 'creator', id: 'u1', name: '阿柚', avatarUrl: null },
  playback: { hlsUrl: null, fallbackVideoUrl: '/media/demo.mp4' },
  bag: [
    {
      id: 'p1',
      title: '蜜橘',
      shopId: 'h1',
      shopName: '果园',
      categoryId: 'c1',
      priceFen: 1990,
      sales: 0,
      status: 'listed',
      originalPriceFen: null,
      imageUrl: null,
      source: 'shop',
      skus: [],
    },
  ],
  pinned: null,
  sales: [sale],
  coupons: [],
  luckyBags: [],
  stats: { online: 3, cumulativeViewers: 5, comments: 0, likes: 40 },
  createdAt: 1,
  openedAt: 2,
  endedAt: null,
};

test('parseServerMessage accepts the contract messages and ignores malformed frames', () => {
  assert.deepEqual(parseServerMessage('{"t":"likes","total":5}'), { t: 'likes', total: 5 });
  assert.equal(parseServerMessage('not json'), null);
  assert.equal(parseServerMessage('{"t":"likes","total":"5"}'), null);
  assert.equal(parseServerMessage('{"t":"shout"}'), null);
  assert.equal(parseServerMessage('[1,2]'), null);
  assert.equal(parseServerMessage('{"t":"state"}'), null);
  assert.equal(parseServerMessage(new ArrayBuffer(2)), null);
  assert.deepEqual(parseServerMessage('{"t":"pin","pinned":null}'), { t: 'pin', pinned: null });
  assert.deepEqual(parseServerMessage('{"t":"ended"}'), { t: 'ended' });
});

test('a state message resumes the room: pinned product and sale come back after a reconnect', () => {
  let view = viewFromRoom(emptyView, room);
  view = applyMessage(view, { t: 'comments', items: [{ id: 'c1', userName: 'a', text: '好', at: 1 }] });
  const resumed = applyMessage(view, {
    t: 'state',
    room: { ...room, pinned: room.bag[0]!, sales: [{ ...sale, remaining: 4 }] },
  });
  assert.equal(resumed.room?.pinned?.id, 'p1');
  assert.equal(resumed.room?.sales[0]?.remaining, 4);
  assert.equal(resumed.comments.length, 1, 'the comments already shown stay');
});

test('sale updates change the remaining stock in place; new sales are added', () => {
  let view = viewFromRoom(emptyView, room);
  view = applyMessage(view, { t: 'sale', sale: { ...sale, remaining: 7 } });
  assert.equal(view.room?.sales.length, 1);
  assert.equal(view.room?.sales[0]?.remaining, 7);
  view = applyMessage(view, { t: 'sale', sale: { ...sale, id: 's2' } });
  assert.equal(view.room?.sales.length, 2);
});

test('comments are de-duplicated and only the latest are kept', () => {
  let view = viewFromRoom(emptyView, room);
  const batch = Array.from({ length: MAX_CHAT_LINES + 5 }, (_, i) => ({
    id: `c${i}`,
    userName: 'u',
    text: String(i),
    at: i,
  }));
  view = applyMessage(view, { t: 'comments', items: batch });
  view = applyMessage(view, { t: 'comments', items: batch.slice(-3) });
  assert.equal(view.comments.length, MAX_CHAT_LINES);
  assert.equal(view.comments.at(-1)?.id, `c${MAX_CHAT_LINES + 4}`);
  assert.equal(view.comments[0]?.id, 'c5');
});

test('likes never go backwards, viewers follow the server, ended marks the room', () => {
  let view = viewFromRoom(emptyView, room);
  view = applyMessage(view, { t: 'likes', total: 30 });
  assert.equal(view.likes, 40);
  view = applyMessage(view, { t: 'likes', total: 55 });
  assert.equal(view.likes, 55);
  view = applyMessage(view, { t: 'viewers', online: 2, cumulative: 9 });
  assert.deepEqual([view.online, view.cumulative], [2, 9]);
  view = applyMessage(view, { t: 'pin', pinned: room.bag[0]! });
  assert.equal(view.room?.pinned?.title, '蜜橘');
  view = applyMessage(view, { t: 'ended' });
  assert.equal(view.ended, true);
  assert.equal(view.room?.status, 'ended');
});
