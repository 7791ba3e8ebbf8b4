/** Response schemas of paid traffic (投流): ad accounts, campaigns and their reports, the app's ad events, the admins' overview. */
import { Type } from 'typebox';
import {
  AD_BID_KINDS,
  AD_CAMPAIGN_STATUSES,
  AD_GOALS,
  AD_OWNER_KINDS,
  AD_PACINGS,
  AD_PROMOTES,
  type AdAccountView,
  type AdCreative,
  type AdsOverview,
  type CampaignReport,
  type CampaignView,
  type CompassAdsReport,
  type DayRange,
  type ImpressionOutcome,
  type ReportRow,
  type RoomEntryOutcome,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

const Money = Type.Integer({ description: 'fen' });

const OwnerSchema = Type.Object(
  { kind: OneOf(AD_OWNER_KINDS), id: Type.String({ description: 'the shop id, or the creator’s user id' }) },
  { description: 'the advertiser: a shop or a creator' },
);

export const AdAccountSchema = describe<AdAccountView>()(
  Type.Object(
    {
      owner: OwnerSchema,
      balanceFen: Type.Integer({ description: 'spendable balance in fen (rounded down from milli-fen)' }),
      balanceMfen: Type.Integer({ description: 'spendable balance in milli-fen' }),
      spentFen: Money,
      toppedUpFen: Money,
      withdrawnFen: Money,
      topups: Type.Array(
        Type.Object({
          id: Type.String(),
          amountFen: Money,
          status: OneOf(['pending', 'succeeded', 'failed'] as const),
          createdAt: Type.Integer(),
          paidAt: Nullable(Type.Integer()),
        }),
        { description: 'the recent top-ups, the latest first' },
      ),
    },
    { description: 'an ad account (推广账户)' },
  ),
);

export const TopupStartedSchema = describe<{ topupId: string; cashierUrl: string }>()(
  Type.Object(
    { topupId: Type.String(), cashierUrl: Type.String() },
    { description: "the payment provider's cashier for the top-up" },
  ),
);

export const TopupNotifiedSchema = describe<{ received: true; outcome: 'applied' | 'ignored' }>()(
  Type.Object({
    received: Type.Literal(true),
    outcome: OneOf(['applied', 'ignored'] as const, {
      description: 'applied: the balance grew; ignored: a repeat, or a failed payment',
    }),
  }),
);

export const CampaignSchema = describe<CampaignView>()(
  Type.Object(
    {
      id: Type.String(),
      owner: OwnerSchema,
      name: Type.String(),
      promote: OneOf(AD_PROMOTES),
      videoId: Nullable(Type.String()),
      productId: Nullable(Type.String()),
      liveRoomId: Nullable(Type.String()),
      goal: OneOf(AD_GOALS),
      bidKind: OneOf(AD_BID_KINDS),
      costCapFen: Nullable(Money),
      roiTarget: Nullable(Type.Number()),
      dailyBudgetFen: Money,
      schedule: Type.String({ description: '336 half-hours of the week as 84 hex digits' }),
      pacing: OneOf(AD_PACINGS),
      targetCategories: Type.Array(Type.String()),
      targetRegions: Type.Array(Type.String()),
      targetLookalike: Type.Boolean({
        description: '"People like my buyers": served only to the precomputed audience',
      }),
      audienceSize: Type.Integer(),
      audienceAt: Nullable(Type.Integer()),
      status: OneOf(AD_CAMPAIGN_STATUSES, {
        description: 'rejected: the platform took the creative down in review; only an admin restores it',
      }),
      review: Nullable(
        Type.Object({
          reason: Type.String({ description: "the platform's reason for taking the creative down" }),
          at: Type.Integer({ description: 'epoch ms of the review' }),
        }),
      ),
      impressions: Type.Integer(),
      clicks: Type.Integer(),
      conversions: Type.Integer(),
      gmvFen: Money,
      spentFen: Money,
      createdAt: Type.Integer(),
      creativeTitle: Nullable(Type.String()),
    },
    { description: 'a campaign (推广计划)' },
  ),
);

export const CampaignListSchema = describe<{ items: CampaignView[] }>()(
  Type.Object({ items: Type.Array(CampaignSchema) }),
);

export const CreativeListSchema = describe<{ items: AdCreative[] }>()(
  Type.Object({
    items: Type.Array(
      Type.Object({
        videoId: Type.String(),
        title: Type.String(),
        productId: Type.String(),
        productTitle: Type.String(),
      }),
    ),
  }),
);

const ReportRowSchema = describe<ReportRow>()(
  Type.Object({
    hour: Nullable(Type.Integer({ description: 'start of the hour (epoch ms); null for the total row' })),
    spendFen: Type.Integer({ description: 'whole fen spent (rounded down)' }),
    spendMfen: Type.Integer({ description: 'exact spend in milli-fen' }),
    impressions: Type.Integer(),
    clicks: Type.Integer(),
    ctr: Type.Number(),
    cpmFen: Type.Number(),
    conversions: Type.Integer(),
    costPerConversionFen: Nullable(Type.Number()),
    gmvFen: Money,
    roi: Nullable(Type.Number()),
    invalidImpressions: Type.Integer(),
    invalidClicks: Type.Integer(),
  }),
);

export const CampaignReportSchema = describe<CampaignReport>()(
  Type.Object(
    {
      campaign: CampaignSchema,
      from: Type.Integer(),
      to: Type.Integer(),
      total: ReportRowSchema,
      hours: Type.Array(ReportRowSchema),
      invalidByReason: Type.Record(Type.String(), Type.Integer(), {
        description: 'invalid impressions and clicks by reason (repeat_viewer, device_burst, late_report)',
      }),
    },
    { description: 'a campaign by hour' },
  ),
);

/** 罗盘 · 推广: a Compass scope's paid traffic over whole days, in total, by hour and by campaign. */
export const CompassAdsSchema = describe<CompassAdsReport>()(
  Type.Object(
    {
      range: describe<DayRange>()(
        Type.Object({
          from: Type.String({ description: 'YYYY-MM-DD (Asia/Shanghai)' }),
          to: Type.String({ description: 'YYYY-MM-DD, inclusive' }),
          start: Type.Integer({ description: 'epoch ms, inclusive' }),
          end: Type.Integer({ description: 'epoch ms, exclusive' }),
          days: Type.Integer(),
        }),
      ),
      total: ReportRowSchema,
      hours: Type.Array(ReportRowSchema, { description: 'the hours with any activity, oldest first' }),
      campaigns: Type.Array(
        Type.Object({
          id: Type.String(),
          name: Type.String(),
          ownerKind: OneOf(AD_OWNER_KINDS),
          status: OneOf(AD_CAMPAIGN_STATUSES),
          goal: OneOf(AD_GOALS),
          total: ReportRowSchema,
        }),
        { description: 'the campaigns with any activity in the range, the largest spend first (at most 100)' },
      ),
      invalidByReason: Type.Record(Type.String(), Type.Integer(), {
        description: 'invalid impressions by reason (repeat_viewer, device_burst, late_report)',
      }),
    },
    { description: 'paid traffic of the scope: the same figures as the campaigns’ reports, summed' },
  ),
);

const IMPRESSION_OUTCOMES = ['served', 'billed', 'invalid', 'unbilled', 'duplicate', 'unknown'] as const;
export const ImpressionOutcomesSchema = describe<{ outcomes: Record<string, ImpressionOutcome> }>()(
  Type.Object({
    outcomes: Type.Record(Type.String(), OneOf(IMPRESSION_OUTCOMES), {
      description: 'what became of each impression id reported',
    }),
  }),
);

export const ClickCountedSchema = describe<{ counted: boolean }>()(
  Type.Object({ counted: Type.Boolean({ description: 'false for a repeat click or one on an unbilled impression' }) }),
);

const ROOM_ENTRY_OUTCOMES = ['converted', 'duplicate', 'not_billed', 'room_not_live'] as const;
export const RoomEntrySchema = describe<{ outcome: RoomEntryOutcome }>()(
  Type.Object({ outcome: OneOf(ROOM_ENTRY_OUTCOMES) }),
);

export const AdsOverviewSchema = describe<AdsOverview>()(
  Type.Object({
    adRevenueFen: Money,
    impressions: Type.Integer({ description: 'served ads reported seen over the last day' }),
    invalidImpressions: Type.Integer(),
    adLoad: Nullable(Type.Number({ description: 'ads ÷ all items the feed served with ads (null when none)' })),
    activeCampaigns: Type.Integer(),
    creatives: Type.Array(
      Type.Object({
        campaignId: Type.String(),
        owner: OwnerSchema,
        name: Type.String(),
        videoId: Nullable(Type.String()),
        title: Nullable(Type.String()),
        status: OneOf(AD_CAMPAIGN_STATUSES),
        reviewReason: Nullable(Type.String({ description: 'why the platform took the creative down (rejected only)' })),
        spentFen: Money,
        impressions: Type.Integer(),
      }),
    ),
  }),
);
