/**
 * The pure rules of paid traffic: campaign validation, the weekly schedule, predictions with a
 * prior, the expected value per 1,000 impressions, the generalised second price, where ad slots
 * go in the feed, the pacing throttle and the invalid-traffic filter. No I/O.
 */
import { DomainError, type ErrorCode } from '../platform/index.js';
import {
  AD_BID_KINDS,
  AD_GOALS,
  AD_PACINGS,
  AD_PROMOTES,
  MAX_COST_CAP_FEN,
  MAX_DAILY_BUDGET_FEN,
  MAX_NAME,
  MAX_TARGETS,
  MAX_TARGET_CHARS,
  MAX_ROI_CENTI,
  MIN_COST_CAP_FEN,
  MIN_DAILY_BUDGET_FEN,
  MIN_ROI_CENTI,
  SCHEDULE_SLOTS,
  type AdBidKind,
  type AdGoal,
  type AdPacing,
  type AdPromote,
  type InvalidTrafficReason,
} from './ad-types.js';

const HOUR = 3_600_000;
const HALF_HOUR = 1_800_000;
const DAY = 24 * HOUR;
const SHANGHAI = 8 * HOUR;

// ---------- schedule: 336 half-hours of the week (Monday 00:00 Asia/Shanghai first), 84 hex digits

export const FULL_SCHEDULE = 'f'.repeat(SCHEDULE_SLOTS / 4);

export function validSchedule(s: string): boolean {
  return s.length === SCHEDULE_SLOTS / 4 && /^[0-9a-f]+$/.test(s) && /[1-9a-f]/.test(s);
}

/** The slot (0–335) of a moment. */
export function slotOf(t: number): number {
  const local = t + SHANGHAI;
  const weekday = (new Date(local).getUTCDay() + 6) % 7; // Monday 0
  return weekday * 48 + Math.floor((((local % DAY) + DAY) % DAY) / HALF_HOUR);
}

export function slotOn(schedule: string, slot: number): boolean {
  const nibble = parseInt(schedule[slot >> 2] ?? '0', 16);
  return ((nibble >> (3 - (slot & 3))) & 1) === 1;
}

export function scheduleFromSlots(slots: Iterable<number>): string {
  const bits = new Array<number>(SCHEDULE_SLOTS / 4).fill(0);
  for (const s of slots) if (s >= 0 && s < SCHEDULE_SLOTS) bits[s >> 2]! |= 1 << (3 - (s & 3));
  return bits.map((b) => b.toString(16)).join('');
}

/** Start of the Asia/Shanghai day of t (epoch ms) and its name. */
export function shanghaiDayStart(t: number): number {
  return Math.floor((t + SHANGHAI) / DAY) * DAY - SHANGHAI;
}
export function adDay(t: number): string {
  return new Date(shanghaiDayStart(t) + SHANGHAI).toISOString().slice(0, 10);
}

// ---------- validation

export interface CampaignInput {
  name: string;
  promote: AdPromote;
  videoId?: string | null | undefined;
  liveRoomId?: string | null | undefined;
  goal: AdGoal;
  bidKind: AdBidKind;
  costCapFen?: number | null | undefined;
  roiTarget?: number | null | undefined;
  dailyBudgetFen: number;
  schedule?: string | undefined;
  pacing: AdPacing;
  targetCategories?: string[] | undefined;
  targetRegions?: string[] | undefined;
  /** "People like my buyers": the engine's embedding neighbours of the shop's past buyers. */
  targetLookalike?: boolean | undefined;
}

