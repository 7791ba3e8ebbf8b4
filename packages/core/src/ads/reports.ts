/**
 * Reports read the ads module's own tables: a campaign by hour (spend, impressions, clicks, CTR,
 * CPM, conversions, cost per conversion, GMV, ROI, and the invalid traffic filtered before
 * billing), and the platform's overview (ad revenue, ad load, creatives).
 */
import type { Actor, CoreContext } from '../context.js';
import { forbidden } from '../platform/index.js';
import { balanceOf, accountId } from '../ledger/index.js';
import { campaignView, type CampaignView } from './campaigns.js';
import { ownerOf } from './ad-account.js';
import type { AdCampaignStatus, AdOwner } from './ad-types.js';

const HOUR = 3_600_000;

export interface ReportRow {
  /** Start of the hour (epoch ms); null for the total row. */
  hour: number | null;
  /** Whole fen spent (rounded down); `spendMfen` is exact (an impression costs a fraction of a fen). */
  spendFen: number;
  spendMfen: number;
  impressions: number;
  clicks: number;
  ctr: number;
  cpmFen: number;
  conversions: number;
  costPerConversionFen: number | null;
  gmvFen: number;
  roi: number | null;
  invalidImpressions: number;
  invalidClicks: number;
}

export interface CampaignReport {
  campaign: CampaignView;
  from: number;
  to: number;
  total: ReportRow;
  hours: ReportRow[];
  invalidByReason: Record<string, number>;
}

export function emptyRow(hour: number | null): ReportRow {
  return {
    hour,
    spendFen: 0,
    spendMfen: 0,
    impressions: 0,
    clicks: 0,
    ctr: 0,
    cpmFen: 0,
    conversions: 0,
    costPerConversionFen: null,
    gmvFen: 0,
    roi: null,
    invalidImpressions: 0,
    invalidClicks: 0,
  };
}

/** Fills a row's ratios (CTR, CPM, cost per conversion, ROI) and whole fen from its counts and exact spend. */
export function finishRow(row: ReportRow): ReportRow {
  const { spendMfen } = row;
  row.spendFen = Math.floor(spendMfen / 1000);
  row.ctr = row.impressions ? row.clicks / row.impressions : 0;
  row.cpmFen = row.impressions ? Math.round(spendMfen / row.impressions) : 0;
  row.costPerConversionFen = row.conversions ? Math.round(spendMfen / 1000 / row.conversions) : null;
  row.roi = spendMfen > 0 ? Math.round((row.gmvFen / (spendMfen / 1000)) * 100) / 100 : null;
  return row;
}

