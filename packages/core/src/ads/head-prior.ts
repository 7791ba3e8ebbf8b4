/**
 * Each campaign's prior from the interest engine's own heads. The engine's `engage` and
 * `purchase` heads predict a like, share or product tap, and a purchase, after an organic view
 * of a video; an ad click and an order after an ad click are other events with other rates. So
 * the heads only say how one creative compares with the others, and a ratio calibration fitted on
 * the running campaigns' history turns that into rates: pCTR prior = a × engage, pCVR prior =
 * b × purchase, with a = Σ clicks ÷ Σ impressions × engage and b = Σ orders ÷ Σ clicks × purchase
 * over the campaigns (each smoothed by the fixed prior's pseudo-observations at the heads' mean).
 * A creative the heads rate at their mean gets exactly the pooled prior (`pooledPrior`); one
 * rated twice as likely to be bought gets twice the pooled conversion rate as its prior mean.
 * The prior's weight (50 impressions, 20 clicks), the campaign's own history over it, the UCB
 * bonus and the charge cap are as before (ad-rules.ts). For a viewer with personalisation on the
 * page's auction runs on their own heads instead (`pageHeads`), calibrated the same way on the
 * same history. Pure.
 */
import { PRIOR, pooledPrior, type PooledPrior } from './ad-rules.js';
import type { AdGoal } from './ad-types.js';

/** Where a campaign's prior means come from: its creative's calibrated heads, or the pool of all running campaigns. */
export const AD_PRIOR_SOURCES = ['heads', 'pool'] as const;
export type AdPriorSource = (typeof AD_PRIOR_SOURCES)[number];
export const DEFAULT_AD_PRIOR: AdPriorSource = 'heads';

/** The engine's heads for a creative: item-level (no person's features, the same for every viewer), or one viewer's. */
export interface CreativeHeads {
  engage: number;
  purchase: number;
}

export interface HeadCampaign {
  id: string;
  impressions: number;
  clicks: number;
  conversions: number;
  goal: AdGoal;
  /** Null: no head prediction (a live room, a video the engine does not know, the engine not warm). */
  heads: CreativeHeads | null;
}

/** A creative's head is taken at most this many times above or below the heads' mean (a head on little data can be far off). */
export const MAX_HEAD_LIFT = 4;

export interface HeadCalibration {
  /** Click rate per unit of the engage head. */
  ctrPerEngage: number;
  /** Conversion-after-click rate per unit of the purchase head. */
  cvrPerPurchase: number;
  meanEngage: number;
  meanPurchase: number;
}

const clampLift = (x: number, mean: number): number =>
  mean * Math.min(MAX_HEAD_LIFT, Math.max(1 / MAX_HEAD_LIFT, x / mean));

const usable = (c: HeadCampaign): c is HeadCampaign & { heads: CreativeHeads } =>
  c.goal !== 'live_entries' &&
  c.heads !== null &&
  Number.isFinite(c.heads.engage) &&
  Number.isFinite(c.heads.purchase) &&
  c.heads.engage > 0 &&
  c.heads.purchase > 0;

/** The ratio calibration of the heads to ad rates over the campaigns that have heads; null when none has. */
export function fitHeadCalibration(campaigns: readonly HeadCampaign[]): HeadCalibration | null {
  const withHeads = campaigns.filter(usable);
  if (withHeads.length === 0) return null;
  const meanEngage = withHeads.reduce((s, c) => s + c.heads.engage, 0) / withHeads.length;
  const meanPurchase = withHeads.reduce((s, c) => s + c.heads.purchase, 0) / withHeads.length;
  let clicks = 0,
    conversions = 0,
    expectedClicks = 0,
    expectedConversions = 0;
  for (const c of withHeads) {
    clicks += c.clicks;
    conversions += Math.min(c.conversions, c.clicks + c.conversions);
    expectedClicks += c.impressions * clampLift(c.heads.engage, meanEngage);
    expectedConversions += c.clicks * clampLift(c.heads.purchase, meanPurchase);
  }
  return {
    ctrPerEngage: (clicks + PRIOR.ctr * PRIOR.ctrWeight) / (expectedClicks + meanEngage * PRIOR.ctrWeight),
    cvrPerPurchase:
      (conversions + PRIOR.cvr * PRIOR.cvrWeight) / (expectedConversions + meanPurchase * PRIOR.cvrWeight),
    meanEngage,
    meanPurchase,
  };
}

/**
 * The heads a page's auction runs on: the viewer's own (asked with the page, personalisation on)
 * in place of the item-level ones when they cover every creative the item-level ones cover —
 * a page's calibration never mixes the two — else the item-level ones. `viewer` is by creative
 * video id; null: none asked (personalisation off) or no answer.
 */
export function pageHeads(
  campaigns: ReadonlyArray<{ videoId: string | null; heads: CreativeHeads | null }>,
  viewer: ReadonlyMap<string, CreativeHeads> | null | undefined,
): { heads: Array<CreativeHeads | null>; perViewer: boolean } {
  const covered =
    viewer != null &&
    viewer.size > 0 &&
    campaigns.every((c) => c.videoId === null || c.heads === null || viewer.has(c.videoId));
  if (!covered) return { heads: campaigns.map((c) => c.heads), perViewer: false };
  return { heads: campaigns.map((c) => (c.videoId ? (viewer.get(c.videoId) ?? null) : null)), perViewer: true };
}

/**
 * Every campaign's prior means: from its creative's calibrated heads, or the pooled prior of all
 * running campaigns where it has none (live rooms, creatives the engine does not know).
 */
export function headPriors(campaigns: readonly HeadCampaign[]): Map<string, PooledPrior> {
  const pooled = pooledPrior(campaigns);
  const cal = fitHeadCalibration(campaigns);
  const out = new Map<string, PooledPrior>();
  for (const c of campaigns) {
    if (!cal || !usable(c)) {
      out.set(c.id, pooled);
      continue;
    }
    out.set(c.id, {
      ctr: rate(cal.ctrPerEngage * clampLift(c.heads.engage, cal.meanEngage)),
      cvr: rate(cal.cvrPerPurchase * clampLift(c.heads.purchase, cal.meanPurchase)),
      liveCvr: pooled.liveCvr,
    });
  }
  return out;
}

const rate = (x: number): number => Math.min(0.99, Math.max(1e-4, x));
