/** Paid traffic (投流): ad accounts, campaigns, the auction in the feed, pacing, billing, attribution and reports. */
export {
  AD_OWNER_KINDS, creatorOwner, shopOwner, type AdOwner, type AdOwnerKind,
  AD_BID_KINDS, AD_GOALS, AD_PACINGS, AD_PROMOTES, MAX_COST_CAP_FEN, MAX_DAILY_BUDGET_FEN, MAX_ROI_CENTI, MAX_TOPUP_FEN, MIN_COST_CAP_FEN, MIN_DAILY_BUDGET_FEN, MIN_ROI_CENTI, MIN_TOPUP_FEN, SCHEDULE_SLOTS,
  type AdBidKind, type AdCampaignStatus, type AdGoal, type AdPacing, type AdPromote, type AdServeStatus, type AdsErrorCode, type AdTopupStatus, type AdTouch, type InvalidTrafficReason,
} from './ad-types.js';
export {
  adDay, bidderOf, bidEcpmFen, bidPerConversionFen, expectedShareByEndOfSlot, EXPLORE_SD, FULL_SCHEDULE, rankingPredict, invalidTraffic, isAdSlot, organicValueFen, participation, pooledPrior, predict, qualityFactor, runAuction, scheduleFromSlots,
  slotOf, slotOn, TRAFFIC_CURVE, maxAdsOnPage, MAX_AD_LOAD, validateCampaign, FIRST_AD_AT, ORGANIC_BETWEEN, FREQUENCY_CAP_PER_DAY, type Bidder, type CampaignInput,
} from './ad-rules.js';
export { attributePayment, subscribeAdsOutbox } from './attribution.js';
export { AUDIENCE_RULES, nearestToCentroid, seedCentroid } from './audience-rules.js';
export { adAccount, adBalanceAccount, debitSpend, receiveTopupNotification, startTopup, topupNotifyPath, withdrawAdBalance, type AdAccountView } from './ad-account.js';
export { adCreatives, assertMayAdvertise, campaignView, createCampaign, listCampaigns, setCampaignStatus, type AdCreative, type CampaignView } from './campaigns.js';
export { feedWithAds, feedWithAdsToJson, type AdMark, type AdsOptions, type AuctionTrace, type FeedPageWithAds } from './auction.js';
export { reportClick, reportImpressions, type ImpressionOutcome } from './billing.js';
export { adsOverview, campaignReport, type AdsOverview, type CampaignReport, type ReportRow } from './reports.js';
export { liveRoomItems, reportRoomEntry, type LiveAdRoom, type RoomEntryOutcome } from './live-ads.js';
export { refreshAdAudiences, type AudienceRefresh } from './audiences.js';
