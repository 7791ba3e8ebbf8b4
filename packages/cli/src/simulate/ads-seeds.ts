/**
 * `simulate --ads --seeds N`: the same day run for seeds 1..N, summarised per campaign — the mean,
 * least and most of its budget use, the most it spent before noon, how often each cause limited
 * it, and the ROI pooled over the seeds (all GMV ÷ all spend, so a seed with little spend weighs
 * little) — and the ad load and organic completion delta at their worst.
 */
import type { LimitedBy } from './ads-diagnosis.js';
import type { AdsSimulationReport } from './ads-simulation.js';

export interface CampaignAcrossSeeds {
  name: string;
  pacing: 'even' | 'fast';
  cvr: number;
  cost_cap_fen: number;
  budget_use: { mean: number; min: number; max: number };
  spent_before_noon_max: number;
  /** Seeds in which the campaign ended limited by each cause. */
  limited_by: Record<LimitedBy, number>;
  /** Summed over the seeds. */
  impressions: number;
  clicks: number;
  spent_fen: number;
  gmv_fen: number;
  conversions: number;
  /** GMV ÷ spend over all seeds. */
  pooled_roi: number | null;
  /** Spend ÷ conversions over all seeds, in fen (null without a conversion). */
  cost_per_conversion_fen: number | null;
  /** The conversion prior's mean in its last auction, averaged over the seeds that have one. */
  prior_cvr_mean: number | null;
}

export interface AdsSeedsReport {
  seeds: number[];
  prior: AdsSimulationReport['prior'];
  personalised: boolean;
  /** Auctions over all seeds by the heads their priors came from. */
  auction_heads: AdsSimulationReport['auction_heads'];
  ads_ratio: { mean: number; max: number };
  organic_completion_delta: { mean: number; min: number };
  campaigns: CampaignAcrossSeeds[];
  /** One line per seed: each campaign's budget use and cause, in plan order. */
  per_seed: Array<{
    seed: number;
    budget_use: number[];
    limited_by: LimitedBy[];
    organic_completion_delta: number;
    ads_ratio: number;
  }>;
  seconds: number;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const mean = (xs: number[]): number => round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));

export function summariseSeeds(runs: ReadonlyArray<{ seed: number; report: AdsSimulationReport }>): AdsSeedsReport {
  if (runs.length === 0) throw new Error('no runs to summarise');
  const first = runs[0]!.report.campaigns;
  const campaigns = first.map((c0, i): CampaignAcrossSeeds => {
    const cs = runs.map((r) => r.report.campaigns[i]!);
    const uses = cs.map((c) => c.budget_use);
    const spent = cs.reduce((a, c) => a + c.spent_fen, 0);
    const gmv = cs.reduce((a, c) => a + c.gmv_fen, 0);
    const limited: Record<LimitedBy, number> = { budget: 0, pacing: 0, bid: 0 };
    for (const c of cs) limited[c.limited_by]++;
    const conversions = cs.reduce((a, c) => a + c.conversions, 0);
    const priors = cs.flatMap((c) => (c.prior_cvr === null ? [] : [c.prior_cvr]));
    return {
      name: c0.name,
      pacing: c0.pacing,
      cvr: c0.cvr,
      cost_cap_fen: c0.cost_cap_fen,
      budget_use: { mean: mean(uses), min: Math.min(...uses), max: Math.max(...uses) },
      spent_before_noon_max: Math.max(...cs.map((c) => c.spent_before_noon)),
      limited_by: limited,
      impressions: cs.reduce((a, c) => a + c.impressions, 0),
      clicks: cs.reduce((a, c) => a + c.clicks, 0),
      spent_fen: spent,
      gmv_fen: gmv,
      conversions,
      pooled_roi: spent > 0 ? round(gmv / spent) : null,
      cost_per_conversion_fen: conversions > 0 ? Math.round(spent / conversions) : null,
      prior_cvr_mean: priors.length ? mean(priors) : null,
    };
  });
  return {
    seeds: runs.map((r) => r.seed),
    prior: runs[0]!.report.prior,
    personalised: runs[0]!.report.personalised,
    auction_heads: {
      viewer: runs.reduce((a, r) => a + r.report.auction_heads.viewer, 0),
      item: runs.reduce((a, r) => a + r.report.auction_heads.item, 0),
      none: runs.reduce((a, r) => a + r.report.auction_heads.none, 0),
    },
    ads_ratio: {
      mean: mean(runs.map((r) => r.report.ads_ratio)),
      max: Math.max(...runs.map((r) => r.report.ads_ratio)),
    },
    organic_completion_delta: {
      mean: mean(runs.map((r) => r.report.organic_completion_delta)),
      min: Math.min(...runs.map((r) => r.report.organic_completion_delta)),
    },
    campaigns,
    per_seed: runs.map((r) => ({
      seed: r.seed,
      budget_use: r.report.campaigns.map((c) => c.budget_use),
      limited_by: r.report.campaigns.map((c) => c.limited_by),
      organic_completion_delta: r.report.organic_completion_delta,
      ads_ratio: r.report.ads_ratio,
    })),
    seconds: round(runs.reduce((a, r) => a + r.report.seconds, 0)),
  };
}