/** The campaign's figures by hour over [from, to) (default: the last 24 hours). */
export async function campaignReport(
  ctx: CoreContext,
  actor: Actor,
  campaignId: string,
  range: { from?: number; to?: number } = {},
): Promise<CampaignReport> {
  const campaign = await campaignView(ctx, actor, campaignId);
  const to = range.to ?? ctx.clock.now() + 1;
  const from = range.from ?? to - 24 * HOUR;
  const serves = await ctx.db
    .selectFrom('ad_serves')
    .select(['status', 'invalid_reason', 'billed_mfen', 'seen_at', 'clicked_at', 'click_status', 'entered_at'])
    .where('campaign_id', '=', campaignId)
    .where('served_at', '>=', from - HOUR)
    .where('served_at', '<', to)
    .execute();
  const conversions = await ctx.db
    .selectFrom('ad_conversions')
    .select(['gmv_fen', 'created_at'])
    .where('campaign_id', '=', campaignId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .execute();
  const hours = new Map<number, ReportRow>();
  const total = emptyRow(null);
  const bucket = (t: number): ReportRow | null => {
    if (t < from || t >= to) return null;
    const h = Math.floor(t / HOUR) * HOUR;
    let row = hours.get(h);
    if (!row) hours.set(h, (row = emptyRow(h)));
    return row;
  };
  const invalidByReason: Record<string, number> = {};
  for (const s of serves) {
    if (s.seen_at !== null) {
      const row = bucket(Number(s.seen_at));
      if (row) {
        for (const r of [row, total]) {
          if (s.status === 'billed') {
            r.impressions++;
            r.spendMfen += Number(s.billed_mfen);
          } else if (s.status === 'invalid') r.invalidImpressions++;
        }
        if (s.status === 'invalid' && s.invalid_reason)
          invalidByReason[s.invalid_reason] = (invalidByReason[s.invalid_reason] ?? 0) + 1;
      }
    }
    // A live-room campaign converts when the viewer enters the room from the ad.
    if (s.entered_at !== null) {
      const row = bucket(Number(s.entered_at));
      if (row) for (const r of [row, total]) r.conversions++;
    }
    if (s.clicked_at !== null) {
      const row = bucket(Number(s.clicked_at));
      if (row) for (const r of [row, total]) s.click_status === 'valid' ? r.clicks++ : r.invalidClicks++;
    }
  }
  for (const c of conversions) {
    const row = bucket(Number(c.created_at));
    if (row)
      for (const r of [row, total]) {
        r.conversions++;
        r.gmvFen += Number(c.gmv_fen);
      }
  }
  return {
    campaign,
    from,
    to,
    total: finishRow(total),
    hours: [...hours.values()].sort((a, b) => a.hour! - b.hour!).map(finishRow),
    invalidByReason,
  };
}

export interface AdsOverview {
  adRevenueFen: number;
  /** Served ads that were reported seen, billed, invalid, over the window. */
  impressions: number;
  invalidImpressions: number;
  /** Ads ÷ all items the feed served with ads in the window, from the feed's impression events (null when there are none). */
  adLoad: number | null;
  activeCampaigns: number;
  creatives: Array<{
    campaignId: string;
    owner: AdOwner;
    name: string;
    videoId: string | null;
    title: string | null;
    status: AdCampaignStatus;
    /** Why the platform took the creative down (status rejected), else null. */
    reviewReason: string | null;
    spentFen: number;
    impressions: number;
  }>;
}

/** 平台管理 · 广告: revenue (the ledger's ad_revenue), ad load over the last day, the creatives running. */
export async function adsOverview(ctx: CoreContext, actor: Actor): Promise<AdsOverview> {
  if (!actor.roles.has('admin')) throw forbidden('admins only');
  const since = ctx.clock.now() - 24 * HOUR;
  const revenue = await balanceOf(ctx.db, accountId('ad_revenue'));
  const counts = await ctx.db
    .selectFrom('ad_serves')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('served_at', '>=', since)
    .groupBy('status')
    .execute();
  const by = new Map(counts.map((c) => [c.status, Number(c.n)]));
  const seenAds = (by.get('billed') ?? 0) + (by.get('invalid') ?? 0) + (by.get('unbilled') ?? 0);
  const organic = await ctx.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('type', '=', 'impression')
    .where('at', '>=', since)
    .executeTakeFirst();
  const organicN = Number(organic?.n ?? 0);
  const campaigns = await ctx.db
    .selectFrom('ad_campaigns')
    .leftJoin('videos', 'videos.id', 'ad_campaigns.video_id')
    .select([
      'ad_campaigns.id',
      'ad_campaigns.owner_kind',
      'ad_campaigns.owner_id',
      'ad_campaigns.name',
      'ad_campaigns.video_id',
      'videos.title',
      'ad_campaigns.status',
      'ad_campaigns.review_reason',
      'ad_campaigns.spent_mfen',
      'ad_campaigns.impressions',
    ])
    .orderBy('ad_campaigns.id', 'desc')
    .limit(100)
    .execute();
  return {
    adRevenueFen: revenue,
    impressions: seenAds,
    invalidImpressions: by.get('invalid') ?? 0,
    adLoad: organicN + seenAds > 0 ? seenAds / (organicN + seenAds) : null,
    activeCampaigns: campaigns.filter((c) => c.status === 'active').length,
    creatives: campaigns.map((c) => ({
      campaignId: c.id,
      owner: ownerOf(c),
      name: c.name,
      videoId: c.video_id,
      title: c.title ?? null,
      status: c.status as AdCampaignStatus,
      reviewReason: c.status === 'rejected' ? c.review_reason : null,
      spentFen: Math.floor(Number(c.spent_mfen) / 1000),
      impressions: Number(c.impressions),
    })),
  };
}
