/**
 * 罗盘 · 推广 and 达人中心 · 数据 · 推广: the paid-traffic figures of a Compass scope (a shop's
 * campaigns, the creator's own, or every campaign for admins) over whole Shanghai days — in
 * total, by hour and by campaign: spend, impressions, clicks, CTR, CPM, conversions, cost per
 * conversion, GMV, ROI and the invalid traffic filtered before billing. Counted in SQL (grouped by
 * campaign and hour) from the same rows and by the same rules as a campaign's report
 * (`reports.ts`): impressions and spend in the hour the impression was reported, clicks in the hour
 * of the click, conversions in the hour they were attributed (a live-room entry in the hour of the
 * entry), over the serves made from an hour before the range on.
 */
import { sql } from 'kysely';
import type { Actor, CoreContext } from '../context.js';
import { dayRange, resolveScope, type DayRange, type ReportQuery } from '../analytics/index.js';
import { emptyRow, finishRow, type ReportRow } from './reports.js';
import type { AdCampaignStatus, AdGoal, AdOwnerKind } from './ad-types.js';

const HOUR = 3_600_000;

export interface CompassAdsCampaign {
  id: string;
  name: string;
  ownerKind: AdOwnerKind;
  status: AdCampaignStatus;
  goal: AdGoal;
  total: ReportRow;
}

export interface CompassAdsReport {
  range: DayRange;
  total: ReportRow;
  /** The hours with any activity, oldest first. */
  hours: ReportRow[];
  /** The campaigns with any activity in the range, the largest spend first. */
  campaigns: CompassAdsCampaign[];
  invalidByReason: Record<string, number>;
}

/** The most campaigns listed (the largest spend first); the total counts them all. */
export const COMPASS_ADS_CAMPAIGNS = 100;

const hourOf = (col: string) => sql<number | string>`${sql.ref(col)} - ${sql.ref(col)} % ${sql.lit(HOUR)}`;

export async function compassAds(ctx: CoreContext, actor: Actor, q: ReportQuery): Promise<CompassAdsReport> {
  const ref = resolveScope(actor, q);
  const range = dayRange(q.from, q.to);
  const { start, end } = range;
  const owned = ctx.db.selectFrom('ad_campaigns').select('id');
  const ownedBy =
    ref.scope === 'platform'
      ? null
      : owned.where('owner_kind', '=', ref.scope === 'shop' ? 'shop' : 'creator').where('owner_id', '=', ref.scopeId);
  const serves = () => {
    const base = ctx.db
      .selectFrom('ad_serves')
      .where('served_at', '>=', start - HOUR)
      .where('served_at', '<', end);
    return ownedBy ? base.where('campaign_id', 'in', ownedBy) : base;
  };
  const [seen, clicks, entries, conversions] = await Promise.all([
    serves()
      .select([
        'campaign_id',
        hourOf('seen_at').as('h'),
        'status',
        'invalid_reason',
        (eb) => eb.fn.countAll<number | string>().as('n'),
        (eb) => eb.fn.sum<number | string>('billed_mfen').as('mfen'),
      ])
      .where('seen_at', '>=', start)
      .where('seen_at', '<', end)
      .groupBy(['campaign_id', 'h', 'status', 'invalid_reason'])
      .execute(),
    serves()
      .select([
        'campaign_id',
        hourOf('clicked_at').as('h'),
        'click_status',
        (eb) => eb.fn.countAll<number | string>().as('n'),
      ])
      .where('clicked_at', '>=', start)
      .where('clicked_at', '<', end)
      .groupBy(['campaign_id', 'h', 'click_status'])
      .execute(),
    serves()
      .select(['campaign_id', hourOf('entered_at').as('h'), (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('entered_at', '>=', start)
      .where('entered_at', '<', end)
      .groupBy(['campaign_id', 'h'])
      .execute(),
    (() => {
      const base = ctx.db
        .selectFrom('ad_conversions')
        .select([
          'campaign_id',
          hourOf('created_at').as('h'),
          (eb) => eb.fn.countAll<number | string>().as('n'),
          (eb) => eb.fn.sum<number | string>('gmv_fen').as('gmv'),
        ])
        .where('created_at', '>=', start)
        .where('created_at', '<', end)
        .groupBy(['campaign_id', 'h']);
      return (ownedBy ? base.where('campaign_id', 'in', ownedBy) : base).execute();
    })(),
  ]);

  const total = emptyRow(null);
  const hours = new Map<number, ReportRow>();
  const byCampaign = new Map<string, ReportRow>();
  const rowsOf = (campaignId: string, h: number | string | null): ReportRow[] => {
    const hour = Number(h);
    let hr = hours.get(hour);
    if (!hr) hours.set(hour, (hr = emptyRow(hour)));
    let cr = byCampaign.get(campaignId);
    if (!cr) byCampaign.set(campaignId, (cr = emptyRow(null)));
    return [total, hr, cr];
  };
  const invalidByReason: Record<string, number> = {};
  for (const s of seen) {
    const n = Number(s.n);
    for (const r of rowsOf(s.campaign_id, s.h)) {
      if (s.status === 'billed') {
        r.impressions += n;
        r.spendMfen += Number(s.mfen ?? 0);
      } else if (s.status === 'invalid') r.invalidImpressions += n;
    }
    if (s.status === 'invalid' && s.invalid_reason)
      invalidByReason[s.invalid_reason] = (invalidByReason[s.invalid_reason] ?? 0) + n;
  }
  for (const c of clicks) {
    const n = Number(c.n);
    for (const r of rowsOf(c.campaign_id, c.h)) {
      if (c.click_status === 'valid') r.clicks += n;
      else r.invalidClicks += n;
    }
  }
  for (const e of entries) for (const r of rowsOf(e.campaign_id, e.h)) r.conversions += Number(e.n);
  for (const c of conversions) {
    for (const r of rowsOf(c.campaign_id, c.h)) {
      r.conversions += Number(c.n);
      r.gmvFen += Number(c.gmv ?? 0);
    }
  }

  const ids = [...byCampaign.keys()];
  const meta = ids.length
    ? await ctx.db
        .selectFrom('ad_campaigns')
        .select(['id', 'name', 'owner_kind', 'status', 'goal'])
        .where('id', 'in', ids)
        .execute()
    : [];
  const campaigns = meta
    .map((m) => ({
      id: m.id,
      name: m.name,
      ownerKind: m.owner_kind as AdOwnerKind,
      status: m.status as AdCampaignStatus,
      goal: m.goal as AdGoal,
      total: finishRow(byCampaign.get(m.id)!),
    }))
    .sort((a, b) => b.total.spendMfen - a.total.spendMfen || (a.id < b.id ? -1 : 1))
    .slice(0, COMPASS_ADS_CAMPAIGNS);
  return {
    range,
    total: finishRow(total),
    hours: [...hours.values()].sort((a, b) => a.hour! - b.hour!).map(finishRow),
    campaigns,
    invalidByReason,
  };
}
