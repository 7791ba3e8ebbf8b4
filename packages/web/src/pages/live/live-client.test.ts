import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostSocketUrl, liveSocketUrl, type FlashSale } from '../../api/live';
import {
  BACKOFF_MAX_MS,
  backoffDelay,
  featuredSale,
  formatCountdown,
  LikeBatcher,
  MAX_LIKES_PER_MESSAGE,
  MAX_PENDING_LIKES,
  saleChoices,
  salePhase,
  soldShare,
} from './live-client';

test('backoffDelay doubles per attempt, jitters within the upper half of the step, and is capped', () => {
  assert.equal(
    backoffDelay(0, () => 0),
    250,
  );
  assert.equal(
    backoffDelay(0, () => 1),
    500,
  );
  assert.equal(
    backoffDelay(1, () => 0),
    500,
  );
  assert.equal(
    backoffDelay(3, () => 1),
    4000,
  );
  assert.equal(
    backoffDelay(50, () => 1),
    BACKOFF_MAX_MS,
  );
  assert.equal(
    backoffDelay(50, () => 0),
    BACKOFF_MAX_MS / 2,
  );
  // A broken random source cannot push the wait outside its bounds.
  assert.equal(
    backoffDelay(2, () => 7),
    2000,
  );
  assert.equal(
    backoffDelay(-3, () => 0),
    250,
  );
});

test('backoffDelay spreads a room of reconnecting viewers over the window', () => {
  const waits = new Set(Array.from({ length: 100 }, (_, i) => backoffDelay(4, () => i / 100)));
  assert.ok(waits.size > 90);
  for (const w of waits) assert.ok(w >= 4000 && w <= 8000);
});

test('LikeBatcher turns many taps into few messages and keeps the rest for the next flush', () => {
  const likes = new LikeBatcher();
  for (let i = 0; i < 7; i++) likes.tap();
  assert.equal(likes.take(), 7);
  assert.equal(likes.take(), 0);
  likes.tap(250);
  assert.equal(likes.take(), MAX_LIKES_PER_MESSAGE);
  assert.equal(likes.take(), MAX_LIKES_PER_MESSAGE);
  assert.equal(likes.take(), 50);
  likes.tap(-5);
  likes.tap(Number.NaN);
  assert.equal(likes.pending, 0);
  likes.tap(MAX_PENDING_LIKES * 3);
  assert.equal(likes.pending, MAX_PENDING_LIKES);
});

test('formatCountdown reads mm:ss, with hours from an hour up, rounding partial seconds up', () => {
  assert.equal(formatCountdown(299_001), '05:00');
  assert.equal(formatCountdown(299_000), '04:59');
  assert.equal(formatCountdown(1), '00:01');
  assert.equal(formatCountdown(0), '00:00');
  assert.equal(formatCountdown(-5000), '00:00');
  assert.equal(formatCountdown(3_723_000), '1:02:03');
});

const sale = (over: Partial<FlashSale>): FlashSale => ({
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
  startsAt: 1000,
  endsAt: 5000,
  status: 'open',
  ...over,
});

test('salePhase follows the window and the stock; an ended status wins', () => {
  assert.equal(salePhase(sale({ status: 'scheduled' }), 999), 'upcoming');
  assert.equal(salePhase(sale({}), 1000), 'open');
  assert.equal(salePhase(sale({ remaining: 0 }), 2000), 'soldOut');
  assert.equal(salePhase(sale({}), 5000), 'ended');
  assert.equal(salePhase(sale({ status: 'ended' }), 2000), 'ended');
});

test('featuredSale prefers the open sale, then the next to open, then a sold-out one', () => {
  const open = sale({ id: 'open' });
  const later = sale({ id: 'later', startsAt: 3000, status: 'scheduled' });
  const soon = sale({ id: 'soon', startsAt: 2500, status: 'scheduled' });
  const gone = sale({ id: 'gone', remaining: 0 });
  assert.equal(featuredSale([later, gone, open, soon], 2000)?.id, 'open');
  assert.equal(featuredSale([later, gone, soon], 2000)?.id, 'soon');
  assert.equal(featuredSale([gone], 2000)?.id, 'gone');
  assert.equal(featuredSale([gone], 6000), null);
  assert.equal(featuredSale([], 0), null);
});

test('saleChoices offers the open sales of the same product and the chosen one, one per SKU, in spec order', () => {
  const five = sale({ id: 'five' });
  const ten = sale({ id: 'ten', skuId: 'k2', specValues: ['10斤'], label: '蜜橘 · 10斤' });
  const soldOut = sale({ id: 'three', skuId: 'k3', specValues: ['3斤'], remaining: 0 });
  const other = sale({ id: 'other', productId: 'p2', skuId: 'k9' });
  assert.deepEqual(
    saleChoices([ten, soldOut, other, five], ten, 2000).map((s) => s.id),
    ['five', 'ten'],
  );
  assert.deepEqual(
    saleChoices([five, other], five, 2000).map((s) => s.id),
    ['five'],
  );
  assert.deepEqual(
    saleChoices([five, ten, soldOut], soldOut, 2000).map((s) => s.id),
    ['three', 'five', 'ten'],
    'the chosen sale stays among the choices when it sells out',
  );
});

test('soldShare is the taken part of the units, bounded', () => {
  assert.equal(soldShare({ quantity: 10, remaining: 7 }), 0.3);
  assert.equal(soldShare({ quantity: 10, remaining: 12 }), 0);
  assert.equal(soldShare({ quantity: 0, remaining: 0 }), 1);
});

test('socket addresses: viewers carry their device key; the host panel asks to be left out of the viewer figures', () => {
  const at = { protocol: 'https:', host: 'shop.example' };
  assert.equal(liveSocketUrl('lrm_1', 'dev-1', at), 'wss://shop.example/api/v1/live/rooms/lrm_1/ws?viewer=dev-1');
  assert.equal(
    hostSocketUrl('lrm_1', { protocol: 'http:', host: 'localhost:3000' }),
    'ws://localhost:3000/api/v1/live/rooms/lrm_1/ws?as=host',
  );
});
