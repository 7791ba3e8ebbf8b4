/** The order state machine: a table of allowed transitions and who may cause each. Pure. */
import { stateTable, type Transition } from '../platform/index.js';

import type { OrderStatus } from '../storage/index.js';

export type { OrderStatus };
export type ActorKind = 'buyer' | 'merchant' | 'admin' | 'system' | 'provider' | 'carrier';
export type OrderAction = 'pay' | 'cancel' | 'ship' | 'deliver' | 'complete';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'unpaid',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
];

export const ORDER_TRANSITIONS: readonly Transition<OrderStatus, OrderAction, ActorKind>[] = [
  { from: 'unpaid', action: 'pay', to: 'paid', who: ['provider'] },
  { from: 'unpaid', action: 'cancel', to: 'cancelled', who: ['buyer', 'merchant', 'admin', 'system'] },
  { from: 'paid', action: 'ship', to: 'shipped', who: ['merchant'] },
  { from: 'paid', action: 'cancel', to: 'cancelled', who: ['buyer', 'merchant', 'admin'] }, // refunded in full
  { from: 'shipped', action: 'deliver', to: 'delivered', who: ['carrier', 'buyer', 'admin', 'system'] },
  { from: 'delivered', action: 'complete', to: 'completed', who: ['buyer', 'admin', 'system'] },
];

export const ORDER_STATES = stateTable('order', ORDER_TRANSITIONS);

export function canTransition(from: string, to: OrderStatus, by: ActorKind): boolean {
  return ORDER_STATES.canMove(from, to, by);
}

export function assertTransition(from: string, to: OrderStatus, by: ActorKind): void {
  ORDER_STATES.assertMove(from, to, by);
}

/** The timestamp column each state sets when entered. */
export const STATUS_TIME_COLUMN = {
  paid: 'paid_at',
  shipped: 'shipped_at',
  delivered: 'delivered_at',
  completed: 'completed_at',
  cancelled: 'cancelled_at',
} as const satisfies Partial<Record<OrderStatus, string>>;
