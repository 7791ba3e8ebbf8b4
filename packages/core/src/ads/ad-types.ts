/** The paid-traffic vocabulary: what a campaign promotes, its goal, bid, pacing and states. */

export const AD_PROMOTES = ['video', 'product', 'live_room'] as const;
/** What the campaign promotes: a video of the shop, a product (through a video carrying it), or a live room. */
export type AdPromote = (typeof AD_PROMOTES)[number];

export const AD_OWNER_KINDS = ['shop', 'creator'] as const;
/** Who holds an ad account and runs campaigns: a shop (商家) or a creator (达人). */
export type AdOwnerKind = (typeof AD_OWNER_KINDS)[number];
/** An advertiser: a shop by its id or a creator by their user id. */
export interface AdOwner {
  kind: AdOwnerKind;
  id: string;
}
export const shopOwner = (shopId: string): AdOwner => ({ kind: 'shop', id: shopId });
export const creatorOwner = (userId: string): AdOwner => ({ kind: 'creator', id: userId });

export const AD_GOALS = ['orders', 'gmv', 'live_entries'] as const;
/** The conversion a campaign optimises for (支付订单, 成交 GMV with a target ROI, 直播间进入). */
export type AdGoal = (typeof AD_GOALS)[number];

export const AD_BID_KINDS = ['cost_cap', 'target_roi'] as const;
/** 控成本: a cost cap per conversion in fen; 支付ROI: a target GMV ÷ spend. */
export type AdBidKind = (typeof AD_BID_KINDS)[number];

export const AD_PACINGS = ['even', 'fast'] as const;
/** 均匀 (spend follows the day's traffic) or 尽快 (spend as traffic comes). */
export type AdPacing = (typeof AD_PACINGS)[number];

/** active and paused are the advertiser's; rejected: the platform took the creative down in review (only an admin restores it). */
export const AD_CAMPAIGN_STATUSES = ['active', 'paused', 'rejected'] as const;
export type AdCampaignStatus = (typeof AD_CAMPAIGN_STATUSES)[number];
export const AD_REVIEW_DECISIONS = ['reject', 'restore'] as const;
/** An admin's review of a running creative: take it down (with a reason), or restore it (paused, for the advertiser to resume). */
export type AdReviewDecision = (typeof AD_REVIEW_DECISIONS)[number];
export const MAX_REVIEW_REASON = 200;
export type AdTopupStatus = 'pending' | 'succeeded' | 'failed';
/** served: placed in a page; billed: its impression was reported and paid for; invalid: filtered before billing; unbilled: seen but not charged (budget or balance ran out). */
export type AdServeStatus = 'served' | 'billed' | 'invalid' | 'unbilled';
export type InvalidTrafficReason = 'repeat_viewer' | 'device_burst' | 'late_report';
export type AdTouch = 'click' | 'view';

export type AdsErrorCode =
  | 'AD_AMOUNT_INVALID'
  | 'AD_BALANCE_INSUFFICIENT'
  | 'AD_BUDGET_INVALID'
  | 'AD_CAMPAIGN_NOT_REJECTED'
  | 'AD_CAMPAIGN_REJECTED'
  | 'AD_BID_INVALID'
  | 'AD_SCHEDULE_INVALID'
  | 'AD_TARGETING_INVALID'
  | 'AD_GOAL_INVALID'
  | 'AD_CREATIVE_INVALID'
  | 'AD_CREATIVE_REJECTED'
  | 'AD_SCORE_TOO_LOW'
  | 'AD_PAID_TRAFFIC_SUSPENDED'
  | 'AD_TOPUP_NOT_PENDING';

/** Limits from 巨量千川's field docs (cpa_bid ¥0.1–10,000; roi_goal 0.01–100); the daily budget floor is ours (千川's ad group asks ¥300). */
export const MIN_DAILY_BUDGET_FEN = 100_00;
export const MAX_DAILY_BUDGET_FEN = 10_000_000_00;
export const MIN_COST_CAP_FEN = 10;
export const MAX_COST_CAP_FEN = 10_000_00;
export const MIN_ROI_CENTI = 1;
export const MAX_ROI_CENTI = 100_00;
export const MIN_TOPUP_FEN = 1_00;
export const MAX_TOPUP_FEN = 1_000_000_00;
export const SCHEDULE_SLOTS = 336;
export const MAX_NAME = 60;
/** Targeting: at most this many categories (or regions), each at most this many characters. */
export const MAX_TARGETS = 50;
export const MAX_TARGET_CHARS = 40;