const err = (code: ErrorCode, message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(code, message, details);

/** Checks a campaign's settings; returns the normalised values (ROI in hundredths). */
export function validateCampaign(i: CampaignInput): {
  roiTargetCenti: number | null;
  costCapFen: number | null;
  schedule: string;
  targetCategories: string[];
  targetRegions: string[];
} {
  if (typeof i.name !== 'string' || i.name.trim().length === 0 || i.name.length > MAX_NAME)
    throw new DomainError('VALIDATION_FAILED', `name must be 1–${MAX_NAME} characters`);
  if (!(AD_PROMOTES as readonly string[]).includes(i.promote))
    throw err('AD_GOAL_INVALID', 'promote must be video, product or live_room');
  if (!(AD_GOALS as readonly string[]).includes(i.goal))
    throw err('AD_GOAL_INVALID', 'goal must be orders, gmv or live_entries');
  if ((i.goal === 'live_entries') !== (i.promote === 'live_room'))
    throw err('AD_GOAL_INVALID', 'live-room entries are the goal of a live-room campaign, and only of one');
  if (i.targetLookalike !== undefined && typeof i.targetLookalike !== 'boolean')
    throw err('AD_TARGETING_INVALID', 'targetLookalike is true or false');
  if (!(AD_PACINGS as readonly string[]).includes(i.pacing))
    throw err('AD_BUDGET_INVALID', 'pacing must be even or fast');
  if (
    !Number.isSafeInteger(i.dailyBudgetFen) ||
    i.dailyBudgetFen < MIN_DAILY_BUDGET_FEN ||
    i.dailyBudgetFen > MAX_DAILY_BUDGET_FEN
  ) {
    throw err(
      'AD_BUDGET_INVALID',
      `the daily budget must be ¥${MIN_DAILY_BUDGET_FEN / 100}–¥${MAX_DAILY_BUDGET_FEN / 100}`,
      { min: MIN_DAILY_BUDGET_FEN, max: MAX_DAILY_BUDGET_FEN },
    );
  }
  if (!(AD_BID_KINDS as readonly string[]).includes(i.bidKind))
    throw err('AD_BID_INVALID', 'bid kind must be cost_cap or target_roi');
  if (i.goal === 'gmv' && i.bidKind !== 'target_roi') throw err('AD_BID_INVALID', 'a GMV campaign bids a target ROI');
  if (i.goal === 'live_entries' && i.bidKind !== 'cost_cap')
    throw err('AD_BID_INVALID', 'a live-room campaign bids a cost per entry');
  let costCapFen: number | null = null;
  let roiTargetCenti: number | null = null;
  if (i.bidKind === 'cost_cap') {
    const c = i.costCapFen;
    if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < MIN_COST_CAP_FEN || c > MAX_COST_CAP_FEN)
      throw err('AD_BID_INVALID', `the cost cap must be ¥${MIN_COST_CAP_FEN / 100}–¥${MAX_COST_CAP_FEN / 100}`, {
        min: MIN_COST_CAP_FEN,
        max: MAX_COST_CAP_FEN,
      });
    costCapFen = c;
  } else {
    const r = i.roiTarget;
    const centi = typeof r === 'number' ? Math.round(r * 100) : NaN;
    if (
      !Number.isFinite(centi) ||
      Math.abs(centi - (r as number) * 100) > 1e-6 ||
      centi < MIN_ROI_CENTI ||
      centi > MAX_ROI_CENTI
    )
      throw err('AD_BID_INVALID', 'the target ROI must be 0.01–100 with at most two decimals');
    roiTargetCenti = centi;
  }
  const schedule = i.schedule ?? FULL_SCHEDULE;
  if (typeof schedule !== 'string' || !validSchedule(schedule))
    throw err('AD_SCHEDULE_INVALID', 'the schedule is 336 half-hours as 84 hex digits, at least one on');
  const list = (v: unknown, what: string): string[] => {
    if (v === undefined) return [];
    if (
      !Array.isArray(v) ||
      v.length > MAX_TARGETS ||
      v.some((x) => typeof x !== 'string' || x.length === 0 || x.length > MAX_TARGET_CHARS)
    )
      throw err('AD_TARGETING_INVALID', `${what} must be a list of at most 50 names`);
    return [...new Set(v as string[])];
  };
  return {
    costCapFen,
    roiTargetCenti,
    schedule,
    targetCategories: list(i.targetCategories, 'categories'),
    targetRegions: list(i.targetRegions, 'regions'),
  };
}

// ---------- predictions and value

/**
 * Predicted click and conversion rates from the campaign's own history with a Beta prior
 * (2 % click-through, 5 % conversion after a click, 30 % for a live-room entry), worth 50 and 20
 * pseudo-observations: a new campaign bids on the prior and its own figures take over as they come.
 */
export const PRIOR = { ctr: 0.02, ctrWeight: 50, cvr: 0.05, liveCvr: 0.3, cvrWeight: 20 } as const;

