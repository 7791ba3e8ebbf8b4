/** Which push messages a domain event becomes (tags of the wire format), and the retry schedule. Pure. */

export const PUSH_TAGS = {
  '100': 'order_created',
  '101': 'order_paid',
  '102': 'order_shipped',
  '103': 'order_completed',
  '104': 'order_logistics_changed',
  '105': 'order_address_changed',
  '106': 'order_cancelled',
  '200': 'aftersale_created',
  '201': 'refund_agreed',
  '202': 'return_agreed',
  '203': 'buyer_returned',
  '204': 'refund_refused',
  '205': 'return_refused',
  '206': 'refund_succeeded',
  '207': 'aftersale_closed',
  '400': 'product_changed',
} as const;
export type PushTag = keyof typeof PUSH_TAGS;
export const ALL_PUSH_TAGS = Object.keys(PUSH_TAGS) as PushTag[];
export const isPushTag = (t: string): t is PushTag => Object.hasOwn(PUSH_TAGS, t);

/** The outbox topics the push listens to. */
export const PUSH_TOPICS = ['order.', 'shipment.edited', 'aftersales.', 'product.changed'] as const;
export type PushTopicPrefix = (typeof PUSH_TOPICS)[number];

export interface EventForTags {
  topic: string;
  payload: { to?: string; from?: string; action?: string; type?: string };
}

/** The tags an outbox event is pushed as (none for events apps do not hear about). */
export function tagsFor(e: EventForTags): PushTag[] {
  switch (e.topic) {
    case 'order.created':
      return ['100'];
    case 'order.paid':
      return ['101'];
    case 'order.shipped':
      return ['102'];
    case 'order.completed':
      return ['103'];
    case 'order.cancelled':
      return ['106'];
    case 'order.address_changed':
      return ['105'];
    case 'shipment.edited':
      return ['104'];
    case 'aftersales.requested':
      return ['200'];
    case 'product.changed':
      return ['400'];
  }
  if (!e.topic.startsWith('aftersales.')) return [];
  const to = e.payload.to;
  const action = e.payload.action;
  const isReturn = e.payload.type === 'return_refund';
  switch (to) {
    case 'awaiting_return':
      return ['202'];
    case 'return_shipped':
      return ['203'];
    case 'refunded':
      return action === 'approve' || action === 'auto_approve' || action === 'fast_refund' ? ['201', '206'] : ['206'];
    case 'rejected':
      return [isReturn || action === 'reject_return' ? '205' : '204'];
    case 'closed':
    case 'cancelled':
      return ['207'];
    default:
      return [];
  }
}

/** Back-off after the n-th failed attempt (1-based): 5 s doubling, at most 30 minutes. */
export function pushRetryDelayMs(failures: number): number {
  return Math.min(30 * 60_000, 5_000 * 2 ** Math.max(0, failures - 1));
}

/** Messages that could not be delivered for this long are given up (they stay in the log for replay). */
export const PUSH_GIVE_UP_MS = 24 * 3600 * 1000;
/** At most this many messages in one delivery. */
export const PUSH_BATCH = 50;
