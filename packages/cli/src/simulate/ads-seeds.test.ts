import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AdsSimulationReport, CampaignOutcome } from './ads-simulation.js';
import { summariseSeeds } from './ads-seeds.js';

const tally = {
  throttled_behind: 0,
  last_throttled_half_hour: null,
  evening_bids: 0,
  evening_won: 0,
  evening_lost_score_ratio: null,
};
function outcome(
  name: string,
  budgetUse: number,
  spent: number,
  gmv: number,
  limited: CampaignOutcome['limited_by'],
): CampaignOutcome {
  return {
    name,
    pacing: 'even',
    cvr: 0.1,
    cost_cap_fen: 12000,
    price_fen: 5990,
    budget_fen: 10000,
    spent_fen: spent,
    budget_use: budgetUse,
    spent_before_noon: budgetUse / 3,
    impressions: 1,
    clicks: 1,
    purchases: 0,
    conversions: 0,
    gmv_fen: gmv,
    roi: spent ? gmv / spent : null,
    predicted_ctr: 0.04,
    predicted_cvr: 0.1,
    prior_cvr: spent ? 0.05 : null,
    limited_by: limited,
    auctions: tally,
  };
}
function report(delta: number, ratio: number, cs: CampaignOutcome[]): AdsSimulationReport {
  return {
    day: '2026-12-07',
    prior: 'heads',
    personalised: false,
    auction_heads: { viewer: 0, item: 1, none: 0 },
    organic: null,
    requests: 10,
    items: 10,
    ads: 1,
    ads_ratio: ratio,
    organic_completion_delta: delta,
    organic_completion_with_ads: 0.5,
    organic_completion_without_ads: 0.5,
    campaigns: cs,
    seconds: 1,
  };
}

test('across seeds: mean, least and most budget use per campaign, causes counted, ROI pooled as all GMV over all spend', () => {
  const s = summariseSeeds([
    {
      seed: 1,
      report: report(-0.01, 0.11, [outcome('x', 1, 10000, 30000, 'budget'), outcome('y', 0.5, 5000, 0, 'bid')]),
    },
    {
      seed: 2,
      report: report(-0.02, 0.12, [outcome('x', 0.9, 9000, 0, 'bid'), outcome('y', 1, 10000, 15000, 'budget')]),
    },
  ]);
  assert.deepEqual(s.seeds, [1, 2]);
  assert.deepEqual(s.campaigns[0]!.budget_use, { mean: 0.95, min: 0.9, max: 1 });
  assert.deepEqual(s.campaigns[0]!.limited_by, { budget: 1, pacing: 0, bid: 1 });
  assert.equal(s.campaigns[0]!.pooled_roi, 1.579, '30000 ÷ 19000, not the mean of 3 and 0');
  assert.equal(s.campaigns[1]!.pooled_roi, 1);
  assert.equal(s.campaigns[0]!.cost_per_conversion_fen, null, 'no conversion');
  assert.equal(s.campaigns[0]!.prior_cvr_mean, 0.05);
  assert.equal(s.prior, 'heads');
  assert.deepEqual(s.auction_heads, { viewer: 0, item: 2, none: 0 }, 'summed over the seeds');
  assert.equal(s.campaigns[1]!.clicks, 2);
  assert.equal(s.campaigns[1]!.spent_before_noon_max, 1 / 3, 'the larger of 0.5/3 and 1/3');
  assert.deepEqual(s.organic_completion_delta, { mean: -0.015, min: -0.02 });
  assert.deepEqual(s.ads_ratio, { mean: 0.115, max: 0.12 });
  assert.deepEqual(s.per_seed[1], {
    seed: 2,
    budget_use: [0.9, 1],
    limited_by: ['bid', 'budget'],
    organic_completion_delta: -0.02,
    ads_ratio: 0.12,
  });
  assert.throws(() => summariseSeeds([]));
});
