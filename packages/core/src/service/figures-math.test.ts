import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeFigures, percentile, type FigureMessage } from './figures-math.js';
import { inServiceHours, matchFaq, pickStaff } from './service-rules.js';

// 2026-11-23 10:00 Asia/Shanghai
const T = Date.UTC(2026, 10, 23, 2, 0, 0);
const DAY = { from: Date.UTC(2026, 10, 22, 16), to: Date.UTC(2026, 10, 23, 16) };
const msg = (
  conversationId: string,
  side: 'buyer' | 'shop',
  at: number,
  extra: Partial<FigureMessage> = {},
): FigureMessage => ({
  conversationId,
  side,
  senderId: side === 'shop' ? 'staff1' : 'buyer',
  auto: false,
  createdAt: at,
  ...extra,
});

test('figures: first response, the 3-minute rate over assessed hours, unanswered, satisfaction; automatic answers never count', () => {
  const f = computeFigures(
    [
      msg('a', 'buyer', T),
      msg('a', 'shop', T + 5_000, { auto: true, senderId: null }),
      msg('a', 'shop', T + 60_000),
      msg('a', 'buyer', T + 120_000),
      msg('a', 'shop', T + 500_000), // 380 s later: too late for the 3-minute rate
      msg('b', 'buyer', T + 1000),
      msg('b', 'shop', T + 241_000),
      msg('c', 'buyer', T + 2000), // never answered
      msg('d', 'buyer', Date.UTC(2026, 10, 23, 15, 30)), // 23:30 Shanghai: outside the assessed hours
      msg('d', 'shop', Date.UTC(2026, 10, 23, 15, 31)),
    ],
    [
      { stars: 5, staffId: 'staff1' },
      { stars: 2, staffId: 'staff1' },
      { stars: 1, staffId: null },
    ],
    DAY,
  );
  assert.equal(f.conversations, 4);
  assert.equal(f.buyerMessages, 4);
  assert.equal(f.repliedWithin3Min, 1);
  assert.equal(f.replyRate3Min, 0.25);
  assert.deepEqual(
    [f.firstResponseAvgMs, f.firstResponseP90Ms],
    [Math.round((60_000 + 240_000 + 60_000) / 3), 240_000],
  );
  assert.equal(f.unanswered, 1);
  assert.deepEqual([f.ratings, f.dissatisfied], [3, 2]);
  assert.equal(f.autoMessages, 1);
  const empty = computeFigures([], [], DAY);
  assert.deepEqual(
    [empty.replyRate3Min, empty.firstResponseAvgMs, empty.firstResponseP90Ms, empty.dissatisfiedShare],
    [null, null, null, null],
  );
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9);
});

test('figures (property): counts stay within bounds, and adding automatic answers changes no human figure', () => {
  const message = fc.record({
    conversationId: fc.constantFrom('a', 'b', 'c'),
    side: fc.constantFrom<'buyer' | 'shop'>('buyer', 'shop'),
    senderId: fc.constantFrom('s1', 's2'),
    auto: fc.constant(false),
    createdAt: fc.integer({ min: DAY.from - 3_600_000, max: DAY.to + 3_600_000 }),
  });
  fc.assert(
    fc.property(
      fc.array(message, { maxLength: 40 }),
      fc.array(fc.integer({ min: DAY.from, max: DAY.to }), { maxLength: 10 }),
      (msgs, autoTimes) => {
        const f = computeFigures(msgs, [], DAY);
        assert.ok(f.repliedWithin3Min <= f.buyerMessages);
        assert.ok(f.unanswered <= f.conversations);
        if (f.replyRate3Min !== null) assert.ok(f.replyRate3Min >= 0 && f.replyRate3Min <= 1);
        if (f.firstResponseP90Ms !== null) assert.ok(f.firstResponseP90Ms >= 0);
        const autos = autoTimes.map((t, i) => ({
          conversationId: ['a', 'b', 'c'][i % 3]!,
          side: 'shop' as const,
          senderId: null,
          auto: true,
          createdAt: t,
        }));
        const g = computeFigures([...msgs, ...autos], [], DAY);
        assert.deepEqual(
          [
            g.conversations,
            g.buyerMessages,
            g.repliedWithin3Min,
            g.firstResponseAvgMs,
            g.firstResponseP90Ms,
            g.unanswered,
          ],
          [
            f.conversations,
            f.buyerMessages,
            f.repliedWithin3Min,
            f.firstResponseAvgMs,
            f.firstResponseP90Ms,
            f.unanswered,
          ],
        );
      },
    ),
  );
});

test('rules: service hours wrap midnight, the FAQ matches keywords, round robin respects the cap', () => {
  assert.equal(inServiceHours(T, 9 * 60, 18 * 60), true); // 10:00
  assert.equal(inServiceHours(T, 22 * 60, 6 * 60), false);
  assert.equal(inServiceHours(Date.UTC(2026, 10, 23, 15), 22 * 60, 6 * 60), true); // 23:00
  assert.equal(inServiceHours(T, 0, 0), true);
  assert.equal(matchFaq('什么时候发货呀', [{ keyword: '退货' }, { keyword: '发货' }])?.keyword, '发货');
  assert.equal(matchFaq('Hello', [{ keyword: 'hello' }])?.keyword, 'hello');
  assert.equal(
    pickStaff(
      [
        { userId: 'a', open: 1, lastAssignedAt: 5 },
        { userId: 'b', open: 0, lastAssignedAt: 9 },
      ],
      2,
    ),
    'a',
  );
  assert.equal(
    pickStaff(
      [
        { userId: 'a', open: 2, lastAssignedAt: 5 },
        { userId: 'b', open: 0, lastAssignedAt: 9 },
      ],
      2,
    ),
    'b',
  );
  assert.equal(pickStaff([{ userId: 'a', open: 2, lastAssignedAt: 5 }], 2), null);
});
