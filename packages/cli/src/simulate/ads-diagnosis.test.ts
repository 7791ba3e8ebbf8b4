import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuctionTrace } from '@zhongcao/core';
import { AuctionObserver, EVENING_FROM_SLOT, limitedBy } from './ads-diagnosis.js';

const HALF_HOUR = 1_800_000;
const at = (halfHour: number, a: Omit<AuctionTrace, 'now'>): AuctionTrace => ({ now: halfHour * HALF_HOUR + 1, ...a });

test('the observer tells a campaign held back while under its curve (pacing) from one that was let in and outbid (bid)', () => {
  const o = new AuctionObserver((t) => Math.floor(t / HALF_HOUR));
  // 10:00: A ahead of its curve, throttled — legitimate; B bids and wins
  o.observe(
    at(20, {
      throttled: [{ campaignId: 'A', spentMfen: 6_000, allowedMfen: 5_000 }],
      bids: [{ campaignId: 'B', score: 30 }],
      winner: { campaignId: 'B', priceMfen: 10 },
    }),
  );
  // evening: A bids and loses to B at 40 % of its score, twice; then wins once
  for (const score of [12, 12])
    o.observe(
      at(EVENING_FROM_SLOT + 2, {
        throttled: [],
        bids: [
          { campaignId: 'A', score },
          { campaignId: 'B', score: 30 },
        ],
        winner: { campaignId: 'B', priceMfen: 10 },
      }),
    );
  o.observe(
    at(EVENING_FROM_SLOT + 3, {
      throttled: [],
      bids: [{ campaignId: 'A', score: 12 }],
      winner: { campaignId: 'A', priceMfen: 1 },
    }),
  );
  // C: kept out while under its curve
  o.observe(at(40, { throttled: [{ campaignId: 'C', spentMfen: 1_000, allowedMfen: 9_000 }], bids: [], winner: null }));
  const a = o.tally('A');
  assert.deepEqual(a, {
    throttled_behind: 0,
    last_throttled_half_hour: 20,
    evening_bids: 3,
    evening_won: 1,
    evening_lost_score_ratio: 0.4,
  });
  assert.equal(limitedBy(0.6, a), 'bid');
  assert.equal(limitedBy(0.97, a), 'budget');
  const c = o.tally('C');
  assert.equal(c.throttled_behind, 1);
  assert.equal(limitedBy(0.6, c), 'pacing');
  assert.equal(o.tally('B').evening_won, 2);
  assert.equal(o.tally('nobody').evening_lost_score_ratio, null);
});
