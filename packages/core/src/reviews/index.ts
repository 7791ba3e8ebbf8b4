/** Buyer reviews (商品评价): the public surface of the reviews module. */
export {
  BAD_MAX_STARS, FOLLOWUP_WINDOW_MS, FOLLOWUPS_PER_REVIEW, GOOD_MIN_STARS, MAX_REVIEW_PHOTOS, MAX_REVIEW_TEXT, REPLIES_PER_REVIEW, REVIEW_FILTERS, REVIEW_WINDOW_MS, REVIEWS_PAGE_MAX,
  canFollowUp, canReply, canReview, decodeReviewCursor, encodeReviewCursor, maskReviewerName, reviewDeadline, starClass, statsDelta, summarizeReviews, validStars,
  type ReviewErrorCode, type ReviewFilter, type ReviewSummary, type StarClass, type Stars, type StatsRow, type Verdict as ReviewVerdict,
} from './review-rules.js';
export {
  addFollowUp, createReview, myReviews, orderReviewStates, ownReview, productReviews, productReviewSummary, replyToReview, shopReviews,
  type LineReviewState, type OwnReviewView, type ReviewFlag, type ReviewInput, type ReviewView,
} from './reviews.js';
export { MAX_UNUSED_REVIEW_PHOTOS, purgeUnusedReviewPhotos, uploadReviewPhoto } from './review-photos.js';
export type { ReviewCreatedPayload, ReviewEvent, ReviewEventTopic, ReviewFollowedUpPayload, ReviewRepliedPayload } from './review-events.js';
