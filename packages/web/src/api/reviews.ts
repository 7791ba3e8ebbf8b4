/** Buyer reviews (商品评价): writing, following up, reading a product's reviews, the shop's list and reply. */
import { uploadPhoto, type Evidence } from './aftersales';
import { api } from './client';
import type { Answer } from './contract';

const enc = encodeURIComponent;

export const REVIEW_FILTERS = ['all', 'photos', 'good', 'bad'] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];
export const MAX_REVIEW_PHOTOS = 6;
export const MAX_REVIEW_TEXT = 500;

type ProductReviews = Answer<'/api/v1/products/{productId}/reviews', 'get'>;
export type Review = ProductReviews['items'][number];
export type Stars = Review['stars'];
export type ReviewSummary = ProductReviews['summary'];
export type OwnReview = Answer<'/api/v1/reviews/{reviewId}/followup', 'post'>;
export type ReviewFlag = OwnReview['flags'][number];
export type LineReviewState = Answer<'/api/v1/orders/{orderId}/reviews', 'get'>['lines'][number];

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
  followUp: (reviewId: string, text: string, photoIds: string[]) =>
    api<OwnReview>('POST', `/reviews/${enc(reviewId)}/followup`, { body: { text, photoIds } }),
  mine: (cursor: string | null) =>
    api<Answer<'/api/v1/me/reviews', 'get'>>('GET', '/me/reviews', { query: { cursor } }),
  orderStates: (orderId: string) =>
    api<Answer<'/api/v1/orders/{orderId}/reviews', 'get'>>('GET', `/orders/${enc(orderId)}/reviews`),
  product: (productId: string, filter: ReviewFilter, cursor: string | null, limit = 10) =>
    api<Answer<'/api/v1/products/{productId}/reviews', 'get'>>('GET', `/products/${enc(productId)}/reviews`, {
      query: { filter: filter === 'all' ? null : filter, cursor, limit },
    }),
  shop: (shopId: string, q: { stars: number | null; replied: boolean | null }, cursor: string | null) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}/reviews', 'get'>>('GET', `/merchant/shops/${enc(shopId)}/reviews`, {
      query: { stars: q.stars, replied: q.replied === null ? null : String(q.replied), cursor },
    }),
  reply: (reviewId: string, text: string) =>
    api<OwnReview>('POST', `/merchant/reviews/${enc(reviewId)}/reply`, { body: { text } }),
};
