/**
 * The rules of buyer reviews (商品评价), pure: who may write what and until when, and the figures a
 * product shows. No I/O; the service applies them inside its transactions.
 */

const DAY_MS = 24 * 3600 * 1000;

/** A line may be reviewed for this long after its order completed (15 days). */
export const REVIEW_WINDOW_MS = 15 * DAY_MS;
/** One follow-up (追评) may be added for this long after the review (180 days). */
export const FOLLOWUP_WINDOW_MS = 180 * DAY_MS;
/** Photos with a review, and with its follow-up. */
export const MAX_REVIEW_PHOTOS = 6;
/** Characters of a review's, a follow-up's or a reply's text. */
export const MAX_REVIEW_TEXT = 500;
/** Follow-ups per review and replies per review. */
export const FOLLOWUPS_PER_REVIEW = 1;
export const REPLIES_PER_REVIEW = 1;
/** Product stars that count as a good review (好评) and as a bad one (差评). */
export const GOOD_MIN_STARS = 4;
export const BAD_MAX_STARS = 2;
export const REVIEWS_PAGE_MAX = 50;

export type ReviewFilter = 'all' | 'photos' | 'good' | 'bad';
export const REVIEW_FILTERS: readonly ReviewFilter[] = ['all', 'photos', 'good', 'bad'];

export type ReviewErrorCode =
  | 'REVIEW_EXISTS'
  | 'ORDER_NOT_COMPLETED'
  | 'REVIEW_WINDOW_CLOSED'
  | 'FOLLOWUP_EXISTS'
  | 'FOLLOWUP_WINDOW_CLOSED'
  | 'REPLY_EXISTS'
  | 'REVIEW_PHOTO_UNAVAILABLE';

export interface Stars {
  product: number;
  logistics: number;
  service: number;
}

export type Verdict =
  | { ok: true }
  | { ok: false; code: ReviewErrorCode; status: number; details: Record<string, unknown> };

const ok: Verdict = { ok: true };

/** Whether a star count is one of 1–5. */
export function validStars(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 5;
}

/** When a completed order's lines stop taking reviews. */
export function reviewDeadline(completedAt: number): number {
  return completedAt + REVIEW_WINDOW_MS;
}

/** May the buyer review a line of an order in this state now? (Ownership and duplicates are checked by the store.) */
export function canReview(order: { status: string; completedAt: number | null }, now: number): Verdict {
  if (order.status !== 'completed' || order.completedAt === null)
    return { ok: false, code: 'ORDER_NOT_COMPLETED', status: 422, details: { status: order.status } };
  const deadline = reviewDeadline(order.completedAt);
  if (now > deadline) return { ok: false, code: 'REVIEW_WINDOW_CLOSED', status: 422, details: { deadline } };
  return ok;
}

/** May the buyer add the follow-up now? */
export function canFollowUp(review: { createdAt: number; followupAt: number | null }, now: number): Verdict {
  if (review.followupAt !== null) return { ok: false, code: 'FOLLOWUP_EXISTS', status: 409, details: {} };
  const deadline = review.createdAt + FOLLOWUP_WINDOW_MS;
  if (now > deadline) return { ok: false, code: 'FOLLOWUP_WINDOW_CLOSED', status: 422, details: { deadline } };
  return ok;
}

/** May the shop reply? Once, at any time. */
export function canReply(review: { replyAt: number | null }): Verdict {
  return review.replyAt === null ? ok : { ok: false, code: 'REPLY_EXISTS', status: 409, details: {} };
}

export type StarClass = 'good' | 'neutral' | 'bad';

export function starClass(productStars: number): StarClass {
  return productStars >= GOOD_MIN_STARS ? 'good' : productStars <= BAD_MAX_STARS ? 'bad' : 'neutral';
}

/** What one review adds to the product's figures. */
export function statsDelta(
  stars: Stars,
  hasPhotos: boolean,
): {
  reviews: 1;
  productStarSum: number;
  logisticsStarSum: number;
  serviceStarSum: number;
  good: 0 | 1;
  bad: 0 | 1;
  withPhotos: 0 | 1;
} {
  const cls = starClass(stars.product);
  return {
    reviews: 1,
    productStarSum: stars.product,
    logisticsStarSum: stars.logistics,
    serviceStarSum: stars.service,
    good: cls === 'good' ? 1 : 0,
    bad: cls === 'bad' ? 1 : 0,
    withPhotos: hasPhotos ? 1 : 0,
  };
}

export interface StatsRow {
  reviews: number;
  productStarSum: number;
  logisticsStarSum: number;
  serviceStarSum: number;
  good: number;
  bad: number;
  withPhotos: number;
}

export interface ReviewSummary {
  count: number;
  /** Average product stars, one decimal; null with no reviews. */
  rating: number | null;
  logisticsRating: number | null;
  serviceRating: number | null;
  /** Share of good reviews (4–5 product stars) in whole percent, rounded down so 99.6 % never shows as 100 %; null with no reviews. */
  goodPercent: number | null;
  good: number;
  bad: number;
  withPhotos: number;
}

const oneDecimal = (sum: number, n: number): number => Math.round((sum * 10) / n) / 10;

/** The figures a product page shows, from the stored sums. */
export function summarizeReviews(s: StatsRow): ReviewSummary {
  const n = s.reviews;
  if (n <= 0)
    return {
      count: 0,
      rating: null,
      logisticsRating: null,
      serviceRating: null,
      goodPercent: null,
      good: 0,
      bad: 0,
      withPhotos: 0,
    };
  return {
    count: n,
    rating: oneDecimal(s.productStarSum, n),
    logisticsRating: oneDecimal(s.logisticsStarSum, n),
    serviceRating: oneDecimal(s.serviceStarSum, n),
    goodPercent: Math.floor((s.good * 100) / n),
    good: s.good,
    bad: s.bad,
    withPhotos: s.withPhotos,
  };
}

/** A reviewer's name as other people see it: the first character and asterisks (张***). */
export function maskReviewerName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '***';
  return `${chars[0]}***`;
}

/** Keyset cursor of the product's list: photos first, then newest (ids sort by creation). */
export function encodeReviewCursor(c: { hasPhotos: boolean; id: string }): string {
  return `${c.hasPhotos ? 1 : 0}.${c.id}`;
}

export function decodeReviewCursor(cursor: string): { hasPhotos: boolean; id: string } | null {
  const m = /^([01])\.(rev_[0-9a-z]{26})$/.exec(cursor);
  return m ? { hasPhotos: m[1] === '1', id: m[2]! } : null;
}