export function predict(
  h: { impressions: number; clicks: number; conversions: number; goal: AdGoal },
  prior: PooledPrior = FIXED_PRIOR,
): { pctr: number; pcvr: number } {
  const cvr = h.goal === 'live_entries' ? prior.liveCvr : prior.cvr;
  const pctr = (h.clicks + prior.ctr * PRIOR.ctrWeight) / (h.impressions + PRIOR.ctrWeight);
  const pcvr =
    (Math.min(h.conversions, h.clicks + h.conversions) + cvr * PRIOR.cvrWeight) / (h.clicks + PRIOR.cvrWeight);
  return { pctr: Math.min(1, pctr), pcvr: Math.min(1, pcvr) };
}

/** The prior's means: fixed, or pooled over the running campaigns. */
export interface PooledPrior {
  ctr: number;
  cvr: number;
  liveCvr: number;
}
export const FIXED_PRIOR: PooledPrior = { ctr: PRIOR.ctr, cvr: PRIOR.cvr, liveCvr: PRIOR.liveCvr };

/**
 * The prior a campaign starts from: the click and conversion rates of all running campaigns
 * together (shrunk to the fixed prior while they are few). With the fixed 2 % / 5 % alone, a new
 * or briefly unlucky campaign was ranked on rates far below what its rivals had learned (the
 * simulator's always-on advertiser, at 4 % / 9 %, outbid a campaign with a 50 % higher cost cap
 * all day): a campaign should start where ads on this platform are, not below them.
 */
export function pooledPrior(
  campaigns: ReadonlyArray<{ impressions: number; clicks: number; conversions: number; goal: AdGoal }>,
): PooledPrior {
  let imps = 0,
    clicks = 0,
    conv = 0,
    liveClicks = 0,
    liveConv = 0;
  for (const c of campaigns) {
    imps += c.impressions;
    if (c.goal === 'live_entries') {
      liveClicks += c.clicks;
      liveConv += Math.min(c.conversions, c.clicks + c.conversions);
    } else {
      clicks += c.clicks;
      conv += Math.min(c.conversions, c.clicks + c.conversions);
    }
  }
  const allClicks = clicks + liveClicks;
  return {
    ctr: (allClicks + PRIOR.ctr * PRIOR.ctrWeight) / (imps + PRIOR.ctrWeight),
    cvr: (conv + PRIOR.cvr * PRIOR.cvrWeight) / (clicks + PRIOR.cvrWeight),
    liveCvr: (liveConv + PRIOR.liveCvr * PRIOR.cvrWeight) / (liveClicks + PRIOR.cvrWeight),
  };
}

/**
 * Exploration. Ranking on the posterior means alone locks a campaign out after an unlucky start:
 * 25 impressions without a click cut its predicted click rate by a third, it stops winning, so it
 * never gets the impressions that would correct the estimate (the simulator's best-liked campaign
 * ended a day at 4 % of its budget that way, outranked by a rival whose true value was half its
 * own). So campaigns are ranked on an upper confidence bound — the posterior mean plus
 * EXPLORE_SD posterior standard deviations of each rate (UCB, Auer et al. 2002; Li et al. 2010 for
 * news and ads) — a bonus that fades as the campaign's own impressions and clicks come in, while
 * the price is held to the eCPM of the means (`chargeCapEcpm`), so the advertiser never pays for
 * the platform's uncertainty: exploration costs the platform, not the cost cap.
 */
export const EXPLORE_SD = 1;

/** The predictions a campaign is ranked on: each rate's posterior mean plus EXPLORE_SD standard deviations (Beta posterior). */
export function rankingPredict(
  h: { impressions: number; clicks: number; conversions: number; goal: AdGoal },
  prior: PooledPrior = FIXED_PRIOR,
): { pctr: number; pcvr: number } {
  const mean = predict(h, prior);
  const upper = (m: number, n: number): number => Math.min(1, m + EXPLORE_SD * Math.sqrt((m * (1 - m)) / (n + 1)));
  return {
    pctr: upper(mean.pctr, h.impressions + PRIOR.ctrWeight),
    pcvr: upper(mean.pcvr, h.clicks + PRIOR.cvrWeight),
  };
}

