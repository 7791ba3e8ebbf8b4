/** Row types of the reviews module's tables (merged into `Database` in schema.ts). */

/** One buyer review (商品评价) of one order line, with its one follow-up (追评) and the shop's one reply. */
export interface ReviewsTable {
  id: string;
  order_id: string;
  /** Unique: a line is reviewed once. */
  order_line_id: string;
  product_id: string;
  sku_id: string;
  shop_id: string;
  buyer_id: string;
  /** The line's spec values (JSON string[]), shown with the review. */
  spec_values: string;
  product_stars: number; // 1–5
  logistics_stars: number; // 1–5
  service_stars: number; // 1–5
  text: string;
  /** JSON: the rule book's review and warn hits on the text (reject hits never get this far). */
  flags: string;
  /** 1 when the review itself carries photos (the product page lists these first). */
  has_photos: number;
  created_at: number;
  followup_text: string | null;
  followup_flags: string | null;
  followup_at: number | null;
  reply_text: string | null;
  reply_flags: string | null;
  reply_by: string | null;
  reply_at: number | null;
}

/** A photo uploaded by a buyer; attached to a review (or its follow-up) when the buyer writes with it. */
export interface ReviewPhotosTable {
  id: string;
  uploader_id: string;
  review_id: string | null;
  part: string | null; // review | followup
  sort: number;
  file_name: string;
  content_type: string;
  bytes: number;
  created_at: number;
}

/** The product's review figures, moved in the same transaction as each review. */
export interface ProductReviewStatsTable {
  product_id: string;
  shop_id: string;
  reviews: number;
  product_star_sum: number;
  logistics_star_sum: number;
  service_star_sum: number;
  /** Reviews with 4 or 5 product stars (好评). */
  good: number;
  /** Reviews with 1 or 2 product stars (差评). */
  bad: number;
  with_photos: number;
  updated_at: number;
}

export interface ReviewsTables {
  reviews: ReviewsTable;
  review_photos: ReviewPhotosTable;
  product_review_stats: ProductReviewStatsTable;
}
