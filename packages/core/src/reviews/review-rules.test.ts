import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canFollowUp,
  canReply,
  canReview,
  decodeReviewCursor,
  encodeReviewCursor,
  maskReviewerName,
  reviewDeadline,
  starClass,
  statsDelta,
  summarizeReviews,
  FOLLOWUP_WINDOW_MS,
  REVIEW_WINDOW_MS,
} from './review-rules.js';

const DAY = 24 * 3600 * 1000;

test('the review window is 15 days after completion, inclusive, and only for completed orders', () => {
  assert.equal(REVIEW_WINDOW_MS, 15 * DAY);
  const done = 1_000_000;
  assert.equal(reviewDeadline(done), done + 15 * DAY);
  assert.deepEqual(canReview({ status: 'completed', completedAt: done }, done), { ok: true });
  assert.deepEqual(canReview({ status: 'completed', completedAt: done }, done + 15 * DAY), { ok: true });
  const late = canReview({ status: 'completed', completedAt: done }, done + 15 * DAY + 1);
  assert.equal(late.ok, false);
  assert.equal(!late.ok && late.code, 'REVIEW_WINDOW_CLOSED');
  assert.equal(!late.ok && late.status, 422);
  for (const status of ['unpaid', 'paid', 'shipped', 'delivered', 'cancelled']) {
    const v = canReview({ status, completedAt: null }, done);
    assert.equal(!v.ok && v.code, 'ORDER_NOT_COMPLETED', status);
  }
});

test('one follow-up within 180 days of the review; one reply at any time', () => {
  assert.equal(FOLLOWUP_WINDOW_MS, 180 * DAY);
  assert.deepEqual(canFollowUp({ createdAt: 0, followupAt: null }, 180 * DAY), { ok: true });
  const late = canFollowUp({ createdAt: 0, followupAt: null }, 180 * DAY + 1);
  assert.equal(!late.ok && late.code, 'FOLLOWUP_WINDOW_CLOSED');
  const twice = canFollowUp({ createdAt: 0, followupAt: 5 }, 10);
  assert.equal(!twice.ok && twice.code, 'FOLLOWUP_EXISTS');
  assert.equal(!twice.ok && twice.status, 409);
  assert.deepEqual(canReply({ replyAt: null }), { ok: true });
  const again = canReply({ replyAt: 3 });
  assert.equal(!again.ok && again.code, 'REPLY_EXISTS');
});

test('good is 4–5 product stars, bad 1–2; the summary rounds the rating to one decimal and the good share down', () => {
  assert.deepEqual([1, 2, 3, 4, 5].map(starClass), ['bad', 'bad', 'neutral', 'good', 'good']);
  assert.deepEqual(statsDelta({ product: 5, logistics: 3, service: 4 }, true), {
    reviews: 1,
    productStarSum: 5,
    logisticsStarSum: 3,
    serviceStarSum: 4,
    good: 1,
    bad: 0,
    withPhotos: 1,
  });
  assert.deepEqual(statsDelta({ product: 1, logistics: 1, service: 1 }, false).bad, 1);
  assert.deepEqual(
    summarizeReviews({
      reviews: 0,
      productStarSum: 0,
      logisticsStarSum: 0,
      serviceStarSum: 0,
      good: 0,
      bad: 0,
      withPhotos: 0,
    }).rating,
    null,
  );
  // 3 reviews: 5, 4, 1 stars → 3.3, good 2/3 = 66 %.
  const s = summarizeReviews({
    reviews: 3,
    productStarSum: 10,
    logisticsStarSum: 15,
    serviceStarSum: 14,
    good: 2,
    bad: 1,
    withPhotos: 1,
  });
  assert.deepEqual(s, {
    count: 3,
    rating: 3.3,
    logisticsRating: 5,
    serviceRating: 4.7,
    goodPercent: 66,
    good: 2,
    bad: 1,
    withPhotos: 1,
  });
  // 999 good of 1000 never reads as 100 %.
  assert.equal(
    summarizeReviews({
      reviews: 1000,
      productStarSum: 4996,
      logisticsStarSum: 5000,
      serviceStarSum: 5000,
      good: 999,
      bad: 1,
      withPhotos: 0,
    }).goodPercent,
    99,
  );
});

test('reviewer names are masked and cursors round-trip', () => {
  assert.equal(maskReviewerName('张小明'), '张***');
  assert.equal(maskReviewerName(' '), '***');
  assert.equal(maskReviewerName('😀abc'), '😀***');
  const id = 'rev_01jd3aaaaaaaaaaaaaaaaaaaaa';
  assert.deepEqual(decodeReviewCursor(encodeReviewCursor({ hasPhotos: true, id })), { hasPhotos: true, id });
  assert.equal(decodeReviewCursor('2.' + id), null);
  assert.equal(decodeReviewCursor('1.ord_01jd3aaaaaaaaaaaaaaaaaaaaa'), null);
});