/** A campaign's bidder in one auction: ranked on the upper bounds, charged at most the eCPM of the means. */
export function bidderOf(
  c: {
    id: string;
    impressions: number;
    clicks: number;
    conversions: number;
    goal: AdGoal;
    bidKind: AdBidKind;
    costCapFen: number | null;
    roiTargetCenti: number | null;
    gmvFen: number;
    priceFen: number | null;
    likes: number;
    views: number;
  },
  prior: PooledPrior,
): Bidder {
  const bid = bidPerConversionFen(c);
  const mean = predict(c, prior);
  const upper = rankingPredict(c, prior);
  return {
    campaignId: c.id,
    bidEcpm: bidEcpmFen(bid, upper.pctr, upper.pcvr),
    chargeCapEcpm: bidEcpmFen(bid, mean.pctr, mean.pcvr),
    quality: qualityFactor(c),
  };
}

/** What one conversion is worth to the advertiser: the cost cap, or the expected order value ÷ target ROI. */
export function bidPerConversionFen(c: {
  bidKind: AdBidKind;
  costCapFen: number | null;
  roiTargetCenti: number | null;
  conversions: number;
  gmvFen: number;
  priceFen: number | null;
}): number {
  if (c.bidKind === 'cost_cap') return c.costCapFen ?? 0;
  const orderValue = c.conversions >= 3 ? c.gmvFen / c.conversions : (c.priceFen ?? 0);
  return c.roiTargetCenti ? (orderValue * 100) / c.roiTargetCenti : 0;
}

/** Expected value per 1,000 impressions in fen, before the quality factor (oCPM: bid × pCTR × pCVR × 1000). */
export function bidEcpmFen(bidFen: number, pctr: number, pcvr: number): number {
  return bidFen * pctr * pcvr * 1000;
}

/** The creative's quality factor, 0.5–1.5: its like rate against a 5 % norm (with 20 views of prior). */
export function qualityFactor(v: { likes: number; views: number }): number {
  const rate = (v.likes + 0.05 * 20) / (v.views + 20);
  return Math.max(0.5, Math.min(1.5, rate / 0.05));
}

/**
 * What the organic item an ad would displace is worth per 1,000 impressions: an engagement floor
 * of ¥5 CPM plus the platform's take on the commerce it may bring (price × 2 % × 5 % × 1000 × 5 %).
 */
export const ORGANIC_FLOOR_CPM_FEN = 500;
export function organicValueFen(priceFen: number | null): number {
  return ORGANIC_FLOOR_CPM_FEN + (priceFen ? priceFen * PRIOR.ctr * PRIOR.cvr * 1000 * 0.05 : 0);
}

export interface Bidder {
  campaignId: string;
  /** bid × pCTR × pCVR × 1000, fen per 1,000 impressions: what it is ranked on. */
  bidEcpm: number;
  /** The most it may be charged per 1,000 impressions (the eCPM of the predictions' means); bidEcpm when absent. */
  chargeCapEcpm?: number;
  quality: number;
}

/**
 * One slot's auction: ranked by bidEcpm × quality; the winner must beat the organic item's value;
 * it pays the generalised second price — the least that keeps its rank, max(runner-up's score,
 * organic value) ÷ its quality — never more than its own bid. Price per impression in milli-fen
 * (= fen per 1,000 impressions), rounded up, capped at the bid.
 */
export function runAuction(
  bidders: readonly Bidder[],
  organicFen: number,
): { winner: Bidder; priceMfen: number; score: number } | null {
  const ranked = bidders
    .filter((b) => b.bidEcpm > 0 && b.quality > 0)
    .map((b) => ({ b, score: b.bidEcpm * b.quality }))
    .sort((x, y) => y.score - x.score || (x.b.campaignId < y.b.campaignId ? -1 : 1));
  const top = ranked[0];
  if (!top || top.score <= organicFen) return null;
  const next = Math.max(ranked[1]?.score ?? 0, organicFen);
  const priceMfen = Math.min(
    Math.floor(Math.min(top.b.bidEcpm, top.b.chargeCapEcpm ?? Infinity)),
    Math.ceil(next / top.b.quality),
  );
  if (priceMfen < 1) return null;
  return { winner: top.b, priceMfen, score: top.score };
}

// ---------- ad slots in the feed

/** First ad at position 3, then at least 6 organic items between ads: ad load 1 in 7 (≈14.3 % ≤ 15 %). */
export const FIRST_AD_AT = 2; // organic items before the first ad
export const ORGANIC_BETWEEN = 6;
export const FREQUENCY_CAP_PER_DAY = 3;

