/** Row types of the experience module's tables (merged into `Database` in schema.ts). */

/** A shop's experience score (商家体验分) as computed for one day (Asia/Shanghai). */
export interface ExperienceScoresTable {
  shop_id: string;
  day: string; // YYYY-MM-DD, Asia/Shanghai
  computed_at: number;
  window_from: number;
  window_to: number;
  /** Paid orders in the window. */
  orders: number;
  /** The top-level category the shop sells most in (its peers' category). */
  category_id: string | null;
  status: string; // scored | not_enough_orders
  total: number | null; // 0–100
  product: number | null;
  logistics: number | null;
  service: number | null;
  /** Peers the benchmarks came from (0: the platform's default benchmarks). */
  peers: number;
  /** JSON: IndicatorResult[] */
  indicators: string;
}

/** The weights an admin set for a top-level category (JSON `ExperienceWeights`). */
export interface ExperienceWeightsTable {
  category_id: string;
  weights: string;
  updated_by: string | null;
  updated_at: number;
}

export interface ExperienceTables {
  experience_scores: ExperienceScoresTable;
  experience_weights: ExperienceWeightsTable;
}
