/**
 * Row types of the affiliate module (精选联盟: plans, rate changes, applications, showcases,
 * tracked links and their touches, colonel activities, MCN contracts), merged into `Database` in
 * schema.ts. The plan decision 0011_affiliate adds to order_lines is declared here too.
 */

/** A commission plan on one product. Colonel plans are a product applied into a colonel's activity. */
export interface AffiliatePlansTable {
  id: string;
  shop_id: string;
  product_id: string;
  kind: string; // general | targeted | exclusive | colonel
  name: string;
  creator_id: string | null; // exclusive: the one creator
  activity_id: string | null; // colonel: the activity
  status: string; // active | pending | rejected (pending / rejected: colonel applications)
  close_requested_at: number | null;
  closes_at: number | null; // 00:00 Asia/Shanghai after the close was requested
  created_by: string;
  created_at: number;
  updated_at: number;
}

/** Every rate a plan was given: a cut waits until 00:00 next day, a raise applies at once; a later change supersedes a pending one. */
export interface AffiliatePlanRatesTable {
  id: string;
  plan_id: string;
  change: string; // open | raise | cut | close
  rate_bp: number | null; // null: the plan closes
  requested_at: number;
  effective_at: number;
  superseded_at: number | null; // a pending change replaced before it took effect
  requested_by: string;
}

/** Creators of a targeted plan: named by the merchant, or applied and decided. */
export interface AffiliatePlanMembersTable {
  plan_id: string;
  creator_id: string;
  shop_id: string;
  status: string; // approved | pending | rejected
  source: string; // named | applied
  note: string;
  created_at: number;
  decided_at: number | null;
  decided_by: string | null;
}

/** A creator's showcase (橱窗); rows stay after removal: the first add is when the creator began promoting. */
export interface AffiliateShowcaseTable {
  creator_id: string;
  product_id: string;
  shop_id: string;
  via_plan_id: string | null; // the colonel plan it was picked through
  first_added_at: number;
  added_at: number;
  removed_at: number | null;
}

export interface AffiliateLinksTable {
  id: string;
  token: string; // signed, carries its expiry
  creator_id: string;
  product_id: string;
  shop_id: string;
  opens: number;
  created_at: number;
  expires_at: number;
}

/** A signed-in shopper opened a creator's tracked link: a touch the attribution rule weighs at checkout. */
export interface AffiliateTouchesTable {
  id: string;
  buyer_id: string;
  product_id: string;
  creator_id: string;
  source: string; // link
  content_id: string; // the link id
  at: number;
}

/** 招商活动: a colonel's activity with a commission floor and the service fee it takes out of the commission. */
export interface ColonelActivitiesTable {
  id: string;
  colonel_id: string;
  name: string;
  commission_floor_bp: number;
  service_fee_bp: number;
  starts_at: number;
  ends_at: number;
  created_at: number;
}

/** An MCN contract's state (affiliate/contract-states.ts). Declared here so the column is typed with it. */
export type ContractStatus = 'proposed' | 'active' | 'declined' | 'ended';

export interface McnContractsTable {
  id: string;
  mcn_id: string;
  creator_id: string;
  share_bp: number; // the MCN's share of the creator's commission
  starts_at: number;
  ends_at: number;
  status: ContractStatus;
  proposed_by: string;
  created_at: number;
  accepted_at: number | null;
  effective_at: number | null; // max(starts_at, accepted_at)
  ended_at: number | null;
  ended_by: string | null;
}

/** A sample request's state (affiliate/sample-states.ts). Declared here so the column is typed with it. */
export type SampleStatus = 'requested' | 'approved' | 'rejected' | 'cancelled';

/** A creator's request for a sample (寄样); approved, it becomes a zero-price order. */
export interface AffiliateSampleRequestsTable {
  id: string;
  creator_id: string;
  shop_id: string;
  product_id: string;
  sku_id: string;
  /** The shipping address snapshotted at request time (JSON, as on orders). */
  address: string;
  note: string;
  status: SampleStatus;
  reason: string | null;
  order_id: string | null;
  open_key: string | null;
  decided_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface AffiliateTables {
  affiliate_plans: AffiliatePlansTable;
  affiliate_plan_rates: AffiliatePlanRatesTable;
  affiliate_plan_members: AffiliatePlanMembersTable;
  affiliate_showcase: AffiliateShowcaseTable;
  affiliate_links: AffiliateLinksTable;
  affiliate_touches: AffiliateTouchesTable;
  colonel_activities: ColonelActivitiesTable;
  mcn_contracts: McnContractsTable;
  affiliate_sample_requests: AffiliateSampleRequestsTable;
}

// The plan decision snapshotted on each order line at checkout (0011_affiliate).
declare module './schema.js' {
  interface OrderLinesTable {
    plan_id: string | null;
    plan_kind: string | null; // general | targeted | exclusive | colonel | none; null: no verified creator
    rate_decision: string | null; // JSON: the touch that won, the candidates, the plan chosen and why
  }
}