/** The ad load cap: at most 15 % of the items of any page (and so of a session). */
export const MAX_AD_LOAD = 0.15;

/**
 * The most ads a page of `organic` items may carry: k with k ÷ (organic + k) ≤ 15 %. The slot
 * rule alone gives a first page of 10 two ads (2 of 12 = 16.7 %); this keeps it to one.
 */
export function maxAdsOnPage(organic: number): number {
  return Math.floor((MAX_AD_LOAD * organic) / (1 - MAX_AD_LOAD) + 1e-9);
}

/** Whether an ad may go before the organic item of global index g (0-based, counted over the session). */
export function isAdSlot(g: number): boolean {
  return g >= FIRST_AD_AT && (g - FIRST_AD_AT) % ORGANIC_BETWEEN === 0;
}

// ---------- pacing

/**
 * The share of a day's feed traffic in each half-hour (Asia/Shanghai): quiet at night, a lunch
 * peak and the evening peak of short-video apps. Relative weights; only their ratios matter.
 */
export const TRAFFIC_CURVE: readonly number[] = [
  3, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 5, 6, 6, 6, 6, 6, 7, 8, 9, 9, 8, 7, 6, 6, 6, 6, 6, 6, 7, 7, 8, 9, 10,
  11, 12, 12, 12, 11, 10, 8, 6, 4,
];

/** The share (0–1) of the day's scheduled traffic expected by the end of t's half-hour. */
export function expectedShareByEndOfSlot(schedule: string, t: number): number {
  const dayStart = shanghaiDayStart(t);
  const weekdayBase = slotOf(dayStart); // first slot of today
  const current = Math.floor((t - dayStart) / HALF_HOUR);
  let total = 0;
  let done = 0;
  for (let i = 0; i < 48; i++) {
    if (!slotOn(schedule, weekdayBase + i)) continue;
    total += TRAFFIC_CURVE[i]!;
    if (i <= current) done += TRAFFIC_CURVE[i]!;
  }
  return total === 0 ? 0 : done / total;
}

/**
 * The throttle (LinkedIn's slot-based pacing): the probability that an even-paced campaign enters
 * an auction. It spends freely while its spend is under the budget × the share of today's traffic
 * expected by the end of the current half-hour, and backs off linearly over the next 2 % of the
 * budget. Fast pacing always enters until the budget is spent.
 */
export function participation(p: {
  pacing: AdPacing;
  schedule: string;
  budgetFen: number;
  spentMfen: number;
  now: number;
}): number {
  const budgetMfen = p.budgetFen * 1000;
  if (p.spentMfen >= budgetMfen) return 0;
  if (p.pacing === 'fast') return 1;
  const allowed = budgetMfen * expectedShareByEndOfSlot(p.schedule, p.now);
  const slack = budgetMfen * 0.02;
  return Math.max(0, Math.min(1, (allowed + slack - p.spentMfen) / slack));
}

// ---------- invalid traffic

export const REPEAT_WINDOW_MS = 60_000;
export const BURST_WINDOW_MS = 60_000;
export const BURST_MAX = 10;
export const LATE_REPORT_MS = HOUR;

/**
 * Whether an impression report is invalid before billing: the same viewer saw the same campaign
 * billed in the last minute, the viewer — or the device, whoever is signed in on it — reported 10
 * ad impressions in the last minute already (`viewerImpressionsLastMinute` is the larger count), or
 * the report came more than an hour after the ad was served.
 */
export function invalidTraffic(x: {
  now: number;
  servedAt: number;
  lastBilledSameCampaign: number | null;
  viewerImpressionsLastMinute: number;
}): InvalidTrafficReason | null {
  if (x.now - x.servedAt > LATE_REPORT_MS) return 'late_report';
  if (x.lastBilledSameCampaign !== null && x.now - x.lastBilledSameCampaign < REPEAT_WINDOW_MS) return 'repeat_viewer';
  if (x.viewerImpressionsLastMinute >= BURST_MAX) return 'device_burst';
  return null;
}

// ---------- attribution

export const CLICK_WINDOW_MS = 7 * DAY;
export const VIEW_WINDOW_MS = DAY;
