/** Row types of the paid-traffic (ads) module's tables (merged into `Database` in schema.ts). */

/** An owner's prepaid ad account; the money itself is the ledger's `ad_balance:<shop>` or `creator_ad_balance:<user>`. */
export interface AdAccountsTable {
  owner_kind: string; // AdOwnerKind
  /** The shop id or the creator's user id. */
  owner_id: string;
  /** What may still be spent, in milli-fen (1/1000 fen): top-ups − withdrawals − spend. */
  balance_mfen: number;
  /** Everything billed so far, milli-fen. */
  spent_mfen: number;
  /** Spend posted to the ledger so far (whole fen: floor(spent_mfen / 1000)). */
  posted_spend_fen: number;
  topped_up_fen: number;
  withdrawn_fen: number;
  created_at: number;
  updated_at: number;
}

export interface AdTopupsTable {
  id: string;
  owner_kind: string; // AdOwnerKind
  owner_id: string;
  amount_fen: number;
  provider: string;
  provider_txn_id: string | null;
  cashier_url: string | null;
  status: string; // AdTopupStatus
  created_by: string;
  created_at: number;
  paid_at: number | null;
}

export interface AdCampaignsTable {
  id: string;
  owner_kind: string; // AdOwnerKind
  owner_id: string;
  name: string;
  promote: string; // AdPromote
  video_id: string | null;
  product_id: string | null;
  live_room_id: string | null;
  goal: string; // AdGoal
  bid_kind: string; // AdBidKind
  cost_cap_fen: number | null;
  /** Target ROI × 100 (e.g. 250 = 2.5). */
  roi_target_centi: number | null;
  daily_budget_fen: number;
  /** 336 bits (half-hours of the week from Monday 00:00 Asia/Shanghai) as 84 hex digits. */
  schedule: string;
  pacing: string; // AdPacing
  /** JSON string[] of category ids (empty: any). */
  target_categories: string;
  /** JSON string[] of provinces (empty: any). */
  target_regions: string;
  status: string; // AdCampaignStatus
  impressions: number;
  clicks: number;
  conversions: number;
  gmv_fen: number;
  spent_mfen: number;
  /** 0/1: also target "people like my buyers" (the precomputed ad_audiences of the campaign). */
  target_lookalike: number;
  audience_size: number;
  /** When the audience was last computed (null: never). */
  audience_at: number | null;
  /** The platform's review (0047): why an admin took the creative down, who and when (null: never reviewed). */
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface AdCampaignDaysTable {
  campaign_id: string;
  day: string; // YYYY-MM-DD, Asia/Shanghai
  spent_mfen: number;
  impressions: number;
}

/** One ad placed in a feed page: its impression id is what the client reports back. */
export interface AdServesTable {
  id: string;
  campaign_id: string;
  /** The campaign's owner (whose balance pays for the impression). */
  owner_kind: string; // AdOwnerKind
  owner_id: string;
  viewer_key: string;
  /** The video served; '' for a live-room ad (live_room_id set). */
  video_id: string;
  product_id: string | null;
  live_room_id: string | null;
  /** When the viewer entered the live room from this ad (a live-room campaign's conversion). */
  entered_at: number | null;
  ecpm_fen: number;
  /** The second price per impression in milli-fen (= fen per 1,000 impressions). */
  price_mfen: number;
  status: string; // AdServeStatus
  invalid_reason: string | null;
  billed_mfen: number;
  served_at: number;
  seen_at: number | null;
  clicked_at: number | null;
  click_status: string | null; // valid | invalid
  /** The device the impression was reported from (`anon:<app viewer id>`, also for a signed-in person; 0047); null before it was reported, or without one. */
  device_key: string | null;
}

export interface AdConversionsTable {
  order_id: string;
  campaign_id: string;
  serve_id: string;
  touch: string; // click | view
  gmv_fen: number;
  created_at: number;
}

/** "People like my buyers": the actors nearest the shop's past buyers in the engine's embedding, per campaign. */
export interface AdAudiencesTable {
  campaign_id: string;
  actor_key: string;
  similarity: number;
}

export interface AdsTables {
  ad_audiences: AdAudiencesTable;
  ad_accounts: AdAccountsTable;
  ad_topups: AdTopupsTable;
  ad_campaigns: AdCampaignsTable;
  ad_campaign_days: AdCampaignDaysTable;
  ad_serves: AdServesTable;
  ad_conversions: AdConversionsTable;
}
