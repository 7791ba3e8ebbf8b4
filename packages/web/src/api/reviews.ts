/** Buyer reviews (商品评价): writing, following up, reading a product's reviews, the shop's list and reply. */
import { uploadPhoto, type Evidence } from './aftersales';
import { api } from './client';

const enc = encodeURIComponent;

export const REVIEW_FILTERS = ['all', 'photos', 'good', 'bad'] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];
export const MAX_REVIEW_PHOTOS = 6;
export const MAX_REVIEW_TEXT = 500;

export interface Stars {
  product: number;
  logistics: number;
  service: number;
}

export interface Review {
  id: string;
  orderId: string;
  orderLineId: string;
  productId: string;
  shopId: string;
  specValues: string[];
  stars: Stars;
  text: string;
  photos: string[];
  createdAt: number;
  reviewer: string;
  followUp: { text: string; photos: string[]; at: number } | null;
  reply: { text: string; at: number } | null;
}

export interface ReviewFlag {
  part: 'review' | 'followup' | 'reply';
  term: string;
  severity: string;
  rule: string;
  start: number;
  end: number;
}

export interface OwnReview extends Review {
  product: { id: string; title: string; imageUrl: string | null };
  flags: ReviewFlag[];
  canFollowUp: boolean;
  followUpDeadline: number;
  canReply: boolean;
}

export interface ReviewSummary {
  count: number;
  rating: number | null;
  logisticsRating: number | null;
  serviceRating: number | null;
  goodPercent: number | null;
  good: number;
  bad: number;
  withPhotos: number;
}

export interface LineReviewState {
  orderLineId: string;
  reviewId: string | null;
  canReview: boolean;
  deadline: number | null;
  canFollowUp: boolean;
}

export interface ReviewInput {
  orderLineId: string;
  productStars: number;
  logisticsStars: number;
  serviceStars: number;
  text: string;
  photoIds: string[];
}

export const reviewsApi = {
  uploadPhoto: (file: Blob, name = 'photo'): Promise<Evidence> => uploadPhoto('/reviews/photos', file, name),
  create: (input: ReviewInput) => api<OwnReview>('POST', '/reviews', { body: input }),
  followUp: (reviewId: string, text: string, photoIds: string[]) => api<OwnReview>('POST', `/reviews/${enc(reviewId)}/followup`, { body: { text, photoIds } }),
  mine: (cursor: string | null) => api<{ items: OwnReview[]; nextCursor: string | null }>('GET', '/me/reviews', { query: { cursor } }),
  orderStates: (orderId: string) => api<{ lines: LineReviewState[] }>('GET', `/orders/${enc(orderId)}/reviews`),
  product: (productId: string, filter: ReviewFilter, cursor: string | null, limit = 10) =>
    api<{ summary: ReviewSummary; items: Review[]; nextCursor: string | null }>('GET', `/products/${enc(productId)}/reviews`, { query: { filter: filter === 'all' ? null : filter, cursor, limit } }),
  shop: (shopId: string, q: { stars: number | null; replied: boolean | null }, cursor: string | null) =>
    api<{ items: OwnReview[]; nextCursor: string | null; summary: ReviewSummary }>('GET', `/merchant/shops/${enc(shopId)}/reviews`, {
      query: { stars: q.stars, replied: q.replied === null ? null : String(q.replied), cursor },
    }),
  reply: (reviewId: string, text: string) => api<OwnReview>('POST', `/merchant/reviews/${enc(reviewId)}/reply`, { body: { text } }),
};
