/** The order state machine: a table of allowed transitions and who may cause each. Pure. */
import { DomainError } from '../platform/index.js';

export type OrderStatus = 'unpaid' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled';
export type ActorKind = 'buyer' | 'merchant' | 'admin' | 'system' | 'provider' | 'carrier';

export const ORDER_STATUSES: readonly OrderStatus[] = ['unpaid', 'paid', 'shipped', 'delivered', 'completed', 'cancelled'];

export const ORDER_TRANSITIONS: ReadonlyArray<{ from: OrderStatus; to: OrderStatus; by: readonly ActorKind[] }> = [
  { from: 'unpaid', to: 'paid', by: ['provider'] },
  { from: 'unpaid', to: 'cancelled', by: ['buyer', 'merchant', 'admin', 'system'] },
  { from: 'paid', to: 'shipped', by: ['merchant'] },
  { from: 'paid', to: 'cancelled', by: ['buyer', 'merchant', 'admin'] }, // refunded in full
  { from: 'shipped', to: 'delivered', by: ['carrier', 'buyer', 'admin', 'system'] },
  { from: 'delivered', to: 'completed', by: ['buyer', 'admin', 'system'] },
];

export function canTransition(from: string, to: OrderStatus, by: ActorKind): boolean {
  return ORDER_TRANSITIONS.some((t) => t.from === from && t.to === to && t.by.includes(by));
}

export function assertTransition(from: string, to: OrderStatus, by: ActorKind): void {
  if (!canTransition(from, to, by)) {
    throw new DomainError('INVALID_TRANSITION', `a ${from} order cannot become ${to} (by ${by})`, 409, { from, to, by });
  }
}

/** The timestamp column each state sets when entered. */
export const STATUS_TIME_COLUMN = {
  paid: 'paid_at',
  shipped: 'shipped_at',
  delivered: 'delivered_at',
  completed: 'completed_at',
  cancelled: 'cancelled_at',
} as const satisfies Partial<Record<OrderStatus, string>>;
