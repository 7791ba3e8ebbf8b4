/** The reviews module's domain events, written to the outbox in the transaction of the change. */
import type { Tx } from '../context.js';
import { emit } from '../outbox/index.js';

export interface ReviewCreatedPayload {
  reviewId: string;
  orderId: string;
  orderLineId: string;
  productId: string;
  shopId: string;
  buyerId: string;
  productStars: number;
  logisticsStars: number;
  serviceStars: number;
  hasPhotos: boolean;
  /** Whether the rule book flagged the text (review or warn hits). */
  flagged: boolean;
  at: number;
}

export interface ReviewFollowedUpPayload {
  reviewId: string;
  productId: string;
  shopId: string;
  at: number;
}

export interface ReviewRepliedPayload {
  reviewId: string;
  productId: string;
  shopId: string;
  repliedBy: string;
  at: number;
}

export type ReviewEvent =
  | { topic: 'review.created'; payload: ReviewCreatedPayload }
  | { topic: 'review.followed_up'; payload: ReviewFollowedUpPayload }
  | { topic: 'review.replied'; payload: ReviewRepliedPayload };

export type ReviewEventTopic = ReviewEvent['topic'];

export async function emitReviewEvent(tx: Tx, event: ReviewEvent, now: number): Promise<void> {
  await emit(tx, event.topic, event.payload.reviewId, event.payload, now);
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'review.created': ReviewCreatedPayload;
    'review.followed_up': ReviewFollowedUpPayload;
    'review.replied': ReviewRepliedPayload;
  }
}
