import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pickTouch, TOUCH_SOURCES, type Touch } from './attribution-rules.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const W = 7 * DAY;
const NOW = Date.UTC(2026, 4, 20, 12, 0, 30);
const t = (source: Touch['source'], creatorId: string, at: number): Touch => ({
  source,
  creatorId,
  contentId: `${source}-${creatorId}`,
  at,
});

test('last touch within the window wins; older touches and touches after the order do not count', () => {
  assert.equal(pickTouch([t('video', 'a', NOW - 3 * DAY), t('video', 'b', NOW - DAY)], NOW, W)?.creatorId, 'b');
  assert.equal(pickTouch([t('video', 'a', NOW - W)], NOW, W), null, 'exactly the window ago is outside');
  assert.equal(pickTouch([t('video', 'a', NOW - W + 1)], NOW, W)?.creatorId, 'a');
  assert.equal(pickTouch([t('link', 'a', NOW + 1)], NOW, W), null, 'a touch after the order');
  assert.equal(pickTouch([], NOW, W), null);
});

test('an explicit link beats a feed tap, even a later one; not a later video', () => {
  assert.equal(pickTouch([t('link', 'a', NOW - 2 * DAY), t('feed', 'b', NOW - MIN)], NOW, W)?.creatorId, 'a');
  assert.equal(pickTouch([t('link', 'a', NOW - 2 * DAY), t('video', 'b', NOW - MIN)], NOW, W)?.creatorId, 'b');
  assert.equal(
    pickTouch([t('link', 'a', NOW - W - 1), t('feed', 'b', NOW - MIN)], NOW, W)?.creatorId,
    'b',
    'a link outside the window sets nothing aside',
  );
});

test('a live room beats a video in the same minute, even one a few seconds later; not in the next minute', () => {
  const minute = Math.floor((NOW - 10 * MIN) / MIN) * MIN;
  assert.equal(pickTouch([t('live', 'a', minute + 1_000), t('video', 'b', minute + 59_000)], NOW, W)?.creatorId, 'a');
  assert.equal(
    pickTouch([t('video', 'b', minute + 59_000), t('live', 'a', minute + 1_000)], NOW, W)?.creatorId,
    'a',
    'input order does not matter',
  );
  assert.equal(pickTouch([t('live', 'a', minute + 59_000), t('video', 'b', minute + MIN)], NOW, W)?.creatorId, 'b');
});

const touchArb: fc.Arbitrary<Touch> = fc.record({
  source: fc.constantFrom(...TOUCH_SOURCES),
  creatorId: fc.constantFrom('a', 'b', 'c'),
  contentId: fc.constantFrom('x', 'y', 'z'),
  at: fc.integer({ min: NOW - 9 * DAY, max: NOW + DAY }),
});

test('property: the winner is in the window, is never a feed tap when a link is in the window, and nothing eligible is in a later minute (or the same minute and live over non-live); order-independent', () => {
  fc.assert(
    fc.property(fc.array(touchArb, { maxLength: 12 }), fc.nat(), (touches, seed) => {
      const won = pickTouch(touches, NOW, W);
      const inWindow = touches.filter((x) => x.at <= NOW && x.at > NOW - W);
      const hasLink = inWindow.some((x) => x.source === 'link');
      const eligible = inWindow.filter((x) => !(hasLink && x.source === 'feed'));
      if (eligible.length === 0) return assert.equal(won, null);
      assert.ok(won && eligible.includes(won));
      const minute = (x: Touch) => Math.floor(x.at / MIN);
      for (const x of eligible) {
        assert.ok(minute(x) <= minute(won), 'no eligible touch in a later minute');
        if (minute(x) === minute(won) && x.source === 'live')
          assert.equal(won.source, 'live', 'a live touch in the winning minute wins');
      }
      const shuffled = [...touches].sort(
        (p, q) => ((touches.indexOf(p) * 7919 + seed) % 13) - ((touches.indexOf(q) * 7919 + seed) % 13),
      );
      assert.deepEqual(pickTouch(shuffled, NOW, W), won);
    }),
    { numRuns: 500 },
  );
});
